/**
 * A stand-in for the Electron distribution electron-builder copies (`electronDist`): the real zip
 * cannot be fetched here. What the packaging test needs from it is the layout electron-builder
 * expects for Linux (an `electron` executable, LICENSE, version, resources/) and, inside the
 * executable, a fuse wire where @electron/fuses looks for one: the sentinel, the wire version
 * (1), its length, then one byte per fuse ('0' off, '1' on). The stub's wire is the opposite of
 * electron-builder.yml's settings, so reading them back proves electron-builder flipped them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses's SENTINEL (dist/constants.js); Electron binaries carry it before the wire. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Writes the stub into `dir` with the given initial fuses (index → on) and returns `dir`. */
export function writeElectronStub(dir: string, fuses: readonly boolean[], version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, fuses.length]),
    Buffer.from(fuses.map((on) => (on ? '1' : '0')).join(''), 'latin1'),
  ]);
  // A shell script that says what it is, with the wire as trailing bytes (as in the real binary's data section).
  const script = Buffer.from('#!/bin/sh\necho "electron stub (tests/integration/electron/electron-stub.ts): not a real Electron" >&2\nexit 3\n');
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, Buffer.from('\n# '), wire, Buffer.from('\n')]), { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stub\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stub</p>\n');
  writeFileSync(join(dir, 'version'), version);
  return dir;
}

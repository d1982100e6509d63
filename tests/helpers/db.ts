/** Temp databases for integration tests: real SQLite files in a fresh folder, removed afterwards. */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { generateDemo, type DemoScale } from '../../electron/demo/generate.ts';
import { currentLedgerKey } from '../../electron/db/cipher.ts';
import { openDatabase } from '../../electron/db/connection.ts';
import { openSession, type Session } from '../../electron/services/session.ts';
import { templateFile } from './demo-template.ts';

export interface TempDir {
  dir: string;
  path(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'ledger-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The template globalSetup built for this scale with the default seed, or null. */
function demoTemplate(scale: DemoScale, seed: number | undefined): string | null {
  // The templates are plaintext: a test that set a ledger key expects an encrypted demo.
  if (seed !== undefined || currentLedgerKey() !== null) return null;
  const dir = inject('demoTemplates');
  const file = dir ? templateFile(dir, scale) : '';
  return file && existsSync(file) ? file : null;
}

/** Creates a demo database file at `path` (closed again) and returns the path: a copy of the run's
 * template when there is one for this scale and seed, else generated here. */
export function makeDemoDb(path: string, scale: DemoScale = 'small', seed?: number): string {
  const template = demoTemplate(scale, seed);
  if (template && !existsSync(path)) {
    copyFileSync(template, path);
    return path;
  }
  const db = openDatabase(path);
  try {
    generateDemo(db, { scale, ...(seed === undefined ? {} : { seed }) });
  } finally {
    db.close();
  }
  return path;
}

/** A session on a demo (or empty) database, with an operator so changes can be audited. */
export function demoSession(path: string, scale: DemoScale | null = 'small'): Session {
  if (scale) makeDemoDb(path, scale);
  return openSession(path, { operator: '测试员' });
}

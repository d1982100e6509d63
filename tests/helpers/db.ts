/** Temp databases for integration tests: real SQLite files in a fresh folder, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo, type DemoScale } from '../../electron/demo/generate.ts';
import { openDatabase } from '../../electron/db/connection.ts';
import { openSession, type Session } from '../../electron/services/session.ts';

export interface TempDir {
  dir: string;
  path(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'ledger-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Creates a demo database file at `path` (closed again) and returns the path. */
export function makeDemoDb(path: string, scale: DemoScale = 'small', seed?: number): string {
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

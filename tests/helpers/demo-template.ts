/**
 * Vitest globalSetup: the demo ledgers most test files start from are generated once per run into a
 * temp folder, and `makeDemoDb` copies the file instead of generating it again (a copy takes
 * milliseconds; the small demo takes seconds, the county one much longer). Only the default seed is
 * templated: a test asking for another seed still generates its own.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateDemo, type DemoScale } from '../../electron/demo/generate.ts';
import { openDatabase } from '../../electron/db/connection.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding the demo templates, empty when none were built (e.g. unit tests). */
    demoTemplates: string;
  }
}
/** Scales built up front: the ones many files use. `city` is too large to build for every run. */
const SCALES: DemoScale[] = ['small', 'county'];

export function templateFile(dir: string, scale: DemoScale): string {
  return join(dir, `demo-${scale}.db`);
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-demo-templates-'));
  for (const scale of SCALES) {
    const db = openDatabase(templateFile(dir, scale));
    try {
      generateDemo(db, { scale });
      // One self-contained file: the copy must not depend on a -wal beside it.
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    if (existsSync(`${templateFile(dir, scale)}-wal`)) throw new Error(`demo template ${scale} left a WAL file`);
  }
  project.provide('demoTemplates', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * The import's checking and writing in this process's main thread (the app runs them in a worker
 * whose execArgv is empty, so `--cpu-prof` never reaches it), the reader on its own thread as in
 * the app: `LEDGER_READER_CPU_PROF=DIR node --cpu-prof --cpu-prof-dir=DIR tests/bench/import-profile.ts FILE.xlsx`
 * writes one profile per thread (the variable gives the reader thread its own --cpu-prof). Prints
 * wall and CPU time and what was written, into a fresh ledger or a copy of LEDGER when given:
 * `import-profile.ts FILE.xlsx [LEDGER.db]` (a township file into a county ledger).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../electron/db/connection.ts';
import type { Db } from '../../electron/db/types.ts';
import { importFile } from '../../electron/import/pipeline.ts';

const [file, ledger] = process.argv.slice(2);
if (!file) throw new Error('usage: import-profile.ts FILE.xlsx [LEDGER.db]');
const dir = mkdtempSync(join(tmpdir(), 'import-profile-'));
const path = join(dir, 'ledger.db');
if (ledger) copyFileSync(ledger, path);
openDatabase(path).close();
// The worker's connection settings (electron/import/threads/import.worker.ts).
const db = new Database(path, { fileMustExist: true }) as unknown as Db;
for (const p of ['synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 10000', 'cache_size = -65536', 'temp_store = MEMORY']) db.pragma(p);
try {
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const r = await importFile(db, { path: file, mode: 'commit', operator: '基准测试', dbPath: path, cancel: new SharedArrayBuffer(4) });
  const used = process.cpuUsage(cpu);
  const summary = 'households' in r ? { households: r.households, members: r.members, errors: r.errorCount } : r;
  process.stdout.write(`${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms: ${JSON.stringify(summary)}\n`);
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

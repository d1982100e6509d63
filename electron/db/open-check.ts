/**
 * When to run SQLite's quick_check. It reads every page (0.7 s on a county ledger, 2–3 s at city
 * scale), so it no longer runs on every open: a CLI `stats` paid it each time. It runs
 *  - at open, after an unclean shutdown: SQLite deletes the `-wal` file when the last connection
 *    closes cleanly, so a non-empty `-wal` means a crash, a kill or a power cut (or another process
 *    has the file open right now, where the check is merely redundant);
 *  - in the background at every start of the app, on a second, read-only connection in a worker
 *    thread, so the window stays usable (the app starts about once a working day);
 *  - always in `check` / 设置 → 完整性检查.
 */
import { existsSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry.ts';
import type { CheckResult } from './integrity.ts';
import { setMeta } from './meta.ts';
import type { Db } from './types.ts';

/** The meta key holding the ISO time of the last passed quick_check. */
export const LAST_CHECK_KEY = 'integrity_checked_at';

/** True when the file's write-ahead log survived: the last session did not close the database. */
export function uncleanShutdown(dbPath: string): boolean {
  if (dbPath === ':memory:') return false;
  const wal = `${dbPath}-wal`;
  return existsSync(wal) && statSync(wal).size > 0;
}

export function recordCheckPassed(db: Db, now: Date = new Date()): void {
  setMeta(db, LAST_CHECK_KEY, now.toISOString());
}

/** quick_check on a read-only connection in a worker thread; the caller's thread stays free. */
export function checkInWorker(dbPath: string): Promise<CheckResult> {
  const worker = new Worker(workerEntry('integrity.worker', import.meta.url), { workerData: { dbPath }, execArgv: [] });
  return new Promise<CheckResult>((resolve, reject) => {
    worker.once('message', (r: CheckResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`完整性检查线程意外退出（${code}）`)));
  });
}

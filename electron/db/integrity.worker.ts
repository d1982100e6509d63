/** Runs quick_check on its own read-only connection (see open-check.ts) and posts the result. */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { checkIntegrity, type CheckResult } from './integrity.ts';
import { applyKey } from './cipher.ts';

const { dbPath } = workerData as { dbPath: string };
let result: CheckResult;
try {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, dbPath);
    result = checkIntegrity(db, 'quick');
  } finally {
    db.close();
  }
} catch (e) {
  result = { ok: false, kind: 'quick', problems: [(e as Error).message], ms: 0 };
}
parentPort?.postMessage(result);

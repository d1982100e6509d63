/**
 * First start: when there is no ledger yet, build a demo one so a steward sees a populated app at
 * once (the banner says it is generated, not real). It is written under a temporary name and
 * renamed only when complete, so a crash, a power cut or quitting mid-way never leaves a
 * half-filled `ledger.db` that would then be taken for the real one.
 * A county-scale demo takes tens of seconds, so Electron runs it in a worker thread
 * (first-run.worker.ts) while the window shows progress.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../db/connection.ts';
import { generateDemo, type DemoScale } from '../demo/generate.ts';

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

function removeDb(path: string): void {
  for (const suffix of SIDE_FILES) rmSync(path + suffix, { force: true });
}

export type Progress = (done: number, total: number) => void;

/** Returns true when a new demo database was created, false when one already existed. */
export function ensureDatabase(dbPath: string, scale: DemoScale = 'county', onProgress?: Progress): boolean {
  if (existsSync(dbPath)) return false;
  const temp = `${dbPath}.creating`;
  // userData does not exist yet on a machine that never ran the app.
  mkdirSync(dirname(dbPath), { recursive: true });
  removeDb(temp);
  const db = openDatabase(temp);
  try {
    generateDemo(db, { scale, ...(onProgress ? { onProgress } : {}) });
    // Fold the WAL back into the main file so the rename moves the whole database.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    db.close();
    removeDb(temp);
    throw e;
  }
  db.close();
  rmSync(`${temp}-wal`, { force: true });
  rmSync(`${temp}-shm`, { force: true });
  renameSync(temp, dbPath);
  return true;
}

export interface FirstRunRequest {
  dbPath: string;
  scale: DemoScale;
}

export type FirstRunMessage = { type: 'progress'; done: number; total: number } | { type: 'done'; created: boolean };

/** Runs ensureDatabase in `workerFile` (the bundled first-run.worker) and resolves when it is done. */
export function ensureDatabaseInWorker(workerFile: string, request: FirstRunRequest, onProgress?: Progress): Promise<boolean> {
  if (existsSync(request.dbPath)) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: request });
    let created: boolean | null = null;
    worker.on('message', (m: FirstRunMessage) => {
      if (m.type === 'progress') onProgress?.(m.done, m.total);
      else created = m.created;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (created !== null) resolve(created);
      else reject(new Error(`演示数据库生成失败（工作线程退出码 ${code}）`));
    });
  });
}

/**
 * The import worker: reads, checks and writes one file on its own database connection, so the main
 * process (and the renderer behind it) never waits on parsing or inserting, and a hostile file
 * that exhausts the worker's memory limit kills only this thread. WAL keeps the main connection
 * reading the last committed state until this transaction commits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { AppError, toErrorDto } from '../../../shared/errors.ts';
import type { Db } from '../../db/types.ts';
import { applyKey } from '../../db/cipher.ts';
import { importFile, type ImportOptions } from '../pipeline.ts';
import type { WorkerTask, WorkerMessage } from './run.ts';

function open(path: string): Db {
  const db = new Database(path, { fileMustExist: true });
  applyKey(db, path);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}

async function main(task: WorkerTask): Promise<unknown> {
  const flag = new Int32Array(task.cancel);
  const checkCancel = (): void => {
    const v = Atomics.load(flag, 0);
    if (v === 1) throw new AppError('cancelled', '导入已取消，数据库未做任何修改');
    if (v === 2) throw new AppError('timeout', `处理文件超时，已停止，数据库未做任何修改`);
  };
  const post = (m: WorkerMessage): void => parentPort!.postMessage(m);
  const db = open(task.dbPath);
  try {
    const opts: ImportOptions = {
      path: task.path, mode: task.mode === 'errorWorkbook' ? 'preview' : task.mode, operator: task.operator, year: task.year, mapping: task.mapping, clearBlanks: task.clearBlanks, acceptMismatch: task.acceptMismatch,
      checkCancel, onProgress: (p) => post({ type: 'progress', ...p }), dbPath: task.dbPath, cancel: task.cancel,
    };
    const report = await importFile(db, opts);
    if (task.mode !== 'errorWorkbook') return report;
    // Loaded only for this job: exceljs took ~0.5 s of every import's start.
    const { writeErrorWorkbook } = await import('../error-workbook.ts');
    return await writeErrorWorkbook(task.path, task.out!, report, checkCancel, task.fullIds === true);
  } finally {
    db.close();
  }
}

main(workerData as WorkerTask).then(
  (result) => parentPort!.postMessage({ type: 'result', result } satisfies WorkerMessage),
  (e: unknown) => parentPort!.postMessage({ type: 'error', error: toErrorDto(e) } satisfies WorkerMessage),
);

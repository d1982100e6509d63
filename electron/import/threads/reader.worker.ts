/**
 * The reader thread of a large import: parses and checks the file (reader.ts) on a read-only
 * connection and hands the writer ordered batches of operations, at most WINDOW ahead. Parsing
 * hostile input happens here, under this thread's own memory limit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { AppError, toErrorDto } from '../../../shared/errors.ts';
import { readFile } from '../check/reader.ts';
import { applyKey } from '../../db/cipher.ts';
import { WINDOW, type ReaderMessage, type ReaderTask } from './reader-thread.ts';

const task = workerData as ReaderTask;
const port = parentPort!;
let credits = WINDOW;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
  wake = null;
});

async function main(): Promise<void> {
  const flag = new Int32Array(task.cancel);
  const checkCancel = (): void => {
    if (Atomics.load(flag, 0) !== 0) throw new AppError('cancelled', '导入已取消，数据库未做任何修改');
  };
  const db = new Database(task.dbPath, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, task.dbPath);
    for await (const ev of readFile(db, { ...task.opts, checkCancel })) {
      while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      port.postMessage(ev satisfies ReaderMessage);
    }
  } finally {
    db.close();
  }
}

main().then(
  () => undefined,
  (e: unknown) => port.postMessage({ t: 'error', error: toErrorDto(e) } satisfies ReaderMessage),
);

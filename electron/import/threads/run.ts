/**
 * Starts the import worker with memory and time limits and turns every way it can end (result,
 * error, out of memory, timeout, cancel) into a value or a Chinese AppError naming the file.
 * The worker entry is the .ts file when running from source (Node strips the types) and the
 * bundled sibling `import.worker.cjs` in the built app.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FieldKey } from '../../../shared/domain/import-headers.ts';
import { AppError, type ErrorDto } from '../../../shared/errors.ts';
import { LIMITS, TUNING } from '../limits.ts';
import type { ImportProgress } from '../pipeline.ts';
import { workerEntry } from '../../worker-entry.ts';
import { systemReason } from '../../../shared/humanize-error.ts';

export interface WorkerTask {
  mode: 'preview' | 'commit' | 'errorWorkbook';
  path: string;
  dbPath: string;
  operator: string;
  year?: number | undefined;
  mapping?: Record<string, FieldKey | null> | undefined;
  clearBlanks?: boolean | undefined;
  acceptMismatch?: boolean | undefined;
  out?: string | undefined;
  /** errorWorkbook: write full ID numbers (asked for with a reason, audited by the service). */
  fullIds?: boolean | undefined;
  /** Int32[1]: 0 run, 1 cancelled, 2 timed out. */
  cancel: SharedArrayBuffer;
}

export type WorkerMessage =
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: ErrorDto };

/**
 * The wall clock is a backstop against a file that makes the reader spin, not a speed target: a
 * whole-city file on a busy county PC may take many minutes, so the limit grows with the file.
 */
function timeoutFor(path: string): number {
  let mb = 0;
  try {
    mb = statSync(path).size / 1048576;
  } catch {
    // Missing files fail fast in the worker with their own message.
  }
  return Math.max(LIMITS.workerTimeoutMs, mb * LIMITS.workerMsPerMb);
}

export interface RunHandle<T> {
  done: Promise<T>;
  cancel(): void;
}

function exitError(flag: number, file: string): AppError {
  if (flag === 2) return new AppError('timeout', `处理文件“${file}”超时，已停止，数据库未做任何修改`);
  if (flag === 1) return new AppError('cancelled', `文件“${file}”的处理已取消，数据库未做任何修改`);
  return new AppError('internal', `处理文件“${file}”时意外中止，数据库未做任何修改。请重试；如仍出错，请查看磁盘空间或联系技术支持。`);
}

export function runWorker<T>(task: Omit<WorkerTask, 'cancel'>, onProgress?: (p: ImportProgress) => void): RunHandle<T> {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const file = basename(task.path);
  const worker = new Worker(workerEntry('import.worker', import.meta.url), {
    workerData: { ...task, cancel } satisfies WorkerTask,
    resourceLimits: { maxOldGenerationSizeMb: LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 16 },
    execArgv: [],
  });
  let settled = false;
  let killTimer: NodeJS.Timeout | null = null;
  const stop = (reason: 1 | 2): void => {
    Atomics.store(flag, 0, reason);
    // The worker checks the flag between row batches and rolls back; a stuck one is terminated.
    killTimer ??= setTimeout(() => void worker.terminate(), TUNING.workerKillGraceMs);
  };
  const timeout = setTimeout(() => stop(2), timeoutFor(task.path));
  const done = new Promise<T>((resolve, reject) => {
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.({ read: m.read, checked: m.checked, total: m.total });
      else if (m.type === 'result') finish(() => resolve(m.result as T));
      else finish(() => reject(new AppError(m.error.code, m.error.message, m.error.details)));
    });
    worker.on('error', (e: Error & { code?: string }) => finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new AppError('file-too-large', `读取文件“${file}”时内存超过上限，已停止，数据库未做任何修改（文件过大或被恶意构造）`)
      : new AppError('internal', `读取文件“${file}”时出错：${systemReason(e)}`))));
    // An exit without a result is a cancel or a timeout only when one was asked for; otherwise the
    // worker stopped on its own (issue #18: a full disk used to read as 已取消).
    worker.on('exit', () => finish(() => reject(exitError(Atomics.load(flag, 0), file))));
  });
  return { done, cancel: () => stop(1) };
}

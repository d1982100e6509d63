/**
 * The writer's side of a reader running on its own thread (reader.worker.ts): the reader's events as
 * an async iterator. Flow control is by credits: the reader may be at most WINDOW batches ahead of
 * the writer, so a fast reader never piles a whole city file up in memory while the writer catches
 * up. A reader that fails, runs out of memory or is stopped ends the iteration with an AppError.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorDto } from '../../../shared/errors.ts';
import { LIMITS, TUNING } from '../limits.ts';
import type { ReaderEvent, ReaderOptions } from '../check/reader.ts';
import { workerEntry } from '../../worker-entry.ts';
import { systemReason } from '../../../shared/humanize-error.ts';

/** Batches in flight; each is one inflated chunk of the sheet (a few hundred rows). */
export const WINDOW = TUNING.readerWindow;

export interface ReaderTask {
  dbPath: string;
  opts: Omit<ReaderOptions, 'checkCancel'>;
  /** Int32[1]: non-zero means stop (shared with the import worker's cancel flag). */
  cancel: SharedArrayBuffer;
}

export type ReaderMessage = ReaderEvent | { t: 'error'; error: ErrorDto };

/**
 * Profiling the reader (tests/bench/import-profile.ts): LEDGER_READER_CPU_PROF=DIR gives this
 * thread a --cpu-prof of its own; otherwise it inherits no flags from the process, as in the app.
 */
function profileArgs(): string[] {
  const dir = process.env.LEDGER_READER_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/**
 * Starts the reader thread at once, so that it loads and opens the file while the writer still sets
 * up its transaction; `events` then yields what it sends. `stop` ends the thread whether or not
 * `events` was ever iterated (the generator's own cleanup runs only once iteration has begun).
 */
export function startReaderThread(task: ReaderTask): { events: AsyncGenerator<ReaderEvent>; stop: () => void } {
  const worker = new Worker(workerEntry('reader.worker', import.meta.url), {
    workerData: task,
    // A 32 MB young generation: each batch's rows and messages die young, and at 16 MB the reader
    // spent ~2.4 s of a city import in scavenges against ~1 s now (a fixed cost, not per row).
    resourceLimits: { maxOldGenerationSizeMb: LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 32 },
    execArgv: profileArgs(),
  });
  const queue: ReaderMessage[] = [];
  let failure: AppError | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ReaderMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (e: Error & { code?: string }) => {
    failure = e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new AppError('file-too-large', `读取文件“${task.opts.file}”时内存超过上限，已停止，数据库未做任何修改（文件过大或被恶意构造）`)
      : new AppError('internal', `读取文件“${task.opts.file}”时出错：${systemReason(e)}`);
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  const stop = (): void => void worker.terminate();
  async function* events(): AsyncGenerator<ReaderEvent> {
    try {
      for (;;) {
        const m = queue.shift();
        if (m) {
          if (m.t === 'error') throw new AppError(m.error.code, m.error.message, m.error.details);
          yield m;
          if (m.t === 'end') return;
          worker.postMessage('credit');
          continue;
        }
        if (failure) throw failure;
        if (exited) throw new AppError('cancelled', `文件“${task.opts.file}”的读取已停止，数据库未做任何修改`);
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      stop();
    }
  }
  return { events: events(), stop };
}

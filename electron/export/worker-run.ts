/**
 * Runs an export in a worker thread and finishes it here: the audit entry for full IDs is written
 * on the app's connection, then the part file gets its final name. The worker entry is the .ts
 * file when running from source (Node strips the types) and the bundled `export.worker.cjs` in the
 * built app (scripts/bundle-options.ts bundles every *.worker.ts).
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorDto } from '../../shared/errors.ts';
import type { ExportOptions, FormKind, FormOutcome } from './form.ts';
import { checkTarget, finishExport, type ExportOutcome, type PartOutcome } from './run.ts';
import { workerEntry } from '../worker-entry.ts';
import { systemReason } from '../../shared/humanize-error.ts';

export interface ExportTask {
  dbPath: string;
  form: FormKind;
  part: string;
  opts: ExportOptions;
}

export type ExportWorkerMessage =
  | { type: 'progress'; step: string; current: number; total: number | null }
  | { type: 'result'; outcome: PartOutcome }
  | { type: 'error'; error: ErrorDto };

export interface WorkerHooks {
  signal?: AbortSignal | undefined;
  progress?: (step: string, current: number, total: number | null) => void;
  beforeCommit?: (o: FormOutcome) => void;
}

function inWorker(task: ExportTask, hooks: WorkerHooks): Promise<PartOutcome> {
  const worker = new Worker(workerEntry('export.worker', import.meta.url), { workerData: task, execArgv: [] });
  return new Promise<PartOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', cancel);
      fn();
      void worker.terminate();
    };
    // The worker stops at its next batch of rows; one that does not is terminated.
    const cancel = (): void => {
      worker.postMessage('cancel');
      setTimeout(() => finish(() => reject(new AppError('cancelled', '导出已取消'))), 10_000).unref();
    };
    hooks.signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (m: ExportWorkerMessage) => {
      if (m.type === 'progress') hooks.progress?.(m.step, m.current, m.total);
      else if (m.type === 'result') finish(() => resolve(m.outcome));
      else finish(() => reject(new AppError(m.error.code, m.error.message, m.error.details)));
    });
    worker.on('error', (e: Error) => finish(() => reject(new AppError('internal', `导出时出错：${systemReason(e)}`))));
    worker.on('exit', () => finish(() => reject(new AppError('cancelled', '导出已中止'))));
  });
}

/** The export job's body: same result as runExport, with the writing off the main thread. */
export async function runExportInWorker(dbPath: string, form: FormKind, outPath: string, opts: ExportOptions, hooks: WorkerHooks = {}): Promise<ExportOutcome> {
  checkTarget(outPath);
  const part = `${outPath}.part`;
  const o = await inWorker({ dbPath, form, part, opts }, hooks);
  return finishExport(form, part, outPath, o, hooks.beforeCommit);
}

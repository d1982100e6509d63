/**
 * The export worker: writes one form into `<out>.part` on its own read-only connection, so the main
 * process (and the window behind it) stays responsive while a 37万-row ledger streams out. Progress
 * goes back as messages; a 'cancel' message aborts at the next batch of rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorDto } from '../../shared/errors.ts';
import { writeFormPart } from './run.ts';
import type { ExportTask, ExportWorkerMessage } from './worker-run.ts';

const controller = new AbortController();
const post = (m: ExportWorkerMessage): void => parentPort!.postMessage(m);
parentPort!.on('message', (m: unknown) => {
  if (m === 'cancel') controller.abort();
});

const task = workerData as ExportTask;
writeFormPart(task.dbPath, task.form, task.part, task.opts, {
  signal: controller.signal,
  progress: (step, current, total) => post({ type: 'progress', step, current, total }),
}).then(
  (outcome) => post({ type: 'result', outcome }),
  (e: unknown) => post({ type: 'error', error: toErrorDto(e) }),
);

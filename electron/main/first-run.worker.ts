/** Worker entry for the first-start demo database (see first-run.ts), off Electron's main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { ensureDatabase, type FirstRunMessage, type FirstRunRequest } from './first-run.ts';

const { dbPath, scale } = workerData as FirstRunRequest;
const post = (m: FirstRunMessage): void => parentPort?.postMessage(m);
const created = ensureDatabase(dbPath, scale, (done, total) => post({ type: 'progress', done, total }));
post({ type: 'done', created });

/**
 * The renderer's one job protocol. A job is started by a call that answers with its id; its end
 * arrives as job:done / job:failed, possibly *before* that answer (a small export can finish
 * first), so outcomes are kept by id until someone waits for them. Results are typed by job kind
 * (shared/events.ts JobResults): no casts in the views.
 */
import type { JobDone, JobFailed, JobKind, JobProgress, JobResults } from '../../../shared/events.ts';
import { onEvent } from './client.ts';

export type JobOutcome<K extends JobKind> = { ok: true; result: JobResults[K] } | { ok: false; message: string };

export interface JobWatch<K extends JobKind> {
  /** Resolves with the job's result; rejects with its Chinese message. */
  wait(jobId: string): Promise<JobResults[K]>;
  /** Stops listening (pending waits stay pending). */
  dispose(): void;
}

/** Whether an event belongs to one of `kinds`; narrows the payload to those kinds. */
function ofKinds<K extends JobKind, E extends JobDone | JobFailed | JobProgress>(e: E, kinds: readonly K[]): e is E & { kind: K } {
  return (kinds as readonly JobKind[]).includes(e.kind);
}

/** Listens for the end of jobs of `kinds` (and their progress, when asked) until disposed. */
export function watchJobs<K extends JobKind>(kinds: readonly K[], onProgress?: (p: JobProgress) => void): JobWatch<K> {
  const settled = new Map<string, JobOutcome<K>>();
  const waiters = new Map<string, (o: JobOutcome<K>) => void>();
  const deliver = (jobId: string, o: JobOutcome<K>): void => {
    const w = waiters.get(jobId);
    if (w) {
      waiters.delete(jobId);
      w(o);
    } else settled.set(jobId, o);
  };
  const offs = [
    onEvent('job:done', (d) => {
      // JobDone is a union by kind; narrowed to K its result is JobResults[K], which TS cannot
      // see through the generic, hence the one annotation here rather than a cast in every view.
      if (ofKinds(d, kinds)) deliver(d.jobId, { ok: true, result: d.result as JobResults[K] });
    }),
    onEvent('job:failed', (d) => {
      if (ofKinds(d, kinds)) deliver(d.jobId, { ok: false, message: d.error.message });
    }),
    ...(onProgress ? [onEvent('job:progress', (p) => ofKinds(p, kinds) && onProgress(p))] : []),
  ];
  return {
    wait: (jobId) =>
      new Promise<JobOutcome<K>>((resolve) => {
        const early = settled.get(jobId);
        if (early) {
          settled.delete(jobId);
          resolve(early);
        } else waiters.set(jobId, resolve);
      }).then((o) => {
        if (!o.ok) throw new Error(o.message);
        return o.result;
      }),
    dispose: () => offs.forEach((off) => off()),
  };
}

/**
 * Starts one job and waits for it: `start` is the call that answers with the id (null: the user
 * closed a save dialog, nothing started). Listening begins before the call, so no event is missed.
 */
export async function runJob<K extends JobKind, S extends { jobId: string }>(kind: K, start: () => Promise<S | null>): Promise<{ started: S; result: JobResults[K] } | null> {
  const watch = watchJobs([kind]);
  try {
    const started = await start();
    if (!started) return null;
    return { started, result: await watch.wait(started.jobId) };
  } finally {
    watch.dispose();
  }
}

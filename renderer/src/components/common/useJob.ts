/**
 * A job seen from a view: its id while it runs, its latest progress, `run` to start it and wait for
 * its typed result, `cancel`. Built on the one protocol in api/jobs.ts; listens while the view lives.
 */
import { onBeforeUnmount, ref, type Ref } from 'vue';
import type { JobKind, JobProgress, JobResults } from '../../../../shared/events.ts';
import { watchJobs } from '../../api/jobs.ts';

export interface UseJob<K extends JobKind> {
  jobId: Ref<string | null>;
  progress: Ref<JobProgress | null>;
  /** Starts the job with `start` (null: nothing started) and resolves with its result; rejects with the Chinese message. */
  run<S extends { jobId: string }>(start: () => Promise<S | null>, first: Omit<JobProgress, 'jobId'>): Promise<{ started: S; result: JobResults[K] } | null>;
  /** Cancels the running job through `cancelCall`, if one runs. */
  cancel(cancelCall: (jobId: string) => Promise<unknown>): Promise<void>;
}

export function useJob<K extends JobKind>(kinds: readonly K[]): UseJob<K> {
  const jobId = ref<string | null>(null);
  const progress = ref<JobProgress | null>(null);
  const watch = watchJobs(kinds, (p) => {
    if (p.jobId === jobId.value) progress.value = p;
  });
  onBeforeUnmount(() => watch.dispose());

  async function run<S extends { jobId: string }>(start: () => Promise<S | null>, first: Omit<JobProgress, 'jobId'>): Promise<{ started: S; result: JobResults[K] } | null> {
    const started = await start();
    if (!started) return null;
    jobId.value = started.jobId;
    progress.value = { ...first, jobId: started.jobId };
    try {
      return { started, result: await watch.wait(started.jobId) };
    } finally {
      if (jobId.value === started.jobId) {
        jobId.value = null;
        progress.value = null;
      }
    }
  }

  async function cancel(cancelCall: (jobId: string) => Promise<unknown>): Promise<void> {
    if (jobId.value) await cancelCall(jobId.value);
  }

  return { jobId, progress, run, cancel };
}

/**
 * Long work (import, export, backup) runs as jobs: `start` returns an id at once, progress is
 * pushed as throttled events, and a job can be cancelled. Jobs that write are run one after the
 * other (a queue), so two imports started together never interleave their transactions.
 */
import { randomUUID } from 'node:crypto';
import { AppError, toErrorDto } from '../../shared/errors.ts';
import type { AppEvents, EventName, JobKind, JobResults } from '../../shared/events.ts';
import { errorFields, log } from './log.ts';

export interface JobHandle {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** `checked`: for imports, rows already checked and written (current = rows read). */
  progress(step: string, current: number, total: number | null, checked?: number): void;
}

export type Emit = <E extends EventName>(event: E, payload: AppEvents[E]) => void;

interface RunningJob {
  kind: JobKind;
  controller: AbortController;
  promise: Promise<unknown>;
}

const PROGRESS_INTERVAL_MS = 100;

export class JobRunner {
  private readonly emit: Emit;
  private readonly running = new Map<string, RunningJob>();
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(emit: Emit) {
    this.emit = emit;
  }

  /** Starts a job and returns its id; `exclusive` jobs wait for earlier exclusive ones. */
  start<K extends JobKind>(kind: K, work: (job: JobHandle) => Promise<JobResults[K]>, opts: { exclusive?: boolean } = {}): { jobId: string; done: Promise<JobResults[K]> } {
    const jobId = randomUUID();
    const controller = new AbortController();
    const handle = this.makeHandle(jobId, kind, controller);
    const run = async (): Promise<JobResults[K]> => {
      if (controller.signal.aborted) throw new AppError('cancelled', '任务已取消');
      return work(handle);
    };
    const done = opts.exclusive ? this.enqueue(run) : run();
    const t0 = Date.now();
    log.info('job started', { kind, jobId });
    const tracked = done.then(
      (result) => {
        log.info('job done', { kind, jobId, ms: Date.now() - t0 });
        // The mapped union cannot be built from a generic K without help; kind and result match by construction.
        this.emit('job:done', { jobId, kind, result } as AppEvents['job:done']);
        return result;
      },
      (e: unknown) => {
        const fault = !(e instanceof AppError) || e.code === 'internal';
        log[fault ? 'error' : 'info']('job failed', { kind, jobId, ms: Date.now() - t0, ...(fault ? errorFields(e) : { code: e.code }) });
        this.emit('job:failed', { jobId, kind, error: toErrorDto(e) });
        throw e;
      },
    );
    tracked.catch(() => undefined).finally(() => this.running.delete(jobId));
    this.running.set(jobId, { kind, controller, promise: tracked });
    return { jobId, done: tracked };
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** Waits for every running job (used on shutdown and in tests). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((j) => j.promise));
  }

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  private makeHandle(jobId: string, kind: JobKind, controller: AbortController): JobHandle {
    let last = 0;
    return {
      jobId,
      signal: controller.signal,
      progress: (step, current, total, checked) => {
        const now = Date.now();
        const final = total !== null && current >= total;
        if (!final && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        this.emit('job:progress', { jobId, kind, step, current, total, ...(checked === undefined ? {} : { checked }) });
      },
    };
  }
}

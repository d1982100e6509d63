/**
 * Waits for an output job (list export, report) started in main: resolves with its result on
 * job:done, rejects with the Chinese message on job:failed. Events may arrive before the start
 * call returns the id, so they are held until then.
 */
import { invoke, onEvent } from '../../api/client.ts';
import type { ApiArgs } from '../../../../shared/api/index.ts';

type Started = { jobId: string; path: string } | null;

export async function runOutputJob<T>(kind: 'export-list' | 'report', start: () => Promise<Started>): Promise<{ path: string; result: T } | null> {
  const seen = new Map<string, { ok: true; result: unknown } | { ok: false; message: string }>();
  let waiting: ((id: string) => void) | null = null;
  const offs = [
    onEvent('job:done', (d) => {
      if (d.kind !== kind) return;
      seen.set(d.jobId, { ok: true, result: d.result });
      waiting?.(d.jobId);
    }),
    onEvent('job:failed', (d) => {
      if (d.kind !== kind) return;
      seen.set(d.jobId, { ok: false, message: d.error.message });
      waiting?.(d.jobId);
    }),
  ];
  try {
    const started = await start();
    if (!started) return null;
    const outcome = seen.get(started.jobId) ?? (await new Promise<NonNullable<ReturnType<typeof seen.get>>>((resolve) => {
      waiting = (id) => {
        const o = seen.get(id);
        if (id === started.jobId && o) resolve(o);
      };
    }));
    if (!outcome.ok) throw new Error(outcome.message);
    return { path: started.path, result: outcome.result as T };
  } finally {
    offs.forEach((off) => off());
  }
}

export function exportListJob(args: ApiArgs<'export:list'>): Promise<{ path: string; result: { rows: number; filterLine: string } } | null> {
  return runOutputJob('export-list', () => invoke('export:list', args));
}

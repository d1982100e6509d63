/**
 * Waits for an output job (list export, report) started in main: resolves with its typed result on
 * job:done, rejects with the Chinese message on job:failed (the protocol is api/jobs.ts).
 */
import { invoke } from '../../api/client.ts';
import { runJob } from '../../api/jobs.ts';
import type { ApiArgs } from '../../../../shared/api/index.ts';
import type { JobResults } from '../../../../shared/events.ts';

type Started = { jobId: string; path: string } | null;

export async function runOutputJob<K extends 'export-list' | 'report'>(kind: K, start: () => Promise<Started>): Promise<{ path: string; result: JobResults[K] } | null> {
  const r = await runJob(kind, start);
  return r && { path: r.started.path, result: r.result };
}

export function exportListJob(args: ApiArgs<'export:list'>): Promise<{ path: string; result: JobResults['export-list'] } | null> {
  return runOutputJob('export-list', () => invoke('export:list', args));
}

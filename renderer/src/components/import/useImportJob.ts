/**
 * One import job at a time, seen from the renderer: start it, follow its progress events, get its
 * outcomes from job:done (or the error from job:failed), cancel it. Events can arrive before the
 * start call returns the job id, so early ones are kept until the id is known.
 */
import { onBeforeUnmount, ref } from 'vue';
import type { FileOutcome } from '../../../../shared/api/import.ts';
import type { JobProgress } from '../../../../shared/events.ts';
import { errorMessage, invoke, onEvent } from '../../api/client.ts';

type Settled = { ok: true; result: FileOutcome[] } | { ok: false; message: string };

export function useImportJob() {
  const jobId = ref<string | null>(null);
  const progress = ref<JobProgress | null>(null);
  const early = new Map<string, Settled>();
  let resolveRun: ((s: Settled) => void) | null = null;

  const settle = (id: string, s: Settled): void => {
    if (jobId.value !== id) {
      early.set(id, s);
      return;
    }
    jobId.value = null;
    progress.value = null;
    resolveRun?.(s);
    resolveRun = null;
  };
  const off = [
    onEvent('job:progress', (p) => {
      if (p.kind.startsWith('import:') && p.jobId === jobId.value) progress.value = p;
    }),
    onEvent('job:done', (d) => {
      if (d.kind === 'import:preview' || d.kind === 'import:commit') settle(d.jobId, { ok: true, result: d.result as FileOutcome[] });
    }),
    onEvent('job:failed', (d) => {
      if (d.kind === 'import:preview' || d.kind === 'import:commit') settle(d.jobId, { ok: false, message: d.error.message });
    }),
  ];
  onBeforeUnmount(() => off.forEach((u) => u()));

  /** Runs a preview or a commit; resolves with the outcomes, rejects with the Chinese message. */
  async function run(mode: 'preview' | 'commit', args: { paths: string[]; year?: number; mapping?: Record<string, string | null>; acceptMismatch?: boolean }): Promise<FileOutcome[]> {
    const done = new Promise<Settled>((resolve) => (resolveRun = resolve));
    try {
      const started = await invoke(mode === 'commit' ? 'import:commit' : 'import:preview', args as never);
      jobId.value = started.jobId;
      progress.value = { jobId: started.jobId, kind: `import:${mode}`, step: '正在读取文件…', current: 0, total: null };
      const e = early.get(started.jobId);
      if (e) {
        early.delete(started.jobId);
        settle(started.jobId, e);
      }
    } catch (e) {
      resolveRun = null;
      throw new Error(errorMessage(e));
    }
    const s = await done;
    if (!s.ok) throw new Error(s.message);
    return s.result;
  }

  async function cancel(): Promise<void> {
    if (jobId.value) await invoke('import:cancel', { jobId: jobId.value });
  }

  return { jobId, progress, run, cancel };
}

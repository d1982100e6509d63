/**
 * One import job at a time, seen from the renderer: start it, follow its progress events, get its
 * outcomes from job:done (or the error from job:failed), cancel it. The protocol (events that
 * arrive before the start call answers are kept) is api/jobs.ts, through useJob.
 */
import type { FileOutcome } from '../../../../shared/api/import.ts';
import type { ApiArgs } from '../../../../shared/api/index.ts';
import { errorMessage, invoke } from '../../api/client.ts';
import { useJob } from '../common/useJob.ts';

type RunArgs = ApiArgs<'import:commit'>;

export function useImportJob() {
  const job = useJob(['import:preview', 'import:commit']);

  /** Runs a preview or a commit; resolves with the outcomes, rejects with the Chinese message. */
  async function run(mode: 'preview' | 'commit', args: RunArgs): Promise<FileOutcome[]> {
    const start = () => (mode === 'commit' ? invoke('import:commit', args) : invoke('import:preview', args));
    let r;
    try {
      r = await job.run(start, { kind: `import:${mode}`, step: '正在读取文件…', current: 0, total: null });
    } catch (e) {
      throw new Error(errorMessage(e));
    }
    // Both calls always answer with an id, so there is always a result.
    return r?.result ?? [];
  }

  async function cancel(): Promise<void> {
    await job.cancel((jobId) => invoke('import:cancel', { jobId }));
  }

  return { jobId: job.jobId, progress: job.progress, run, cancel };
}

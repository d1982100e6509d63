/**
 * Import services: preview and commit run as jobs (progress, cancel, queued behind other writes),
 * each file in the import worker; undo, batches, templates and the error workbook. The renderer
 * listens to job:done for the outcomes; the CLI and tests await `import:result`.
 */
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { FileOutcome, FileReport, importApi } from '../../shared/api/import.ts';
import { FIELDS, normalizeHeader, type FieldKey } from '../../shared/domain/import-headers.ts';
import { AppError, toErrorDto } from '../../shared/errors.ts';
import { batchIssues, listBatches, saveTemplate } from '../import/batches.ts';
import { runWorker } from '../import/threads/run.ts';
import { batchChanges } from '../import/changes.ts';
import { undoBatch } from '../import/write/undo.ts';
import type { HandlersFor, ServiceContext } from './context.ts';
import type { JobHandle } from './jobs.ts';
import { operatorIfKnown, recordAudit } from './writes.ts';
import { resolveOperator } from '../db/audit.ts';
import { markImporting } from '../db/import-marker.ts';

/** Full ID numbers in an error workbook: a reason (audited), a writable ledger and an operator. */
function fullIdsOperator(ctx: ServiceContext, reason: string | undefined): string {
  if (!reason || reason.trim().length < 2) throw new AppError('validation', '错误说明工作簿中写入完整证件号码必须填写理由（至少 2 个字），理由将记入审计日志。');
  ctx.assertWritable();
  return resolveOperator(ctx);
}

const results = new Map<string, Promise<FileOutcome[]>>();

function normalizeMapping(m: Record<string, FieldKey | null> | undefined): Record<string, FieldKey | null> | undefined {
  if (!m) return undefined;
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [normalizeHeader(k), v]));
}

/** A preview writes nothing; the name only labels the report. */
function previewOperator(ctx: ServiceContext): string {
  return operatorIfKnown(ctx) ?? '预览';
}

/** The integrity area may install a backup hook; it runs before anything is written. */
async function beforeWrite(ctx: ServiceContext, reason: string): Promise<void> {
  const hook = (ctx as ServiceContext & { beforeWrite?: (reason: string) => unknown }).beforeWrite;
  if (hook) await hook.call(ctx, reason);
}

interface RunArgs {
  paths: string[];
  year?: number | undefined;
  mapping?: Record<string, FieldKey | null> | undefined;
  clearBlanks?: boolean | undefined;
  acceptMismatch?: boolean | undefined;
}

async function runFiles(ctx: ServiceContext, job: JobHandle, mode: 'preview' | 'commit', args: RunArgs, operator: string): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  const mapping = normalizeMapping(args.mapping);
  for (const [i, path] of args.paths.entries()) {
    if (job.signal.aborted) throw new AppError('cancelled', '导入已取消');
    const file = basename(path);
    const step = `${args.paths.length > 1 ? `(${i + 1}/${args.paths.length}) ` : ''}${mode === 'commit' ? '导入' : '检查'} ${file}`;
    const handle = runWorker<FileReport>({ mode, path, dbPath: ctx.dbPath, operator, year: args.year, mapping, clearBlanks: args.clearBlanks, acceptMismatch: args.acceptMismatch }, (p) => job.progress(step, p.read, p.total, p.checked));
    const onAbort = (): void => handle.cancel();
    job.signal.addEventListener('abort', onAbort);
    try {
      out.push(await handle.done);
    } catch (e) {
      const error = toErrorDto(e);
      if (error.code === 'cancelled') throw e;
      out.push({ file, path, error });
    } finally {
      job.signal.removeEventListener('abort', onAbort);
    }
  }
  return out;
}

/** `operator` is set for a commit (dispatch checked the database is writable and resolved it). */
function start(ctx: ServiceContext, mode: 'preview' | 'commit', args: RunArgs, committer?: string): { jobId: string } {
  const operator = committer ?? previewOperator(ctx);
  const { jobId, done } = ctx.jobs.start(`import:${mode}`, async (job) => {
    if (mode === 'commit') await beforeWrite(ctx, 'import');
    // While it writes, a write elsewhere that finds the ledger locked says 正在导入 (db/import-marker.ts).
    const unmark = mode === 'commit' ? markImporting(ctx.dbPath) : () => undefined;
    const outcomes = await runFiles(ctx, job, mode, args, operator).finally(unmark);
    if (outcomes.some((o) => 'batchId' in o && o.batchId !== null)) ctx.emit('data:changed', { reason: 'import' });
    return outcomes;
  }, { exclusive: true });
  done.catch(() => undefined);
  results.set(jobId, done);
  // Keep only recent results: the renderer gets them from job:done, the CLI awaits them at once.
  if (results.size > 20) results.delete(results.keys().next().value!);
  return { jobId };
}

export const importHandlers: HandlersFor<typeof importApi> = {
  'import:preview': (ctx, args) => start(ctx, 'preview', args),
  'import:commit': (ctx, args, w) => start(ctx, 'commit', args, w.operator),
  'import:result': async (_ctx, { jobId }) => {
    const p = results.get(jobId);
    if (!p) throw new AppError('not-found', '没有这个导入任务（可能已过期）');
    return p;
  },
  'import:cancel': (ctx, { jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  'import:batches': (ctx, { limit }) => listBatches(ctx.db, limit),
  'import:batchIssues': (ctx, { batchId }) => batchIssues(ctx.db, batchId),
  'import:batchChanges': (ctx, { batchId, limit }) => batchChanges(ctx.db, batchId, limit),
  'import:undo': async (ctx, { batchId }, { operator }) => {
    const { done } = ctx.jobs.start('import:undo', async () => {
      await beforeWrite(ctx, 'undo');
      return undoBatch(ctx.db, batchId, operator);
    }, { exclusive: true });
    const result = await done;
    ctx.emit('data:changed', { reason: 'undo' });
    return result;
  },
  'import:saveTemplate': (ctx, { township, mapping }, w) => ({ key: saveTemplate(ctx.db, w.audit, township ?? null, normalizeMapping(mapping) ?? {}) }),
  'import:templates': (ctx) =>
    (ctx.db.prepare('SELECT key, township_code, mapping FROM import_templates ORDER BY key').all() as Array<{ key: string; township_code: string | null; mapping: string }>)
      .map((r) => ({ key: r.key, township: r.township_code, mapping: JSON.parse(r.mapping) as Record<string, FieldKey | null> })),
  'import:errorWorkbook': async (ctx, args) => {
    const operator = args.fullIds ? fullIdsOperator(ctx, args.reason) : null;
    const out = args.out ?? (await ctx.platform.saveFile({
      title: '保存错误说明工作簿', defaultName: `${basename(args.path).replace(/\.[^.]+$/, '')}-错误说明.xlsx`, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    }));
    if (!out) return { path: null, rows: 0, fullIds: false };
    const task = { mode: 'errorWorkbook', path: args.path, out, dbPath: ctx.dbPath, operator: previewOperator(ctx), year: args.year, mapping: normalizeMapping(args.mapping), fullIds: operator !== null } as const;
    const r = await runWorker<{ path: string; rows: number }>(task).done;
    if (operator !== null) {
      try {
        recordAudit(ctx, operator, { action: 'export-full-ids', detail: { kind: 'error-workbook', file: basename(out), source: basename(args.path), rows: r.rows, reason: args.reason?.trim() } });
      } catch (e) {
        rmSync(out, { force: true }); // A full-ID file that is not in the audit log must not stay behind.
        throw e;
      }
    }
    return { ...r, fullIds: operator !== null };
  },
  'import:fields': () => FIELDS.map((f) => ({ key: f.key, header: f.header, level: f.level })),
  'dialog:openImportFiles': (ctx, { title }) =>
    ctx.platform.openFiles({ title: title ?? '选择要导入的乡镇表格', filters: [{ name: '表格文件', extensions: ['xlsx', 'xlsm', 'xls', 'et', 'ods', 'xlsb', 'xml', 'csv', 'txt', 'htm', 'html'] }], multiple: true }),
};

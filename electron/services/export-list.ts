/**
 * 导出当前列表, 导出表格, the income band edges and the analysis report (.docx) as services. A list
 * runs as a job over the app's connection (pages of the same list queries the screen uses); the
 * full-ID rule is the forms' (reason + operator, audited before the file gets its name).
 */
import { basename } from 'node:path';
import type { BandEdgesDto, ExportListArgs, exportListApi } from '../../shared/api/export-list.ts';
import { bandLabels, DEFAULT_BAND_EDGES } from '../../shared/domain/income-bands.ts';
import { getSetting } from '../db/meta.ts';
import { BANDS_KEY, readBandEdges, writeBandEdges } from '../export/bands-setting.ts';
import { writeList, type ListOutcome } from '../export/list.ts';
import { writeTable } from '../export/table.ts';
import { runReport } from '../report/run.ts';
import { safeFileName } from './chart-png.ts';
import type { HandlersFor, ServiceContext } from './context.ts';
import { fullIdOperator } from './export.ts';
import { recordAudit } from './writes.ts';

function bands(ctx: ServiceContext): BandEdgesDto {
  const edges = readBandEdges(ctx.db);
  return { edges, labels: bandLabels(edges), isDefault: getSetting(ctx.db, BANDS_KEY) === null || JSON.stringify(edges) === JSON.stringify(DEFAULT_BAND_EDGES) };
}

export interface ListJobHooks {
  signal?: AbortSignal | undefined;
  progress?: (step: string, current: number, total: number | null) => void;
}

/** One list export to `out` (CLI and the job below). */
export async function exportList(ctx: ServiceContext, a: ExportListArgs, out: string, hooks: ListJobHooks = {}): Promise<ListOutcome & { fullIds: boolean }> {
  const reason = a.list === 'work-ledger' ? undefined : a.reason;
  const showIds = a.list !== 'work-ledger' && a.showIds;
  const operator = showIds ? fullIdOperator(ctx, { form: 'ledger', showIds, reason }) : null;
  const outcome = await writeList(ctx.db, out, a.list === 'households' ? { list: 'households', filter: a.filter } : a.list === 'members' ? { list: 'members', filter: a.filter } : { list: 'work-ledger', filter: a.filter }, {
    showIds: operator !== null, signal: hooks.signal, progress: hooks.progress,
  });
  if (operator !== null) {
    recordAudit(ctx, operator, {
      action: 'export-full-ids',
      detail: { file: basename(out), rows: outcome.rows, reason: reason?.trim(), form: `list:${a.list}`, filter: outcome.filterLine },
    });
  }
  return { ...outcome, fullIds: operator !== null };
}

async function saveTarget(ctx: ServiceContext, title: string, name: string, ext: 'xlsx' | 'docx'): Promise<string | null> {
  const out = await ctx.platform.saveFile({
    title, defaultName: `${safeFileName(name)}.${ext}`,
    filters: [ext === 'xlsx' ? { name: 'Excel 工作簿', extensions: ['xlsx'] } : { name: 'Word 文档', extensions: ['docx'] }],
  });
  if (!out) return null;
  return new RegExp(`\\.${ext}$`, 'i').test(out) ? out : `${out}.${ext}`;
}

export const exportListHandlers: HandlersFor<typeof exportListApi> = {
  'export:list': async (ctx, a) => {
    if (a.list !== 'work-ledger' && a.showIds) fullIdOperator(ctx, { form: 'ledger', showIds: true, reason: a.reason });
    const names = { households: '台账户列表', members: '台账成员列表', 'work-ledger': '两类群体工作台账' } as const;
    const path = await saveTarget(ctx, '导出当前列表', `${names[a.list]}-筛选结果`, 'xlsx');
    if (!path) return null;
    const { jobId, done } = ctx.jobs.start('export-list', (job) => exportList(ctx, a, path, { signal: job.signal, progress: (s, c, t) => job.progress(s, c, t) }));
    done.catch(() => undefined);
    return { jobId, path };
  },
  'export:table': async (ctx, a) => {
    const path = await saveTarget(ctx, '导出表格', a.title, 'xlsx');
    if (!path) return { path: null, rows: 0 };
    return writeTable(ctx.db, path, a);
  },
  'export:bands:get': (ctx) => bands(ctx),
  'export:bands:set': (ctx, a, w) => {
    const { old, value } = writeBandEdges(ctx.db, a.edges);
    if (old !== value) w.audit({ action: 'settings', table: 'settings', key: BANDS_KEY, field: BANDS_KEY, old, new: value });
    return bands(ctx);
  },
  'report:run': async (ctx, a) => {
    const path = await saveTarget(ctx, '生成增收情况分析报告', `增收情况分析${a.year ? `-${a.year}` : ''}`, 'docx');
    if (!path) return null;
    const { jobId, done } = ctx.jobs.start('report', (job) => runReport(ctx.db, path, a, { signal: job.signal, progress: (s, c, t) => job.progress(s, c, t) }));
    done.catch(() => undefined);
    return { jobId, path };
  },
};

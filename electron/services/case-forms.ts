/**
 * The 监测对象 forms written by the service: a village's 公示名单, one household's 监测档案 (full ID only with a reason,
 * audited before the file gets its name) and the county's monthly summary (月报). Without `out` (a window
 * call) main asks where to save; a file chosen there was confirmed by the dialog.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { ApiArgs } from '../../shared/api/index.ts';
import type { CaseFileResult } from '../../shared/api/cases.ts';
import { monthlySummary } from '../cases/monthly.ts';
import { writeCaseMonthly } from '../export/case-monthly.ts';
import { writeCaseNotice, type NoticeOutcome } from '../export/case-notice.ts';
import { AppError } from '../../shared/errors.ts';
import { resolveOperator } from '../db/audit.ts';
import { getCase } from '../cases/read.ts';
import { loadCalendar, loadRules } from '../cases/calendar.ts';
import { workdaysBetween } from '../../shared/cases/calendar.ts';
import { writeCaseFile } from '../export/case-file.ts';
import type { ServiceContext } from './context.ts';
import { recordAudit } from './writes.ts';

const XLSX = { name: 'Excel 工作簿', extensions: ['xlsx'] };

/** The operator who asks for full ID numbers, after the reason rule; null when IDs stay masked. */
function fullIdOperator(ctx: ServiceContext, showIds: boolean | undefined, reason: string | undefined): string | null {
  if (!showIds) return null;
  if (!reason || reason.trim().length < 2) throw new AppError('validation', '导出完整证件号码必须填写理由（至少 2 个字），理由将记入审计日志。', { field: 'reason' });
  ctx.assertWritable();
  return resolveOperator(ctx);
}

export async function exportCaseFile(ctx: ServiceContext, a: ApiArgs<'cases:exportFile'>): Promise<CaseFileResult | null> {
  const operator = fullIdOperator(ctx, a.showIds, a.reason);
  const c = getCase(ctx.db, a.id);
  const out = a.out ?? (await ctx.platform.saveFile({ title: '保存监测档案', defaultName: `监测档案-${c.householdCode}-${c.headName}.xlsx`, filters: [XLSX] }));
  if (!out) return null;
  const cal = loadCalendar(ctx.db);
  return writeCaseFile(ctx.db, out, c, {
    workdays: (from, to) => workdaysBetween(cal, from, to), showIds: operator !== null, force: a.force === true || a.out === undefined,
    beforeCommit: () => {
      if (operator === null) return;
      recordAudit(ctx, operator, { action: 'export-full-ids', detail: { file: basename(out), rows: 1, reason: a.reason?.trim(), form: 'case-file', case: c.id, household: c.householdCode } });
    },
  });
}

export async function exportMonthly(ctx: ServiceContext, a: ApiArgs<'cases:exportMonthly'>): Promise<{ path: string; cases: number } | null> {
  const m = monthlySummary(ctx.db, a.month, a.county);
  const out = a.out ?? (await ctx.platform.saveFile({ title: '保存监测对象月报', defaultName: `${m.countyName}${m.month}防止返贫监测对象月报.xlsx`, filters: [XLSX] }));
  if (!out) return null;
  return writeCaseMonthly(ctx.db, out, m, { force: a.force === true || a.out === undefined });
}

/** 公示名单 of one village; the CLI names the file (refused if it exists, unless `force`), the window gets main's dialog. */
export async function exportNotice(ctx: ServiceContext, a: ApiArgs<'cases:exportNotice'>): Promise<NoticeOutcome | null> {
  const out = a.out ?? (await ctx.platform.saveFile({ title: '保存公示名单', defaultName: `监测对象公示名单-${a.village}.xlsx`, filters: [XLSX] }));
  if (!out) return null;
  if (a.out !== undefined && existsSync(out) && !a.force) throw new AppError('conflict', `文件已存在：${out}（确认覆盖请加 --force）`);
  return writeCaseNotice(ctx.db, out, a.village, loadRules(ctx.db).noticeMinDays);
}

/**
 * 导出 services: the list of forms, a preview, and the export itself as a job. The writing happens
 * in electron/export over a read-only connection of its own; this layer adds what needs the app's
 * context: the save dialog, the full-ID rule (reason + operator, audited before the file gets its
 * name) and progress events.
 */
import { basename } from 'node:path';
import { EXPORT_FORMS, type ExportForm, type ExportFormInfo, type ExportOutcomeDto, type exportApi } from '../../shared/api/export.ts';
import { AppError } from '../../shared/errors.ts';
import { resolveOperator } from '../db/audit.ts';
import { incomeYears } from '../db/queries/stats.ts';
import { FORM_TITLES, type ExportOptions } from '../export/form.ts';
import { previewForm } from '../export/preview.ts';
import { checkPassword, protectWorkbook } from '../export/protect.ts';
import { formUnavailableReason } from '../export/run.ts';
import { runExportInWorker, type WorkerHooks } from '../export/worker-run.ts';
import type { HandlersFor, ServiceContext } from './context.ts';
import { recordAudit } from './writes.ts';
import { notePending } from '../db/pending-temps.ts';

const DESCRIPTIONS: Readonly<Record<ExportForm, string>> = {
  'income-summary': '按乡镇（全市按县区小计）汇总户数、人数、人均纯收入及构成、增幅、两类群体和年度目标差距',
  'two-groups': '低于收入线、收入下降和易地搬迁农户逐户台账，含收入、劳动力务工和一户一策状态',
  plans: '每户一页：家庭情况、上年收入、帮扶措施、目标收入和签字栏',
  matrix: '增收三年行动 22 项措施的牵头、配合单位',
  ledger: '户和成员全部字段及所选年度收入（每年一个文件），可导入另一套本软件',
  'income-bands': '按人均纯收入分段（分段界限可设置）统计各乡镇或村的户数、人数和占比',
  employment: '按乡镇统计劳动力、县内/省内县外/省外务工人数、公益性岗位、务工月数和务工人员人均工资性收入',
  monitoring: '按乡镇统计监测对象户数、类别、风险消除情况（含消除占比）和风险类型',
  'half-year': '半年或年度增收情况：人均纯收入及四项构成的本期、上年、增幅、距目标和距全省平均，附统计口径说明',
};

const HAS_IDS: ReadonlySet<ExportForm> = new Set(['two-groups', 'plans', 'ledger']);

export interface ExportRequest extends ExportOptions {
  form: ExportForm;
  out: string;
  reason?: string | undefined;
  /** An open password: the file is written as a password-protected .xlsx (export/protect.ts). */
  password?: string | undefined;
}

/** Checks the full-ID rule up front, so a refusal comes before minutes of writing. */
export function fullIdOperator(ctx: ServiceContext, r: Pick<ExportRequest, 'form' | 'showIds' | 'reason'>): string | null {
  if (!r.showIds) return null;
  if (!HAS_IDS.has(r.form)) return null;
  if (!r.reason || r.reason.trim().length < 2) {
    throw new AppError('validation', '导出完整证件号码必须填写理由（至少 2 个字），理由将记入审计日志。');
  }
  ctx.assertWritable();
  return resolveOperator(ctx);
}

/** Runs one export to `r.out` (the writing in a worker thread); used by the job below and by the CLI. */
export async function exportForm(ctx: ServiceContext, r: ExportRequest, hooks: WorkerHooks = {}): Promise<ExportOutcomeDto> {
  const operator = fullIdOperator(ctx, r);
  if (r.password !== undefined) checkPassword(r.password);
  const opts: ExportOptions = { year: r.year, county: r.county, township: r.township, by: r.by, period: r.period, showIds: operator !== null };
  // The part file is noted beside the ledger while written, so a killed export's is swept at the next start.
  const done = notePending(ctx.dbPath, `${r.out}.part`);
  const outcome = await runExportInWorker(ctx.dbPath, r.form, r.out, opts, {
    ...hooks,
    beforeCommit: (o) => {
      if (r.password !== undefined) protectWorkbook(`${r.out}.part`, r.password);
      if (operator === null) return;
      recordAudit(ctx, operator, {
        action: 'export-full-ids',
        detail: {
          file: basename(r.out), rows: o.rows, reason: r.reason?.trim(), form: r.form, sheets: o.sheets, year: r.year ?? null, county: r.county ?? null,
          township: r.township ?? null, passwordProtected: r.password !== undefined,
        },
      });
    },
  }).finally(done);
  return {
    form: r.form, path: outcome.path, year: outcome.year, scopeLabel: outcome.scopeLabel, rows: outcome.rows,
    sheets: outcome.sheets, bytes: outcome.bytes, fullIds: operator !== null, passwordProtected: r.password !== undefined,
  };
}

function defaultName(form: ExportForm, year: number | undefined): string {
  return `${FORM_TITLES[form].replace(/[（）]/g, '')}${year ? `-${year}` : ''}.xlsx`;
}

export const exportHandlers: HandlersFor<typeof exportApi> = {
  'export:options': (ctx) => {
    const years = incomeYears(ctx.db);
    const regions = ctx.db.prepare(
      `SELECT r.code, r.name, r.level, r.parent_code FROM regions r
       WHERE r.code IN (SELECT DISTINCT county_code FROM households UNION SELECT DISTINCT township_code FROM households) ORDER BY r.code`,
    ).all() as Array<{ code: string; name: string; level: string; parent_code: string | null }>;
    return {
      forms: EXPORT_FORMS.map((form): ExportFormInfo => {
        const reason = formUnavailableReason(ctx.db, form);
        return { form, title: FORM_TITLES[form], description: DESCRIPTIONS[form], available: reason === null, reason, hasIds: HAS_IDS.has(form) };
      }),
      years,
      latestYear: years.at(-1) ?? null,
      counties: regions.filter((r) => r.level === 'county').map((r) => ({ code: r.code, name: r.name })),
      townships: regions.filter((r) => r.level === 'township').map((r) => ({ code: r.code, name: r.name, county: r.parent_code ?? r.code.slice(0, 6) })),
    };
  },
  'export:preview': (ctx, a) => previewForm(ctx.dbPath, a.form, { year: a.year, county: a.county, township: a.township, by: a.by, period: a.period }),
  'export:run': async (ctx, a) => {
    const request = { ...a, out: '' };
    fullIdOperator(ctx, request);
    const out = await ctx.platform.saveFile({
      title: `导出${FORM_TITLES[a.form]}`,
      defaultName: defaultName(a.form, a.year),
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
    if (!out) return null;
    // Some save dialogs return the name as typed, without the extension the filter implies.
    const path = /\.xlsx$/i.test(out) ? out : `${out}.xlsx`;
    const { jobId, done } = ctx.jobs.start('export', (job) =>
      exportForm(ctx, { ...request, out: path }, { signal: job.signal, progress: (step, cur, total) => job.progress(step, cur, total) }),
    );
    // The outcome reaches the window as job:done / job:failed; nothing else awaits `done`.
    done.catch(() => undefined);
    return { jobId, path };
  },
  'export:cancel': (ctx, a) => ctx.jobs.cancel(a.jobId),
  'export:showInFolder': (ctx, a) => {
    ctx.platform.showItemInFolder(a.path);
    return null;
  },
};

import { readFileSync } from 'node:fs';
import { EXPORT_FORMS, type ExportForm } from '../../../shared/api/export.ts';
import { formatInt } from '../../../shared/domain/format.ts';
import { exportForm } from '../../services/export.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, optionalYear, requireString, UsageError, type Command, type ParsedCli } from '../command.ts';
import { LIST_OPTIONS, runListExport } from './export-list.ts';
import { regionOption, targetOption } from './targets.ts';

function choice<T extends string>(args: ParsedCli, name: string, allowed: readonly T[]): T | undefined {
  const v = optionalString(args, name);
  if (v !== undefined && !(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} 只能是 ${allowed.join('、')}，收到：${v}`);
  return v as T | undefined;
}

/** The open password from a file (first line) or LEDGER_EXPORT_PASSWORD, never from an argument (shell history, ps). */
function passwordOption(args: ParsedCli): string | undefined {
  const file = optionalString(args, 'password-file');
  if (file === undefined) return process.env.LEDGER_EXPORT_PASSWORD || undefined;
  try {
    return (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '').trim();
  } catch {
    throw new UsageError(`无法读取密码文件：${file}`);
  }
}

async function runForm(args: ParsedCli, form: ExportForm, io: Parameters<Command['run']>[1]): Promise<number> {
  const dbPath = requireString(args, 'db');
  const out = targetOption(args, 'xlsx');
  const showIds = args.values['show-ids'] === true;
  const reason = optionalString(args, 'reason');
  if (showIds && !reason) throw new UsageError('--show-ids 必须同时用 --reason 说明理由（理由将记入审计日志）');
  if (!showIds && reason) throw new UsageError('--reason 只与 --show-ids 一起使用');
  const year = optionalYear(args);
  const county = regionOption(optionalString(args, 'county'), 'county');
  const township = regionOption(optionalString(args, 'township'), 'township');
  const by = choice(args, 'by', ['township', 'village'] as const);
  const period = choice(args, 'period', ['half', 'year'] as const);
  const operator = optionalString(args, 'operator');
  const password = passwordOption(args);
  const session = openSession(dbPath, { mustExist: true, ...(operator ? { operator } : {}) });
  try {
    const started = Date.now();
    const r = await exportForm(session.ctx, { form, out, year, county, township, by, period, showIds, reason, ...(password === undefined ? {} : { password }) });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    io.out(`已导出 ${r.scopeLabel}${r.year}年 ${form} 到 ${r.path}：${formatInt(r.rows)} 行，工作表 ${r.sheets.join('、')}（${secs} 秒）${r.fullIds ? '；含完整证件号码，已记入审计日志' : ''}${r.passwordProtected ? '；已用打开密码加密（请另行告知接收人密码）' : ''}`);
    return 0;
  } finally {
    await session.close();
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: '导出上报报表（收入情况统计表、增收情况表、收入分段、务工就业、监测对象、两类群体台账、一户一策、责任分工表、全字段台账）或当前列表（list）为 .xlsx',
  usage: `export ${EXPORT_FORMS.join('|')} --db FILE --out FILE.xlsx [--year YYYY] [--county CODE] [--township CODE] [--by township|village] [--period half|year] [--show-ids --reason TEXT] [--password-file FILE] [--force] [--operator NAME]\n` +
    '  export list --db FILE --out FILE.xlsx [--members] [--filter "county=620422&below=1&sort=perCapita&dir=desc"] [筛选选项，见 README] [--show-ids --reason TEXT] [--force]',
  options: {
    db: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, county: { type: 'string' }, township: { type: 'string' },
    by: { type: 'string' }, period: { type: 'string' }, force: { type: 'boolean' }, 'password-file': { type: 'string' },
    'show-ids': { type: 'boolean' }, reason: { type: 'string' }, ...LIST_OPTIONS,
  },
  async run(args, io) {
    const [form, ...extra] = args.positionals;
    if (!form) throw new UsageError(`请指定报表：${EXPORT_FORMS.join('、')} 或 list`);
    if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    if (form === 'list') return runListExport(args, io);
    if (!(EXPORT_FORMS as readonly string[]).includes(form)) throw new UsageError(`未知报表：${form}（可选：${EXPORT_FORMS.join('、')}、list）`);
    return runForm(args, form as ExportForm, io);
  },
};

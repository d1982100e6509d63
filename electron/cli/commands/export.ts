import { EXPORT_FORMS, type ExportForm } from '../../../shared/api/export.ts';
import { RegionCode } from '../../../shared/api/common.ts';
import { formatInt } from '../../../shared/domain/format.ts';
import { exportForm } from '../../services/export.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, optionalYear, requireString, UsageError, type Command } from '../command.ts';

function regionOption(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !RegionCode.safeParse(value).success) throw new UsageError(`--${name} 应为 6 或 9 位区划代码，收到：${value}`);
  return value;
}

export const exportCommand: Command = {
  name: 'export',
  summary: '导出上报报表（收入情况统计表、两类群体台账、一户一策、责任分工表、全字段台账）为 .xlsx',
  usage: `export ${EXPORT_FORMS.join('|')} --db FILE --out FILE.xlsx [--year YYYY] [--county CODE] [--township CODE] [--show-ids --reason TEXT] [--operator NAME]`,
  options: {
    db: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, county: { type: 'string' }, township: { type: 'string' },
    'show-ids': { type: 'boolean' }, reason: { type: 'string' },
  },
  async run(args, io) {
    const [form, ...extra] = args.positionals;
    if (!form) throw new UsageError(`请指定报表：${EXPORT_FORMS.join('、')}`);
    if (!(EXPORT_FORMS as readonly string[]).includes(form)) throw new UsageError(`未知报表：${form}（可选：${EXPORT_FORMS.join('、')}）`);
    if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const dbPath = requireString(args, 'db');
    const out = requireString(args, 'out');
    if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out 应为 .xlsx 文件，收到：${out}`);
    const showIds = args.values['show-ids'] === true;
    const reason = optionalString(args, 'reason');
    if (showIds && !reason) throw new UsageError('--show-ids 必须同时用 --reason 说明理由（理由将记入审计日志）');
    if (!showIds && reason) throw new UsageError('--reason 只与 --show-ids 一起使用');
    const year = optionalYear(args);
    const county = regionOption(optionalString(args, 'county'), 'county');
    const township = regionOption(optionalString(args, 'township'), 'township');
    const operator = optionalString(args, 'operator');
    const session = openSession(dbPath, { mustExist: true, ...(operator ? { operator } : {}) });
    try {
      const started = Date.now();
      const r = await exportForm(session.ctx, { form: form as ExportForm, out, year, county, township, showIds, reason });
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      io.out(`已导出 ${r.scopeLabel}${r.year}年 ${form} 到 ${r.path}：${formatInt(r.rows)} 行，工作表 ${r.sheets.join('、')}（${secs} 秒）${r.fullIds ? '；含完整证件号码，已记入审计日志' : ''}`);
      return 0;
    } finally {
      await session.close();
    }
  },
};

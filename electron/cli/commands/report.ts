import { RegionCode } from '../../../shared/api/common.ts';
import { formatInt } from '../../../shared/domain/format.ts';
import { runReport } from '../../report/run.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, optionalYear, requireString, UsageError, type Command } from '../command.ts';
import { targetOption } from './targets.ts';

export const reportCommand: Command = {
  name: 'report',
  summary: '生成增收情况分析报告（.docx，含文字分析、图表和表格），全市或一个县区',
  usage: 'report --db FILE --year YYYY [--county CODE] --out FILE.docx [--force]',
  options: { db: { type: 'string' }, year: { type: 'string' }, county: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const out = targetOption(args, 'docx');
    const county = optionalString(args, 'county');
    if (county !== undefined && !(RegionCode.safeParse(county).success && county.length === 6)) throw new UsageError(`--county 应为 6 位县区代码，收到：${county}`);
    const year = optionalYear(args);
    const session = openSession(dbPath, { mustExist: true, readonly: true });
    try {
      const r = await runReport(session.ctx.db, out, { year, county });
      io.out(`已生成 ${r.title} 到 ${r.path}：${formatInt(r.charts)} 幅图表，${formatInt(Math.round(r.bytes / 1024))} KB`);
      if (r.warning) io.err(`注意：${r.warning}`);
      return 0;
    } finally {
      await session.close();
    }
  },
};

/** `campaign --db F --year Y [--county C] [--json] [--out F.xlsx [--force]]`: the 年度采集 board of a county, or its 通报 workbook. */
import type { BoardResult, BoardRow } from '../../../shared/api/campaign.ts';
import { resolve } from 'node:path';
import { openSession } from '../../services/session.ts';
import { targetOption } from './targets.ts';
import { optionalString, printJson, requireString, UsageError, type CliIo, type Command } from '../command.ts';

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function line(r: Pick<BoardRow, 'households' | 'withIncome' | 'rate' | 'refusedRows' | 'openFindings' | 'yoy' | 'changes'>, head: string): string {
  const y = r.yoy;
  return [head, String(r.households).padStart(6), String(r.withIncome).padStart(6), pct(r.rate).padStart(7), String(r.refusedRows).padStart(5), String(r.openFindings).padStart(5),
    String(y.missing).padStart(5), String(y.added).padStart(5), String(y.sizeChanged).padStart(5), String(y.jumps).padStart(5),
    String(y.vanished).padStart(5), String(r.changes).padStart(5)].join(' ');
}

function printBoard(io: CliIo, b: BoardResult): void {
  io.out(`${b.year} 年 ${b.countyName} 收入信息采集进度（户；收入变动阈值 ±${Math.round(b.jumpRate * 100)}%）`);
  io.out(['乡镇'.padEnd(8, '　'), '状态'.padEnd(6, '　'), '台账户', '已采集', '采集率', '拒收', '待整改', '未报', '新增', '人口变', '收入跳', '缺项', '变更'].join(' '));
  for (const r of b.rows) io.out(line(r, `${r.name.padEnd(8, '　')} ${r.state.padEnd(6, '　')}`));
  io.out(line(b.total, `${'合计'.padEnd(8, '　')} ${''.padEnd(6, '　')}`));
  io.out(b.reminders.length ? `尚未报送（${b.reminders.length} 个）：${b.reminders.map((r) => r.name).join('、')}` : '各乡镇均已报送。');
  io.out('“未报”为上年有收入记录、本年没有的户；“缺项”为上年有、本年为零的收入项（工资、经营、财产、转移）。');
}

export const campaignCommand: Command = {
  name: 'campaign',
  summary: '年度收入信息采集进度：各乡镇报送状态、采集率、拒收行、与上年比对和自然变更；--out 导出通报工作簿',
  usage: 'campaign --db FILE --year YYYY [--county CODE] [--json] [--out FILE.xlsx [--force]]',
  options: { db: { type: 'string' }, year: { type: 'string' }, county: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const yearText = requireString(args, 'year');
    if (!/^\d{4}$/.test(yearText)) throw new UsageError(`--year 应为四位年份，收到：${yearText}`);
    const county = optionalString(args, 'county') ?? '620422';
    if (!/^\d{6}$/.test(county)) throw new UsageError(`--county 应为 6 位县区代码，收到：${county}`);
    const s = openSession(dbPath, { mustExist: true });
    try {
      if (optionalString(args, 'out') !== undefined) {
        const out = resolve(targetOption(args, 'xlsx'));
        const r = (await s.call('campaign:exportBulletin', { year: Number(yearText), county, out, force: args.values.force === true }))!;
        io.out(`已导出采集进度通报（${r.rows} 个乡镇，其中尚未报送 ${r.reminders} 个）到 ${r.path}`);
        return 0;
      }
      const b = await s.call('campaign:board', { year: Number(yearText), county });
      if (args.values.json) printJson(io, b);
      else printBoard(io, b);
      return 0;
    } finally {
      await s.close();
    }
  },
};

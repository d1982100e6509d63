/** `case monthly --month YYYY-MM [--county C] [--out F.xlsx [--force]] [--json]`: the county's 监测对象月报. */
import { resolve } from 'node:path';
import type { MonthlyResult } from '../../../shared/api/cases.ts';
import { CASE_STATES } from '../../../shared/cases/states.ts';
import { getSetting } from '../../db/meta.ts';
import type { Session } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type CliIo, type ParsedCli } from '../command.ts';
import { targetOption } from './targets.ts';

function printMonthly(io: CliIo, m: MonthlyResult): void {
  const t = m.total;
  io.out(`${m.countyName} ${m.month} 防止返贫监测对象月报（${m.from} 至 ${m.to}）：本月新增线索 ${t.newClues} 户，纳入监测 ${t.newlyMonitored} 户，风险消除 ${t.eliminated} 户；`
    + `月末纳入监测 ${t.monitored} 户，其中风险已消除 ${t.monitoredEliminated} 户`);
  io.out(['乡镇', ...CASE_STATES, '新增线索', '纳入监测', '风险消除'].join('\t'));
  for (const r of [...m.rows, { ...t, name: '合计' }]) {
    if (r.name !== '合计' && CASE_STATES.every((s) => r.states[s] === 0)) continue;
    io.out([r.name, ...CASE_STATES.map((s) => r.states[s]), r.newClues, r.newlyMonitored, r.eliminated].join('\t'));
  }
}

export async function caseMonthly(s: Session, args: ParsedCli, io: CliIo): Promise<void> {
  const month = requireString(args, 'month');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month 应为 YYYY-MM，收到：${month}`);
  const county = optionalString(args, 'county') ?? getSetting(s.ctx.db, 'unit_county') ?? '620422';
  if (optionalString(args, 'out') !== undefined) {
    const r = (await s.call('cases:exportMonthly', { month, county, out: resolve(targetOption(args, 'xlsx')), force: args.values.force === true }))!;
    io.out(`已导出监测对象月报（${r.cases} 户）到 ${r.path}`);
    return;
  }
  const m = await s.call('cases:monthly', { month, county });
  if (args.values.json) printJson(io, m);
  else printMonthly(io, m);
}

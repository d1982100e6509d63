/** Text output of the 监测对象 commands (IDs never appear: a case shows the household code and head). */
import type { AdvanceResult, CaseDetail, CasesResult } from '../../../shared/api/cases.ts';
import { deadlineText } from '../../../shared/cases/deadline-text.ts';
import type { CliIo } from '../command.ts';

export function printCases(io: CliIo, r: CasesResult): void {
  io.out(`防止返贫监测对象（截至 ${r.asOf}）：${Object.entries(r.counts).map(([s, n]) => `${s} ${n}`).join('，') || '暂无记录'}；超期 ${r.overdue} 户`);
  if (r.calendarWarning) io.out(`注意：${r.calendarWarning}`);
  io.out(['编号', '户编号', '户主', '乡镇', '村', '来源', '状态', '下一步', '已用工作日', '时限'].join('\t'));
  for (const c of r.rows) {
    io.out([c.id, c.householdCode, c.headName, c.townshipName, c.villageName ?? '', c.source, c.state, c.next, c.timing.daysTaken, deadlineText(c)].join('\t'));
  }
}

export function printCase(io: CliIo, c: CaseDetail | AdvanceResult): void {
  io.out(`监测记录 ${c.id}：户 ${c.householdCode}（${c.headName}）${c.townshipName}${c.villageName ?? ''}，来源 ${c.source}${c.category ? `，${c.category}` : ''}`);
  io.out(`当前：${c.state}（${c.stateDate}），${c.next}；自发现线索已用 ${c.timing.daysTaken} 个工作日；${deadlineText(c)}`);
  for (const s of c.steps) io.out(`  ${s.date}  ${s.state.padEnd(6, '　')}  ${s.operator}${s.note ? `  ${s.note}` : ''}`);
  if (c.timing.late.length) io.out(`超期记录：${c.timing.late.join('；')}`);
  if (c.plan) io.out(`一户一策：${c.plan.year} 年，${c.plan.status}，措施 ${c.plan.measures} 项`);
  if (c.moves.length) io.out(`可转为：${c.moves.join('、')}`);
  if (c.calendarWarning) io.out(`注意：${c.calendarWarning}`);
  if ('ledgerChanges' in c && c.ledgerChanges.length) io.out(`台账已同步：${c.ledgerChanges.join('；')}`);
}

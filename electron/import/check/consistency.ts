/**
 * The file-level consistency gate (shared/domain/import-consistency.ts): the reader tallies, per kind
 * of total, how many households disagree; here the tallies become the report, with the file-level
 * message naming the totals, the share of rows, the first rows and the unmapped columns that could
 * explain them. The pipeline stops a commit whose report is `blocked`.
 */
import type { ConsistencyCheck, ConsistencyReport, UnmappedColumn } from '../../../shared/api/import.ts';
import { gateTrips, STORED_RULE, TOTAL_KINDS, TOTAL_LABELS, type TotalTallies } from '../../../shared/domain/import-consistency.ts';
import { isUnmappedAmount } from './unmapped.ts';

function checksOf(t: TotalTallies): ConsistencyCheck[] {
  return TOTAL_KINDS.filter((k) => t[k].compared > 0).map((kind) => ({
    kind, label: TOTAL_LABELS[kind], compared: t[kind].compared, mismatched: t[kind].mismatched, samples: t[kind].samples,
    rule: STORED_RULE[kind], tripped: gateTrips(t[kind].compared, t[kind].mismatched),
  }));
}

function describe(c: ConsistencyCheck): string {
  const s = c.samples[0];
  const first = s ? `，如工作表“${s.sheet}”第 ${s.row} 行：文件填 ${s.inFile}，按列对应计算为 ${s.computed}` : '';
  return `${c.label}在 ${c.compared} 户中有 ${c.mismatched} 户不一致${first}`;
}

export function consistencyReport(file: string, tallies: TotalTallies, unmapped: readonly UnmappedColumn[], accept: boolean): ConsistencyReport {
  const checks = checksOf(tallies);
  const tripped = checks.filter((c) => c.tripped);
  const explainedBy = unmapped.filter(isUnmappedAmount).map((u) => ({ sheet: u.sheet, column: u.column, header: u.header }));
  if (tripped.length === 0) return { checks, explainedBy, message: null, accepted: false, blocked: false };
  const income = tripped.some((c) => c.kind !== 'size');
  const cause = income && explainedBy.length
    ? `未导入的金额列${explainedBy.map((u) => `“${u.header}”（${u.column} 列）`).join('、')}可能是原因`
    : income ? '可能有收入列对应错了或没有对应' : '可能“每行一人/每行一户”或户编号、证件号码列对应有误';
  const message = `文件“${file}”的合计与列对应算出的结果不符，这通常是列对应的问题而不是数据问题：${tripped.map(describe).join('；')}。${cause}。`
    + (accept ? '已按用户确认接受差异导入，并记录在批次和审计日志中。'
      : '该文件不导入，数据库未做任何修改。请在“表头与列对应”中补全或更正映射后重新检查；确认文件本身的合计有误时，勾选“接受合计不一致”（命令行加 --accept-mismatch）后导入，接受将记录在批次和审计日志中。');
  return { checks, explainedBy, message, accepted: accept, blocked: !accept };
}

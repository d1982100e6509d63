/**
 * `case rules|rule|calendar|day`: the time limits and the working-day calendar the deadlines are
 * counted by — both reference values, edited through the same audited services as the app's
 * 时限与节假日 dialog. `rule` and `day` need an operator.
 */
import type { CalendarResult, RuleRow } from '../../../shared/api/cases.ts';
import { RULE_KEYS, type RuleKey } from '../../../shared/cases/deadlines.ts';
import type { Session } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type CliIo, type ParsedCli } from '../command.ts';
import { dateArg } from './cases.ts';

/** The Chinese names a steward types for a limit, besides its key. */
const RULE_ALIASES: Readonly<Record<string, RuleKey>> = { 入户核实: 'homeCheckDays', 识别认定: 'identifyDays', 公示: 'noticeMinDays', 公示期: 'noticeMinDays' };

function ruleKey(v: string | undefined): RuleKey {
  if (v && (RULE_KEYS as readonly string[]).includes(v)) return v as RuleKey;
  const alias = v ? RULE_ALIASES[v] : undefined;
  if (!alias) throw new UsageError(`请给出时限：${RULE_KEYS.join('、')}（或 ${Object.keys(RULE_ALIASES).join('、')}），收到：${v ?? '（无）'}`);
  return alias;
}

function printRules(io: CliIo, rules: RuleRow[]): void {
  for (const x of rules) io.out(`${x.key}\t${x.label} ${x.days} ${x.unit}${x.days !== x.defaultDays ? `（默认 ${x.defaultDays}）` : ''}\t${x.source}`);
}

function printCalendar(io: CliIo, c: CalendarResult): void {
  if (!c.covered) io.out(`${c.year} 年的节假日安排尚未录入，只按周末计算工作日。`);
  for (const d of c.days) io.out(`${d.date}\t${d.kind === '休' ? '放假' : '调休上班'}\t${d.name}\t${d.source}`);
}

function yearArg(v: string | undefined): number {
  if (!v || !/^\d{4}$/.test(v)) throw new UsageError(`--year 应为四位年份，收到：${v ?? '（无）'}`);
  return Number(v);
}

/** Runs one of the verbs; false when `verb` is not one of them. */
export async function caseRulesVerb(s: Session, verb: string | undefined, target: string | undefined, args: ParsedCli, io: CliIo): Promise<boolean> {
  const json = args.values.json === true;
  if (verb === 'rules' || verb === 'rule') {
    let rules: RuleRow[];
    if (verb === 'rule') {
      const days = requireString(args, 'days');
      if (!/^\d{1,3}$/.test(days)) throw new UsageError(`--days 应为 0–365 的整数，收到：${days}`);
      rules = await s.call('cases:setRule', { key: ruleKey(target), days: Number(days), source: optionalString(args, 'source') });
    } else rules = await s.call('cases:rules', {});
    if (json) printJson(io, rules);
    else printRules(io, rules);
    return true;
  }
  if (verb === 'calendar' || verb === 'day') {
    let c: CalendarResult;
    if (verb === 'day') {
      const date = dateArg(target, '日期');
      if (!date) throw new UsageError('请给出日期 YYYY-MM-DD');
      const kind = requireString(args, 'kind');
      if (kind !== '休' && kind !== '班' && kind !== '普通') throw new UsageError(`--kind 只能是 休、班 或 普通，收到：${kind}`);
      c = await s.call('cases:setDay', { date, kind, name: optionalString(args, 'name') });
    } else c = await s.call('cases:calendar', { year: yearArg(optionalString(args, 'year')) });
    if (json) printJson(io, c);
    else printCalendar(io, c);
    return true;
  }
  return false;
}

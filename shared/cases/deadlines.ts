/**
 * Time limits of identification, as editable reference values (`case_rules`, audited). Defaults are
 * the published rules: 一键报贫 clues get the home check within 5 working days and the whole
 * identification within 15 working days (人民日报 2023-02-21, 临夏市 notice; research/steward-workflows);
 * the village notice lasts at least 5 days (秦安县, DOMAIN §3.3).
 */
import { addDays, type CaseStep } from './steps.ts';
import { addWorkdays, workdaysBetween, type WorkCalendar } from './calendar.ts';
import type { CaseState } from './states.ts';

export const RULE_KEYS = ['homeCheckDays', 'identifyDays', 'noticeMinDays'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];
export type CaseRules = Record<RuleKey, number>;

export interface RuleSeed {
  key: RuleKey;
  label: string;
  /** 工作日 (working days) or 天 (calendar days). */
  unit: '工作日' | '天';
  days: number;
  source: string;
}

export const RULE_SEEDS: readonly RuleSeed[] = [
  { key: 'homeCheckDays', label: '发现线索后完成入户核实', unit: '工作日', days: 5,
    source: '甘肃“一键报贫”：5个工作日内入户核实（人民日报 2023-02-21；临夏市通知）' },
  { key: 'identifyDays', label: '发现线索后完成识别认定（县级审定）', unit: '工作日', days: 15,
    source: '甘肃“一键报贫”：15个工作日内完成识别认定（人民日报 2023-02-21；临夏市通知）' },
  { key: 'noticeMinDays', label: '村级公示期不少于', unit: '天', days: 5,
    source: '秦安县防止返贫监测识别程序：村内公示不少于5天（qinan.gov.cn/info/11792/1360362.htm）' },
];

export const DEFAULT_RULES: CaseRules = Object.fromEntries(RULE_SEEDS.map((r) => [r.key, r.days])) as CaseRules;

export interface CaseTiming {
  clueDate: string;
  /** The milestone being worked towards and its last day; null once identification has ended. */
  deadline: { label: string; date: string } | null;
  /** Working days from today to the deadline: 0 = due today, negative = overdue by that many. */
  daysLeft: number | null;
  overdue: boolean;
  /** Working days from the clue to the end of identification (or to today while it lasts). */
  daysTaken: number;
  /** Working days since the case reached its current state. */
  daysInState: number;
  /** Milestones reached after their deadline, in Chinese. */
  late: string[];
}

const reached = (steps: readonly CaseStep[], s: CaseState): string | undefined => steps.find((x) => x.state === s)?.date;

/** Timing of a case whose steps (oldest first, the first being 线索) are given, as of a date. */
export function caseTiming(cal: WorkCalendar, rules: CaseRules, steps: readonly CaseStep[], asOf: string): CaseTiming {
  const clue = steps[0]!.date;
  const current = steps[steps.length - 1]!;
  const home = addWorkdays(cal, clue, rules.homeCheckDays);
  const decide = addWorkdays(cal, clue, rules.identifyDays);
  let deadline: CaseTiming['deadline'] = null;
  if (current.state === '线索') deadline = { label: '入户核实', date: home };
  else if (current.state === '入户核实' || current.state === '村级评议公示' || current.state === '乡镇审核') deadline = { label: '县级审定', date: decide };
  const ended = reached(steps, '县级审定') ?? reached(steps, '不予纳入');
  const late: string[] = [];
  const h = reached(steps, '入户核实');
  if (h && h > home) late.push(`入户核实超期 ${workdaysBetween(cal, home, h)} 个工作日（时限 ${home}，完成 ${h}）`);
  if (ended && ended > decide) late.push(`识别认定超期 ${workdaysBetween(cal, decide, ended)} 个工作日（时限 ${decide}，完成 ${ended}）`);
  const daysLeft = deadline ? workdaysBetween(cal, asOf, deadline.date) : null;
  return {
    clueDate: clue, deadline, daysLeft, overdue: daysLeft !== null && daysLeft < 0,
    daysTaken: Math.max(0, workdaysBetween(cal, clue, ended ?? asOf)),
    daysInState: Math.max(0, workdaysBetween(cal, current.date, asOf)),
    late,
  };
}

/** The earliest date the township review may follow a notice posted on `noticeDate`. */
export function noticeEnds(noticeDate: string, rules: CaseRules): string {
  return addDays(noticeDate, rules.noticeMinDays);
}

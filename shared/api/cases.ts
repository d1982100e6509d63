/**
 * 防止返贫监测对象: cases from a clue to the end of the risk, with working-day deadlines, the
 * elimination checklist, the editable time limits and the working-day calendar.
 */
import { z } from 'zod';
import { method } from './define.ts';
import { FilePath, Id, RegionCode } from './common.ts';
import { CASE_SOURCES, CASE_STATES, type CaseSource, type CaseState } from '../cases/states.ts';
import type { CaseTiming, RuleKey } from '../cases/deadlines.ts';
import { RULE_KEYS } from '../cases/deadlines.ts';
import type { ChecklistResult } from '../cases/checklist.ts';
import type { DayKind } from '../cases/calendar.ts';
import type { MonthlyCounts } from '../cases/monthly.ts';
import { MONITORING_CATEGORIES, RISK_TYPES, type MonitoringCategory } from '../domain/plans.ts';

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const Note = z.string().trim().max(500, '说明不能超过 500 个字');

export interface CaseRow {
  id: number;
  /** Null when the household has since left the ledger (the case keeps its code and name). */
  householdId: number | null;
  householdCode: string;
  headName: string;
  township: string;
  townshipName: string;
  village: string | null;
  villageName: string | null;
  source: CaseSource;
  category: MonitoringCategory | null;
  riskTypes: string[];
  state: CaseState;
  stateDate: string;
  /** The work still to do, e.g. 待入户核实. */
  next: string;
  timing: CaseTiming;
}

export interface CasesResult {
  asOf: string;
  rows: CaseRow[];
  /** Cases per state (all cases in scope, before the state/overdue filter). */
  counts: Partial<Record<CaseState, number>>;
  overdue: number;
  /** Set when a date in play falls in a year whose holidays are not in the calendar. */
  calendarWarning: string | null;
}

export interface CaseStepDto {
  id: number;
  state: CaseState;
  date: string;
  operator: string;
  note: string | null;
  checklist: ChecklistResult[] | null;
  createdAt: string;
}

export interface MonitoringLine {
  year: number;
  value: number;
  scope: string;
  scopeName: string;
  source: string;
}

export interface CaseDetail extends CaseRow {
  steps: CaseStepDto[];
  moves: CaseState[];
  /** The elimination checklist as it stands today (what 风险消除 would be checked against). */
  checklist: ChecklistResult[];
  plan: { id: number; year: number; status: string; measures: number } | null;
  note: string | null;
  calendarWarning: string | null;
}

export interface AdvanceResult extends CaseDetail {
  /** Ledger fields the step changed on the household (audited), in Chinese, for the result line. */
  ledgerChanges: string[];
}

export interface RuleRow {
  key: RuleKey;
  label: string;
  unit: string;
  days: number;
  source: string;
  /** The published default, to show beside an edited value. */
  defaultDays: number;
}

export interface CalendarResult {
  year: number;
  /** False when no day of the year is in the calendar: counting uses weekends only. */
  covered: boolean;
  days: Array<{ date: string; kind: DayKind; name: string; source: string }>;
}

const Confirm = z.object({
  threeGuarantees: z.boolean().optional(),
  drinkingWater: z.boolean().optional(),
  noRisk: z.boolean().optional(),
}).strict();

export const OpenCaseArgs = z.object({
  householdId: Id,
  source: z.enum(CASE_SOURCES),
  date: DateText,
  category: z.enum(MONITORING_CATEGORIES).optional(),
  riskTypes: z.array(z.enum(RISK_TYPES)).max(3, '风险类型最多 3 项').optional(),
  note: Note.optional(),
}).strict();

export const AdvanceCaseArgs = z.object({
  id: Id,
  to: z.enum(CASE_STATES),
  date: DateText,
  /** The reason for 不予纳入 / 继续监测, or a note on any step. */
  note: Note.optional(),
  /** Needed at 县级审定 when the case has none yet. */
  category: z.enum(MONITORING_CATEGORIES).optional(),
  confirm: Confirm.optional(),
  /** 风险消除方式, required at 风险消除. */
  method: z.enum(['帮扶消除', '自然消除']).optional(),
  /** The 一户一策 plan the help follows (帮扶); else the household's plan of that year, if any. */
  planId: Id.optional(),
}).strict();

export const ListCasesArgs = z.object({
  state: z.enum(CASE_STATES).optional(),
  overdue: z.boolean().optional(),
  county: RegionCode.optional(),
  township: RegionCode.optional(),
  village: RegionCode.optional(),
  asOf: DateText.optional(),
  limit: z.number().int().min(1).max(5000).optional(),
}).strict();

export interface NoticeResult {
  path: string;
  rows: number;
  villageName: string;
}

export interface CaseFileResult {
  path: string;
  steps: number;
  measures: number;
  /** True when the head's full ID number was written (a reason was given and audited). */
  fullIds: boolean;
}

export interface MonthlyResult {
  /** YYYY-MM, and its first and last day. */
  month: string;
  from: string;
  to: string;
  county: string;
  countyName: string;
  rows: Array<MonthlyCounts & { code: string; name: string }>;
  total: MonthlyCounts;
}

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应写成“年-月”，例如 2026-03');
const County = z.string().regex(/^\d{6}$/, '县区代码应为 6 位数字');

export const casesApi = {
  'cases:list': method<CasesResult>()(ListCasesArgs),
  'cases:get': method<CaseDetail>()(z.object({ id: Id, asOf: DateText.optional() }).strict()),
  'cases:open': method<CaseDetail>()(OpenCaseArgs, { writes: 'tx', audit: ['case:open'], changes: 'monitoring' }),
  'cases:advance': method<AdvanceResult>()(AdvanceCaseArgs, { writes: 'tx', audit: ['case:advance', 'ledger:update'], changes: 'monitoring' }),
  'cases:rules': method<RuleRow[]>()(z.object({}).strict()),
  'cases:setRule': method<RuleRow[]>()(z.object({ key: z.enum(RULE_KEYS), days: z.number().int().min(0).max(365), source: Note.optional() }).strict(),
    { writes: 'tx', audit: ['case:rule'], changes: 'monitoring' }),
  'cases:calendar': method<CalendarResult>()(z.object({ year: z.number().int().min(2000).max(2100) }).strict()),
  'cases:setDay': method<CalendarResult>()(z.object({ date: DateText, kind: z.enum(['休', '班', '普通']), name: z.string().trim().min(1).max(40).optional() }).strict(),
    { writes: 'tx', audit: ['case:calendar'], changes: 'monitoring' }),
  /** The village's 公示名单 (.xlsx, no ID/phone/health columns); an existing file is refused unless `force`; without `out` main asks; null when cancelled. */
  'cases:exportNotice': method<NoticeResult | null>()(z.object({ village: z.string().regex(/^\d{12}$/, '村代码应为 12 位数字'), out: FilePath.optional(), force: z.boolean().optional() }).strict()),
  /** The monthly summary (月报) of a county: cases by state at the month's end, the month's moves, monitored households by category and risk type. */
  'cases:monthly': method<MonthlyResult>()(z.object({ month: Month, county: County }).strict()),
  /** The 月报 as a form (.xlsx); without `out` main asks; null when cancelled. */
  'cases:exportMonthly': method<{ path: string; cases: number } | null>()(z.object({ month: Month, county: County, out: FilePath.optional(), force: z.boolean().optional() }).strict()),
  /** One household's 监测档案 (.xlsx): steps, dates, operators, deadline, measures; without `out` main asks; null when cancelled. */
  'cases:exportFile': method<CaseFileResult | null>()(z.object({
    id: Id, out: FilePath.optional(), force: z.boolean().optional(), showIds: z.boolean().optional(), reason: z.string().trim().max(200).optional(),
  }).strict()),
} as const;

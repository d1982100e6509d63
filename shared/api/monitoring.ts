/**
 * 监测帮扶: the two-categories work ledger (households below the line, fallen since last year,
 * relocated), one 一户一策 plan per household and year with its follow-up evaluation, and the
 * risk hints. Money in DTOs is yuan with two decimals; counts are households.
 */
import { z } from 'zod';
import { method } from './define.ts';
import { Id, RegionCode, Year } from './common.ts';
import {
  LEDGER_GROUPS, MEASURE_TYPES, MONITORING_CATEGORIES, PLAN_OUTCOMES, PLAN_STATUSES,
  type LedgerGroup, type MeasureType, type PlanEvaluation, type PlanStatus,
} from '../domain/plans.ts';
import type { RiskRule } from '../domain/risk-hints.ts';
import type { Suggestion } from '../domain/plan-suggestions.ts';

/** Yuan as people type it: non-negative, at most 2 decimals' worth of precision, bounded. */
const Yuan = z.number().min(0, '金额不能为负').max(100_000_000, '金额过大');
const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);

export interface GroupCounts {
  households: number;
  below8000: number;
  decreased: number;
  relocated: number;
  /** Households in at least one group (a household can be in several). */
  any: number;
}

export interface GroupRow extends GroupCounts {
  code: string;
  name: string;
  /** The same counts for the previous year (same scope); null when that year has no income records. */
  previous: GroupCounts | null;
  plans: number;
  /** Plans whose next-year income has arrived, and how they came out. */
  plansEvaluated: number;
  plansReached: number;
  plansFellAgain: number;
  plansBelowLine: number;
}

export interface GroupsResult {
  year: number;
  line: number;
  by: 'county' | 'township' | 'village';
  rows: GroupRow[];
  total: GroupRow;
}

export const GroupsArgs = z
  .object({
    year: Year,
    by: z.enum(['county', 'township', 'village']).optional(),
    county: RegionCode.optional(),
    township: RegionCode.optional(),
  })
  .strict();

export interface PlanBrief {
  id: number;
  status: PlanStatus;
  targetPerCapita: number | null;
  measureCount: number;
  measureTypes: MeasureType[];
  cadreName: string | null;
}

export interface LedgerRow {
  householdId: number;
  code: string;
  headName: string;
  countyName: string;
  townshipName: string;
  villageName: string | null;
  size: number;
  perCapita: number;
  previousPerCapita: number | null;
  /** perCapita − previousPerCapita, yuan. */
  change: number | null;
  groups: LedgerGroup[];
  householdType: string;
  monitoringCategory: string | null;
  riskTypes: string[];
  plan: PlanBrief | null;
  evaluation: PlanEvaluation | null;
  /** Hints not dismissed (computed for the rows of the page only). */
  hintCount: number;
}

export interface LedgerResult {
  year: number;
  line: number;
  total: number;
  rows: LedgerRow[];
}

export const LedgerArgs = z
  .object({
    year: Year,
    county: RegionCode.optional(),
    township: RegionCode.optional(),
    village: RegionCode.optional(),
    group: z.enum([...LEDGER_GROUPS, 'any']).default('any'),
    category: z.enum([...MONITORING_CATEGORIES, '未监测', '监测对象']).optional(),
    riskType: Text(20).optional(),
    planStatus: z.enum([...PLAN_STATUSES, '无计划']).optional(),
    outcome: z.enum(PLAN_OUTCOMES).optional(),
    search: Text(50).optional(),
    /** region: township, village, household code; the others ascending or descending by that figure. */
    sort: z.enum(['region', 'perCapita', '-perCapita', 'change', '-change']).default('region'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(50),
  })
  .strict();

export interface PlanMeasureDto {
  id: number;
  measureN: number | null;
  measureTitle: string | null;
  measureType: MeasureType;
  content: string;
  scale: string | null;
  funds: number | null;
  department: string | null;
  cadre: string | null;
  deadline: string | null;
  expectedIncrease: number | null;
}

export interface PlanDto {
  id: number;
  householdId: number;
  year: number;
  status: PlanStatus;
  targetPerCapita: number | null;
  cadreName: string | null;
  cadrePhone: string | null;
  note: string | null;
  updatedAt: string;
  measures: PlanMeasureDto[];
  /** Σ expected increases, yuan per year for the household. */
  expectedIncrease: number;
}

export interface RiskHintDto {
  rule: RiskRule;
  label: string;
  memberId: number | null;
  memberName: string | null;
  message: string;
  dismissed: { note: string; operator: string; at: string } | null;
}

export interface YearIncomeDto {
  year: number;
  size: number;
  net: number;
  perCapita: number;
}

export interface MemberBrief {
  id: number;
  name: string;
  relation: string;
  age: number | null;
  labour: string | null;
  health: string | null;
  workPlaceClass: string | null;
  welfarePost: boolean;
}

export interface HouseholdPlanView {
  year: number;
  line: number;
  household: {
    id: number;
    code: string;
    headName: string;
    region: string;
    size: number;
    householdType: string;
    monitoringCategory: string | null;
    riskTypes: string[];
    relocated: boolean;
    labourCount: number;
    members: MemberBrief[];
  };
  income: YearIncomeDto | null;
  previous: YearIncomeDto | null;
  next: YearIncomeDto | null;
  groups: LedgerGroup[];
  plan: PlanDto | null;
  evaluation: PlanEvaluation | null;
  /** The household's plans of other years, newest first, with their outcomes. */
  otherPlans: Array<{ year: number; status: PlanStatus; evaluation: PlanEvaluation }>;
  hints: RiskHintDto[];
  suggestions: Suggestion[];
}

export const HouseholdYearArgs = z.object({ householdId: Id, year: Year }).strict();

const Deadline = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, '完成时限应为 YYYY-MM 或 YYYY-MM-DD');
const Phone = z.string().trim().regex(/^[0-9+\-\s]{0,20}$/, '联系电话只能包含数字、空格、+ 和 -');

export const MeasureInput = z
  .object({
    id: Id.optional(),
    measureN: z.number().int().min(1).max(99).nullable(),
    measureType: z.enum(MEASURE_TYPES),
    content: Text(500).min(1, '措施内容不能为空'),
    scale: Text(100).nullable(),
    funds: Yuan.nullable(),
    department: Text(60).nullable(),
    cadre: Text(50).nullable(),
    deadline: Deadline.nullable(),
    expectedIncrease: Yuan.nullable(),
  })
  .strict();
export type MeasureInput = z.infer<typeof MeasureInput>;

export const PlanSaveArgs = z
  .object({
    householdId: Id,
    year: Year,
    status: z.enum(PLAN_STATUSES),
    targetPerCapita: Yuan.nullable(),
    cadreName: Text(50).nullable(),
    cadrePhone: Phone.nullable(),
    note: Text(1000).nullable(),
    measures: z.array(MeasureInput).max(30, '一户最多 30 项措施'),
    /** The updatedAt the editor loaded; a different one means someone else saved meanwhile. */
    expectedUpdatedAt: z.string().max(40).nullable().optional(),
  })
  .strict();
export type PlanSaveArgs = z.infer<typeof PlanSaveArgs>;

export const HintArgs = z
  .object({
    householdId: Id,
    year: Year,
    rule: z.string().min(1).max(40),
    memberId: Id.nullable(),
  })
  .strict();

export const DismissArgs = HintArgs.extend({ note: Text(500).min(1, '请填写忽略的理由') }).strict();

export interface MonitoringOptions {
  years: number[];
  latestYear: number | null;
  measures: Array<{ n: number; title: string; group: number; groupTitle: string; department: string | null }>;
  measureTypes: readonly string[];
  statuses: readonly string[];
  categories: readonly string[];
  riskTypes: readonly string[];
  counties: Array<{ code: string; name: string }>;
  townships: Array<{ code: string; name: string; county: string }>;
}

// Other views (the household page, the start page) show plans too: they reload on the change.
const PLAN_WRITE = {
  writes: 'tx', audit: ['plan:create', 'plan:update', 'plan:delete', 'plan-measure:create', 'plan-measure:update', 'plan-measure:delete'], changes: 'monitoring',
} as const;
const HINT_WRITE = { writes: 'tx', audit: ['risk-hint:dismiss', 'risk-hint:restore'], changes: 'monitoring' } as const;

export const monitoringApi = {
  'monitoring:options': method<MonitoringOptions>()(z.object({}).strict()),
  'monitoring:groups': method<GroupsResult>()(GroupsArgs),
  'monitoring:ledger': method<LedgerResult>()(LedgerArgs),
  'monitoring:household': method<HouseholdPlanView>()(HouseholdYearArgs),
  'monitoring:plan:save': method<HouseholdPlanView>()(PlanSaveArgs, PLAN_WRITE),
  'monitoring:plan:delete': method<HouseholdPlanView>()(HouseholdYearArgs, PLAN_WRITE),
  'monitoring:hint:dismiss': method<RiskHintDto[]>()(DismissArgs, HINT_WRITE),
  'monitoring:hint:restore': method<RiskHintDto[]>()(HintArgs, HINT_WRITE),
};

/**
 * 防止返贫监测 monthly summary (月报): per township, the cases by their state at the month's end, the
 * month's new clues, inclusions and eliminations, and the monitored households by category and by
 * risk type. Pure: the counting works on cases and their dated steps, whatever store they come from.
 */
import { MONITORING_CATEGORIES, RISK_TYPES, type MonitoringCategory } from '../domain/plans.ts';
import { CASE_STATES, isMonitored, type CaseState } from './states.ts';

export const NO_CATEGORY = '未定类别';
export type CategoryKey = MonitoringCategory | typeof NO_CATEGORY;
export const CATEGORY_KEYS: readonly CategoryKey[] = [...MONITORING_CATEGORIES, NO_CATEGORY];

export interface MonthlyCounts {
  /** Cases by their state on the month's last day (cases opened later are not counted). */
  states: Record<CaseState, number>;
  newClues: number;
  /** 县级审定 (纳入监测) dated in the month. */
  newlyMonitored: number;
  /** 风险消除 dated in the month. */
  eliminated: number;
  /** Households monitored at the month's end (县级审定 onwards), of them risk eliminated. */
  monitored: number;
  monitoredEliminated: number;
  categories: Record<CategoryKey, { all: number; eliminated: number }>;
  /** Monitored households per risk type; a household with two types counts under both. */
  risks: Record<string, number>;
}

export interface MonthlyCase {
  township: string;
  category: MonitoringCategory | null;
  riskTypes: readonly string[];
  clueDate: string;
  /** Oldest first. */
  steps: ReadonlyArray<{ state: CaseState; date: string }>;
}

export function emptyCounts(): MonthlyCounts {
  return {
    states: Object.fromEntries(CASE_STATES.map((s) => [s, 0])) as Record<CaseState, number>,
    newClues: 0, newlyMonitored: 0, eliminated: 0, monitored: 0, monitoredEliminated: 0,
    categories: Object.fromEntries(CATEGORY_KEYS.map((k) => [k, { all: 0, eliminated: 0 }])) as MonthlyCounts['categories'],
    risks: Object.fromEntries(RISK_TYPES.map((r) => [r, 0])),
  };
}

/** 2025-02 → ['2025-02-01', '2025-02-28']. */
export function monthBounds(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

/** Adds one case to `into` for the month [from, to]; a case whose clue came after `to` adds nothing. */
export function countCase(into: MonthlyCounts, c: MonthlyCase, from: string, to: string): void {
  const upTo = c.steps.filter((s) => s.date <= to);
  const at = upTo.at(-1);
  if (!at) return;
  const inMonth = (s: CaseState): boolean => upTo.some((x) => x.state === s && x.date >= from);
  into.states[at.state]++;
  if (c.clueDate >= from) into.newClues++;
  if (inMonth('县级审定')) into.newlyMonitored++;
  if (inMonth('风险消除')) into.eliminated++;
  if (!isMonitored(at.state)) return;
  const gone = at.state === '风险消除';
  into.monitored++;
  if (gone) into.monitoredEliminated++;
  const cat = into.categories[c.category ?? NO_CATEGORY];
  cat.all++;
  if (gone) cat.eliminated++;
  for (const r of c.riskTypes) into.risks[r] = (into.risks[r] ?? 0) + 1;
}

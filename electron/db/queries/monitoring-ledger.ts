/**
 * The work ledger as the view, the CLI and the forms see it: group counts by region with last
 * year's counts beside them and the plans' outcomes, and the household rows with their plan and
 * its evaluation. Plans are judged at query time, so an import or an edit shows up at once.
 */
import type { GroupCounts, GroupRow, GroupsResult, LedgerResult, LedgerRow } from '../../../shared/api/monitoring.ts';
import { fenToYuan, round2 } from '../../../shared/domain/income.ts';
import { evaluatePlan, normaliseRiskType, type LedgerGroup, type MeasureType, type PlanEvaluation, type PlanStatus } from '../../../shared/domain/plans.ts';
import { CITY } from '../../../shared/domain/regions.ts';
import type { Db } from '../types.ts';
import { regionNames } from './stats.ts';
import { belowLine } from './references.ts';
import { groupCounts, ledgerBaseRows, planOutcomeRows, type GroupBy, type LedgerBaseRow, type Scope } from './monitoring.ts';
import { dismissalsOf, hintDtos, membersOf, monitoringFloor } from './monitoring-hints.ts';

const EMPTY: GroupCounts = { households: 0, below8000: 0, decreased: 0, relocated: 0, any: 0 };

function addCounts(a: GroupCounts, b: GroupCounts): GroupCounts {
  return {
    households: a.households + b.households, below8000: a.below8000 + b.below8000, decreased: a.decreased + b.decreased,
    relocated: a.relocated + b.relocated, any: a.any + b.any,
  };
}

interface PlanTally {
  plans: number;
  plansEvaluated: number;
  plansReached: number;
  plansFellAgain: number;
  plansBelowLine: number;
}

function tallyPlans(db: Db, year: number, by: GroupBy, s: Scope): Map<string, PlanTally> {
  const nextLine = belowLine(db, year + 1);
  const out = new Map<string, PlanTally>();
  for (const p of planOutcomeRows(db, year, by, s)) {
    const e = evaluatePlan({
      planYear: year, targetFen: p.targetFen, nextLineYuan: nextLine,
      base: p.baseNetFen === null || p.baseSize === null ? null : { netFen: p.baseNetFen, size: p.baseSize },
      next: p.nextNetFen === null || p.nextSize === null ? null : { netFen: p.nextNetFen, size: p.nextSize },
    });
    const t = out.get(p.code) ?? { plans: 0, plansEvaluated: 0, plansReached: 0, plansFellAgain: 0, plansBelowLine: 0 };
    t.plans++;
    if (e.outcome !== 'pending') t.plansEvaluated++;
    if (e.reached) t.plansReached++;
    if (e.fellAgain) t.plansFellAgain++;
    if (e.belowLine) t.plansBelowLine++;
    out.set(p.code, t);
  }
  return out;
}

export interface GroupsQuery {
  year: number;
  by?: GroupBy | undefined;
  county?: string | undefined;
  township?: string | undefined;
}

/** By township within a county, by village within a township, else by county. */
export function defaultGroupBy(q: GroupsQuery): GroupBy {
  return q.by ?? (q.township ? 'village' : q.county ? 'township' : 'county');
}

export function computeGroups(db: Db, q: GroupsQuery): GroupsResult {
  const by = defaultGroupBy(q);
  const s: Scope = { county: q.county, township: q.township };
  const line = belowLine(db, q.year);
  const current = groupCounts(db, q.year, by, line, s);
  const previous = groupCounts(db, q.year - 1, by, belowLine(db, q.year - 1), s);
  const plans = tallyPlans(db, q.year, by, s);
  const names = regionNames(db);
  const codes = [...new Set([...current.keys(), ...plans.keys()])].sort();
  const noPlans: PlanTally = { plans: 0, plansEvaluated: 0, plansReached: 0, plansFellAgain: 0, plansBelowLine: 0 };
  const rows: GroupRow[] = codes.map((code) => ({
    code, name: names.get(code) ?? '（未填村）', ...(current.get(code) ?? EMPTY),
    previous: previous.size ? (previous.get(code) ?? EMPTY) : null, ...(plans.get(code) ?? noPlans),
  }));
  const scope = q.township ?? q.county ?? CITY.code;
  const total: GroupRow = {
    code: scope, name: names.get(scope) ?? scope, ...[...current.values()].reduce(addCounts, EMPTY),
    previous: previous.size ? [...previous.values()].reduce(addCounts, EMPTY) : null,
    ...[...plans.values()].reduce((a, t) => ({
      plans: a.plans + t.plans, plansEvaluated: a.plansEvaluated + t.plansEvaluated, plansReached: a.plansReached + t.plansReached,
      plansFellAgain: a.plansFellAgain + t.plansFellAgain, plansBelowLine: a.plansBelowLine + t.plansBelowLine,
    }), noPlans),
  };
  return { year: q.year, line, by, rows, total };
}

export function groupsOf(b: Pick<LedgerBaseRow, 'isBelow' | 'isDecreased' | 'isRelocated'>): LedgerGroup[] {
  const g: LedgerGroup[] = [];
  if (b.isBelow) g.push('below');
  if (b.isDecreased) g.push('decreased');
  if (b.isRelocated) g.push('relocated');
  return g;
}

export function evaluationOf(b: LedgerBaseRow, year: number, nextLine: number): PlanEvaluation | null {
  if (b.planId === null) return null;
  return evaluatePlan({
    planYear: year, targetFen: b.targetFen, nextLineYuan: nextLine, base: { netFen: b.netFen, size: b.size },
    next: b.nextNetFen === null || b.nextSize === null ? null : { netFen: b.nextNetFen, size: b.nextSize },
  });
}

export function parseRisks(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map(normaliseRiskType) : [];
  } catch {
    return [];
  }
}

function toRow(b: LedgerBaseRow, names: Map<string, string>, evaluation: PlanEvaluation | null): LedgerRow {
  const pc = fenToYuan(b.netFen / b.size);
  const prev = b.prevNetFen === null || b.prevSize === null ? null : fenToYuan(b.prevNetFen / b.prevSize);
  const types = b.measureTypes ? (b.measureTypes.split(',') as MeasureType[]) : [];
  return {
    householdId: b.householdId, code: b.code, headName: b.headName, countyName: names.get(b.countyCode) ?? b.countyCode,
    townshipName: names.get(b.townshipCode) ?? b.townshipCode, villageName: b.villageCode ? (names.get(b.villageCode) ?? b.villageCode) : null,
    size: b.size, perCapita: pc, previousPerCapita: prev, change: prev === null ? null : round2(pc - prev),
    groups: groupsOf(b), householdType: b.householdType, monitoringCategory: b.monitoringCategory, riskTypes: parseRisks(b.riskTypes),
    plan: b.planId === null ? null : {
      id: b.planId, status: b.planStatus as PlanStatus, targetPerCapita: b.targetFen === null ? null : fenToYuan(b.targetFen),
      measureCount: types.length, measureTypes: [...new Set(types)], cadreName: b.cadreName,
    },
    evaluation, hintCount: 0,
  };
}

export interface LedgerQuery extends Scope {
  year: number;
  group: LedgerGroup | 'any';
  category?: string | undefined;
  riskType?: string | undefined;
  planStatus?: string | undefined;
  outcome?: string | undefined;
  search?: string | undefined;
}

/** '未监测' and '监测对象' select by whether there is a category at all. */
function categoryMatches(category: string | null, wanted: string | undefined): boolean {
  if (!wanted) return true;
  if (wanted === '未监测') return category === null;
  if (wanted === '监测对象') return category !== null;
  return category === wanted;
}

function matches(r: LedgerRow, q: LedgerQuery): boolean {
  if (q.group !== 'any' && !r.groups.includes(q.group)) return false;
  if (!categoryMatches(r.monitoringCategory, q.category)) return false;
  if (q.riskType && !r.riskTypes.includes(normaliseRiskType(q.riskType))) return false;
  if (q.planStatus && (q.planStatus === '无计划' ? r.plan !== null : r.plan?.status !== q.planStatus)) return false;
  if (q.outcome && r.evaluation?.outcome !== q.outcome) return false;
  const s = q.search?.trim();
  return !s || r.headName.includes(s) || r.code.includes(s);
}

/** All ledger rows matching the filters, without hints (the export and the paged view both start here). */
export function ledgerRows(db: Db, q: LedgerQuery): LedgerRow[] {
  const line = belowLine(db, q.year);
  const nextLine = belowLine(db, q.year + 1);
  const names = regionNames(db);
  return ledgerBaseRows(db, q.year, line, q)
    .map((b) => toRow(b, names, evaluationOf(b, q.year, nextLine)))
    .filter((r) => matches(r, q));
}

/** Counts the hints not dismissed, for the rows on screen only (members are loaded for those). */
function attachHintCounts(db: Db, rows: LedgerRow[], year: number): void {
  const ids = rows.map((r) => r.householdId);
  const members = membersOf(db, ids);
  const dismissals = dismissalsOf(db, ids, year);
  const info = new Map(
    (db.prepare(`SELECT id, household_type AS t, monitoring_category AS c, identified_ym AS ym, risk_eliminated AS e FROM households WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as Array<{ id: number; t: string; c: string | null; ym: string | null; e: number | null }>).map((h) => [h.id, h]),
  );
  const floor = monitoringFloor(db, year);
  for (const r of rows) {
    const h = info.get(r.householdId);
    const hints = hintDtos({
      year, householdType: h?.t ?? r.householdType, monitoringCategory: h?.c ?? null, identifiedYm: h?.ym ?? null,
      riskEliminated: h?.e === null || h?.e === undefined ? null : h.e === 1, perCapita: r.perCapita, monitoringFloor: floor,
      needsPlan: true, planMeasureTypes: r.plan ? r.plan.measureTypes : null, members: members.get(r.householdId) ?? [],
    }, dismissals.get(r.householdId));
    r.hintCount = hints.filter((x) => x.dismissed === null).length;
  }
}

/**
 * The last filtered ledger per connection, reused while nothing was written: turning pages of a
 * city-wide ledger (25k rows) then costs a slice, not a recomputation. `data_version` moves when
 * another connection commits, `total_changes()` when this one writes.
 */
const lastLedger = new WeakMap<Db, { key: string; rows: LedgerRow[] }>();

function cachedLedgerRows(db: Db, q: LedgerQuery): LedgerRow[] {
  const version = db.pragma('data_version', { simple: true }) as number;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const { offset: _o, limit: _l, sort: _s, ...filters } = q as LedgerQuery & { offset?: number; limit?: number; sort?: string };
  const key = JSON.stringify([version, changes, filters]);
  const hit = lastLedger.get(db);
  if (hit?.key === key) return hit.rows;
  const rows = ledgerRows(db, q);
  lastLedger.set(db, { key, rows });
  return rows;
}

export type LedgerSort = 'region' | 'perCapita' | '-perCapita' | 'change' | '-change';

/** Rows come in region order; other orders are stable sorts of them (ties keep region order). No change sorts last. */
export function sortRows(rows: LedgerRow[], sort: LedgerSort): LedgerRow[] {
  if (sort === 'region') return rows;
  const desc = sort.startsWith('-');
  const key = (r: LedgerRow): number | null => (sort.endsWith('perCapita') ? r.perCapita : r.change);
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return desc ? y - x : x - y;
  });
}

export function computeLedger(db: Db, q: LedgerQuery & { sort: LedgerSort; offset: number; limit: number }): LedgerResult {
  const all = sortRows(cachedLedgerRows(db, q), q.sort);
  const rows = all.slice(q.offset, q.offset + q.limit);
  attachHintCounts(db, rows, q.year);
  return { year: q.year, line: belowLine(db, q.year), total: all.length, rows };
}

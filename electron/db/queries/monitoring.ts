/**
 * The work ledger's raw rows (两类群体 + relocated) and their counts by region. The group rules are
 * the `stats` query's, word for word: below = net < line·size, fallen = net·size' < net'·size
 * (cross-multiplied fen, so a 1-fen fall counts and exactly on the line is not below), relocated =
 * the household flag; all over the households that have an income record in the year.
 */
import type { GroupCounts } from '../../../shared/api/monitoring.ts';
import type { Db } from '../types.ts';

export type GroupBy = 'county' | 'township' | 'village';

export interface Scope {
  county?: string | undefined;
  township?: string | undefined;
  village?: string | undefined;
}

const GROUP_COLUMN: Record<GroupBy, string> = {
  county: 'h.county_code',
  township: 'h.township_code',
  village: "ifnull(h.village_code, h.township_code || '000')",
};

export function scopeWhere(s: Scope): string {
  return [
    s.county ? 'AND h.county_code = @county' : '',
    s.township ? 'AND h.township_code = @township' : '',
    s.village ? 'AND h.village_code = @village' : '',
  ].join(' ');
}

export function scopeParams(s: Scope): Record<string, string | null> {
  return { county: s.county ?? null, township: s.township ?? null, village: s.village ?? null };
}

const BELOW = 'r.net_fen < @lineFen * r.size';
const DECREASED = '(p.net_fen IS NOT NULL AND r.net_fen * p.size < p.net_fen * r.size)';

export function lineFen(lineYuan: number): number {
  return Math.round(lineYuan * 100);
}

/** Group counts per region code for one year. */
export function groupCounts(db: Db, year: number, by: GroupBy, lineYuan: number, s: Scope): Map<string, GroupCounts> {
  const sql = `
    SELECT ${GROUP_COLUMN[by]} AS code, count(*) AS households,
      sum(${BELOW}) AS below8000, sum(${DECREASED}) AS decreased, sum(h.relocated) AS relocated,
      sum(${BELOW} OR ${DECREASED} OR h.relocated = 1) AS "any"
    FROM income_records r
    JOIN households h ON h.id = r.household_id
    LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1
    WHERE r.year = @year ${scopeWhere(s)}
    GROUP BY 1`;
  const rows = db.prepare(sql).all({ year, lineFen: lineFen(lineYuan), ...scopeParams(s) }) as Array<GroupCounts & { code: string }>;
  return new Map(rows.map(({ code, ...c }) => [code, c]));
}

export interface PlanOutcomeRow {
  code: string;
  householdId: number;
  targetFen: number | null;
  baseNetFen: number | null;
  baseSize: number | null;
  nextNetFen: number | null;
  nextSize: number | null;
}

/** Every plan of `year` in scope with the incomes it is judged by (its own year and the next). */
export function planOutcomeRows(db: Db, year: number, by: GroupBy, s: Scope): PlanOutcomeRow[] {
  const sql = `
    SELECT ${GROUP_COLUMN[by]} AS code, pl.household_id AS householdId, pl.target_per_capita_fen AS targetFen,
      r.net_fen AS baseNetFen, r.size AS baseSize, n.net_fen AS nextNetFen, n.size AS nextSize
    FROM plans pl
    JOIN households h ON h.id = pl.household_id
    LEFT JOIN income_records r ON r.household_id = pl.household_id AND r.year = pl.year
    LEFT JOIN income_records n ON n.household_id = pl.household_id AND n.year = pl.year + 1
    WHERE pl.year = @year ${scopeWhere(s)}`;
  return db.prepare(sql).all({ year, ...scopeParams(s) }) as PlanOutcomeRow[];
}

export interface LedgerBaseRow {
  householdId: number;
  code: string;
  headName: string;
  countyCode: string;
  townshipCode: string;
  villageCode: string | null;
  size: number;
  netFen: number;
  prevSize: number | null;
  prevNetFen: number | null;
  nextSize: number | null;
  nextNetFen: number | null;
  isBelow: number;
  isDecreased: number;
  isRelocated: number;
  householdType: string;
  monitoringCategory: string | null;
  riskTypes: string;
  identifiedYm: string | null;
  riskEliminated: number | null;
  planId: number | null;
  planStatus: string | null;
  targetFen: number | null;
  cadreName: string | null;
  measureTypes: string | null;
}

/**
 * Every household of the year's work ledger in scope, with its plan of that year and the next
 * year's income (for the evaluation), ordered by township, village and household code.
 */
export function ledgerBaseRows(db: Db, year: number, lineYuan: number, s: Scope, householdId?: number): LedgerBaseRow[] {
  const sql = `
    SELECT h.id AS householdId, h.code, h.head_name AS headName, h.county_code AS countyCode,
      h.township_code AS townshipCode, h.village_code AS villageCode,
      r.size, r.net_fen AS netFen, p.size AS prevSize, p.net_fen AS prevNetFen, n.size AS nextSize, n.net_fen AS nextNetFen,
      ${BELOW} AS isBelow, ${DECREASED} AS isDecreased, h.relocated AS isRelocated,
      h.household_type AS householdType, h.monitoring_category AS monitoringCategory, h.risk_types AS riskTypes,
      h.identified_ym AS identifiedYm, h.risk_eliminated AS riskEliminated,
      pl.id AS planId, pl.status AS planStatus, pl.target_per_capita_fen AS targetFen, pl.cadre_name AS cadreName,
      (SELECT group_concat(pm.measure_type, ',') FROM plan_measures pm WHERE pm.plan_id = pl.id) AS measureTypes
    FROM income_records r
    JOIN households h ON h.id = r.household_id
    LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1
    LEFT JOIN income_records n ON n.household_id = r.household_id AND n.year = r.year + 1
    LEFT JOIN plans pl ON pl.household_id = h.id AND pl.year = r.year
    WHERE r.year = @year AND (${BELOW} OR ${DECREASED} OR h.relocated = 1) ${scopeWhere(s)}
      ${householdId === undefined ? '' : 'AND h.id = @householdId'}
    ORDER BY h.township_code, h.village_code, h.code`;
  return db.prepare(sql).all({ year, lineFen: lineFen(lineYuan), householdId: householdId ?? null, ...scopeParams(s) }) as LedgerBaseRow[];
}

export function incomeOf(db: Db, householdId: number, year: number): { netFen: number; size: number } | null {
  const row = db.prepare('SELECT net_fen AS netFen, size FROM income_records WHERE household_id = ? AND year = ?').get(householdId, year) as
    | { netFen: number; size: number }
    | undefined;
  return row ?? null;
}

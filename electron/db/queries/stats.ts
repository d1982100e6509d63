/**
 * The aggregate behind `stats`: one pass over a year's income records, grouped by region, with
 * the previous year joined per household for the "fell since last year" count. Sums stay in fen
 * (integers) so the totals are exact; comparisons of per-capita figures are cross-multiplied
 * (net·size' < net'·size) to avoid division and rounding.
 */
import type { Db } from '../../services/context.ts';

export type GroupLevel = 'county' | 'township' | 'village';

export interface RegionSums {
  code: string;
  households: number;
  persons: number;
  netFen: number;
  wageFen: number;
  businessFen: number;
  propertyFen: number;
  transferFen: number;
  below: number;
  decreased: number;
  relocated: number;
}

export interface ScopeFilter {
  county?: string | undefined;
  township?: string | undefined;
}

const GROUP_COLUMN: Record<GroupLevel, string> = {
  county: 'h.county_code',
  township: 'h.township_code',
  village: "ifnull(h.village_code, h.township_code || '000')",
};

function scopeWhere(f: ScopeFilter): string {
  return [f.county ? 'AND h.county_code = @county' : '', f.township ? 'AND h.township_code = @township' : ''].join(' ');
}

export function yearSums(db: Db, year: number, by: GroupLevel, lineYuan: number, f: ScopeFilter): RegionSums[] {
  const sql = `
    SELECT ${GROUP_COLUMN[by]} AS code,
      count(*) AS households, sum(r.size) AS persons, sum(r.net_fen) AS netFen,
      sum(r.wage_fen) AS wageFen, sum(r.business_gross_fen - r.business_expense_fen) AS businessFen,
      sum(r.property_fen) AS propertyFen, sum(r.transfer_fen) AS transferFen,
      sum(r.net_fen < @lineFen * r.size) AS below,
      sum(p.net_fen IS NOT NULL AND r.net_fen * p.size < p.net_fen * r.size) AS decreased,
      sum(h.relocated) AS relocated
    FROM income_records r
    JOIN households h ON h.id = r.household_id
    LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1
    WHERE r.year = @year ${scopeWhere(f)}
    GROUP BY 1 ORDER BY 1`;
  return db.prepare(sql).all({ year, lineFen: Math.round(lineYuan * 100), county: f.county, township: f.township }) as RegionSums[];
}

/** Σ net and Σ persons of the previous year, same grouping: the base of each row's growth. */
export function previousYearSums(db: Db, year: number, by: GroupLevel, f: ScopeFilter): Map<string, { netFen: number; persons: number }> {
  const sql = `
    SELECT ${GROUP_COLUMN[by]} AS code, sum(r.net_fen) AS netFen, sum(r.size) AS persons
    FROM income_records r JOIN households h ON h.id = r.household_id
    WHERE r.year = @year ${scopeWhere(f)}
    GROUP BY 1`;
  const rows = db.prepare(sql).all({ year: year - 1, county: f.county, township: f.township }) as Array<{ code: string; netFen: number; persons: number }>;
  return new Map(rows.map((r) => [r.code, { netFen: r.netFen, persons: r.persons }]));
}

export function incomeYears(db: Db): number[] {
  return (db.prepare('SELECT DISTINCT year FROM income_records ORDER BY year').all() as Array<{ year: number }>).map((r) => r.year);
}

export function regionNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT code, name FROM regions').all() as Array<{ code: string; name: string }>;
  return new Map(rows.map((r) => [r.code, r.name]));
}

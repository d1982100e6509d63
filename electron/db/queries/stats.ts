/**
 * Region sums behind `stats` and 增收分析, grouped from the per-(year, village) aggregates of
 * analysis-aggregates.ts. Sums stay in fen (integers) so totals are exact; the counts were made
 * with the shared rules (strictly below the line, any fall since the previous year).
 */
import type { Db } from '../types.ts';
import type { AggRow } from './analysis-aggregates.ts';
import { dataYears } from './analysis-aggregates.ts';

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
  belowFloor: number;
  decreased: number;
  relocated: number;
  /** Households in any of the three groups (below the line, fell, relocated), each counted once. */
  anyCategory: number;
}

export interface ScopeFilter {
  county?: string | undefined;
  township?: string | undefined;
  village?: string | undefined;
}

export function emptySums(code: string): RegionSums {
  return { code, households: 0, persons: 0, netFen: 0, wageFen: 0, businessFen: 0, propertyFen: 0, transferFen: 0, below: 0, belowFloor: 0, decreased: 0, relocated: 0, anyCategory: 0 };
}

export function addInto(t: RegionSums, r: AggRow | RegionSums): void {
  t.households += r.households;
  t.persons += r.persons;
  t.netFen += r.netFen;
  t.wageFen += r.wageFen;
  t.businessFen += r.businessFen;
  t.propertyFen += r.propertyFen;
  t.transferFen += r.transferFen;
  t.below += 'below' in r ? r.below : r.belowLine;
  t.belowFloor += r.belowFloor;
  t.decreased += r.decreased;
  t.relocated += r.relocated;
  t.anyCategory += r.anyCategory;
}

function keyOf(r: AggRow, by: GroupLevel): string {
  return by === 'county' ? r.county : by === 'township' ? r.township : r.village;
}

/** One year's sums per region at the given level, ordered by code. */
export function sumsByRegion(rows: readonly AggRow[], year: number, by: GroupLevel): RegionSums[] {
  const out = new Map<string, RegionSums>();
  for (const r of rows) {
    if (r.year !== year) continue;
    const code = keyOf(r, by);
    let t = out.get(code);
    if (!t) out.set(code, (t = emptySums(code)));
    addInto(t, r);
  }
  return [...out.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function sumAll(rows: readonly RegionSums[], code: string): RegionSums {
  const t = emptySums(code);
  for (const r of rows) addInto(t, r);
  return t;
}

export function incomeYears(db: Db): number[] {
  return dataYears(db);
}

export function regionNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT code, name FROM regions').all() as Array<{ code: string; name: string }>;
  return new Map(rows.map((r) => [r.code, r.name]));
}

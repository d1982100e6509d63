/**
 * The `stats` figures of the start page, the CLI, 增收分析 and the forms. All
 * per-capita figures go through the shared income functions so the views and forms agree; the sums
 * come from the one aggregation in db/queries/analysis-aggregates.ts.
 */
import type { StatsBy, StatsResult, StatsRow } from '../../shared/api/stats.ts';
import { fenToYuan, gap, growth, round2, weightedPerCapita } from '../../shared/domain/income.ts';
import { CITY } from '../../shared/domain/regions.ts';
import { AppError } from '../../shared/errors.ts';
import { aggregateRows, type AggRow } from '../db/queries/analysis-aggregates.ts';
import { loadReferences, type RefSnapshot } from '../db/queries/analysis-references.ts';
import { incomeYears, regionNames, sumAll, sumsByRegion, type RegionSums, type ScopeFilter } from '../db/queries/stats.ts';
import type { Db } from '../db/types.ts';

export function perCapitaYuan(netFen: number, persons: number): number | null {
  const fen = weightedPerCapita(netFen, persons);
  return fen === null ? null : fenToYuan(fen);
}

export function round4(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10000) / 10000;
}

interface RowContext {
  name: string;
  prev: Pick<RegionSums, 'netFen' | 'persons'> | undefined;
  target: number | null;
  province: number | null;
}

export function toStatsRow(s: RegionSums, c: RowContext): StatsRow {
  const pc = perCapitaYuan(s.netFen, s.persons);
  const prevPc = c.prev ? perCapitaYuan(c.prev.netFen, c.prev.persons) : null;
  const g = gap(c.target, pc);
  const gp = gap(c.province, pc);
  return {
    code: s.code,
    name: c.name,
    households: s.households,
    persons: s.persons,
    perCapitaNet: pc,
    wage: perCapitaYuan(s.wageFen, s.persons),
    business: perCapitaYuan(s.businessFen, s.persons),
    property: perCapitaYuan(s.propertyFen, s.persons),
    transfer: perCapitaYuan(s.transferFen, s.persons),
    below8000: s.below,
    decreased: s.decreased,
    relocated: s.relocated,
    growth: round4(growth(pc, prevPc)),
    target: c.target,
    gapToTarget: g === null ? null : round2(g),
    provinceAverage: c.province,
    gapToProvince: gp === null ? null : round2(gp),
  };
}

export function latestYear(db: Db): number | null {
  const years = incomeYears(db);
  return years.length ? (years[years.length - 1] ?? null) : null;
}

export interface StatsQuery {
  year?: number | undefined;
  by: StatsBy;
  county?: string | undefined;
  township?: string | undefined;
}

/** One year's `stats` built from already-read aggregate rows, with the sums kept for the analysis view. */
export interface StatsParts {
  result: StatsResult;
  sums: RegionSums[];
  totalSums: RegionSums;
}

export interface StatsInputs {
  rows: readonly AggRow[];
  refs: RefSnapshot;
  names: ReadonlyMap<string, string>;
  year: number;
  by: StatsBy;
  scopeCode: string;
}

export function statsFromRows(i: StatsInputs): StatsParts {
  const sums = sumsByRegion(i.rows, i.year, i.by);
  const prevSums = sumsByRegion(i.rows, i.year - 1, i.by);
  const prev = new Map(prevSums.map((p) => [p.code, p]));
  const province = i.refs.province(i.year);
  const rows = sums.map((s) =>
    toStatsRow(s, { name: i.names.get(s.code) ?? '（未填村）', prev: prev.get(s.code), target: i.refs.target(i.year, s.code), province }),
  );
  const totalSums = sumAll(sums, i.scopeCode);
  const prevTotal = sumAll(prevSums, i.scopeCode);
  const total = toStatsRow(totalSums, {
    name: i.names.get(i.scopeCode) ?? i.scopeCode,
    prev: prevSums.length ? prevTotal : undefined,
    target: i.refs.target(i.year, i.scopeCode),
    province,
  });
  return { result: { year: i.year, by: i.by, rows, total }, sums, totalSums };
}

export function computeStats(db: Db, q: StatsQuery): StatsResult {
  const year = q.year ?? latestYear(db);
  if (year === null) throw new AppError('not-found', '数据库中还没有任何年度的收入数据，请先导入。');
  const f: ScopeFilter = { county: q.county, township: q.township };
  return statsFromRows({
    rows: aggregateRows(db, f),
    refs: loadReferences(db),
    names: regionNames(db),
    year,
    by: q.by,
    scopeCode: q.township ?? q.county ?? CITY.code,
  }).result;
}

/**
 * The scope's per-capita net income year by year against the plan: city targets, the province's
 * figures where entered, the plan's growth path and what it still takes to reach the last target.
 */
import type { RequiredIncrease, Trajectory, TrajectoryPoint } from '../../shared/api/analysis.ts';
import { gap, growth, requiredAnnualIncrease, round2 } from '../../shared/domain/income.ts';
import { CITY } from '../../shared/domain/regions.ts';
import type { AggRow } from '../db/queries/analysis-aggregates.ts';
import type { RefSnapshot } from '../db/queries/analysis-references.ts';
import { PROVINCE_CODE } from '../db/queries/references.ts';
import { sumAll, sumsByRegion } from '../db/queries/stats.ts';
import { perCapitaYuan, round4 } from './stats.ts';

/** Scope per-capita by year, through the same sums and rounding as the `stats` total row. */
export function actualsByYear(rows: readonly AggRow[], years: readonly number[], scopeCode: string): Map<number, number | null> {
  return new Map(
    years.map((y) => {
      const t = sumAll(sumsByRegion(rows, y, 'county'), scopeCode);
      return [y, perCapitaYuan(t.netFen, t.persons)];
    }),
  );
}

function pathBase(actual: Map<number, number | null>, reported: (y: number) => number | null, firstTargetYear: number | undefined): { year: number; value: number } | null {
  // The plan compounds from the year before its first target (2022, 11,100 for the city).
  if (firstTargetYear !== undefined) {
    const y = firstTargetYear - 1;
    const v = actual.get(y) ?? reported(y);
    if (v !== null && v !== undefined) return { year: y, value: v };
  }
  for (const [year, value] of actual) if (value !== null) return { year, value };
  return null;
}

function required(actual: Map<number, number | null>, refs: RefSnapshot, scopeCode: string, lastTargetYear: number | undefined): RequiredIncrease | null {
  if (lastTargetYear === undefined) return null;
  const target = refs.target(lastTargetYear, scopeCode);
  const latest = [...actual].filter(([y, v]) => v !== null && y < lastTargetYear).pop();
  if (target === null || latest === undefined) return null;
  const [fromYear, fromValue] = latest as [number, number];
  const r = requiredAnnualIncrease(fromValue, fromYear, target, lastTargetYear);
  if (r === null) return null;
  return { fromYear, fromValue, targetYear: lastTargetYear, target, yuanPerYear: round2(r.yuanPerYear), ratePerYear: round4(r.ratePerYear) ?? 0 };
}

export function buildTrajectory(rows: readonly AggRow[], dataYears: readonly number[], refs: RefSnapshot, scopeCode: string): Trajectory {
  const targetYears = refs.targetYears();
  const first = dataYears[0] ?? targetYears[0];
  const last = Math.max(...dataYears, ...targetYears);
  const years: number[] = [];
  if (first !== undefined) for (let y = first; y <= last; y++) years.push(y);
  const actual = actualsByYear(rows, years, scopeCode);
  const reported = (y: number): number | null => refs.get('actual', y, scopeCode, 'perCapitaNet');
  const rate = targetYears[0] === undefined ? null : refs.get('target', targetYears[0], CITY.code, 'growthRate');
  const base = pathBase(actual, reported, targetYears[0]);
  const points: TrajectoryPoint[] = years.map((year) => {
    const value = actual.get(year) ?? null;
    const target = refs.target(year, scopeCode);
    const g = gap(target, value);
    const province = refs.province(year);
    const gp = gap(province, value);
    return {
      year,
      actual: value,
      reported: reported(year),
      target,
      gapToTarget: g === null ? null : round2(g),
      provinceAverage: province,
      gapToProvince: gp === null ? null : round2(gp),
      provinceTarget: refs.get('target', year, PROVINCE_CODE, 'perCapitaNet'),
      path: rate !== null && base !== null && year >= base.year ? round2(base.value * (1 + rate) ** (year - base.year)) : null,
      growth: round4(growth(value, actual.get(year - 1) ?? null)),
    };
  });
  return { points, growthRate: rate, pathBase: base, required: required(actual, refs, scopeCode, targetYears[targetYears.length - 1]) };
}

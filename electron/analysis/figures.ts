/**
 * The view's charts other than the trajectory, each derived from the `stats` rows or from the
 * same region sums, so every number in a chart is the one `stats` prints.
 */
import type {
  CategoryCounts,
  CategoryRow,
  ComponentBlock,
  ComponentMetric,
  Distribution,
  RankingRow,
} from '../../shared/api/analysis.ts';
import type { StatsResult, StatsRow } from '../../shared/api/stats.ts';
import { gap, round2 } from '../../shared/domain/income.ts';
import { BIN_YUAN, LAST_BIN } from '../db/queries/analysis-aggregates.ts';
import type { RefSnapshot } from '../db/queries/analysis-references.ts';
import type { RegionSums } from '../db/queries/stats.ts';
import { round4 } from './stats.ts';

export const COMPONENTS: ReadonlyArray<{ metric: ComponentMetric; label: string }> = [
  { metric: 'wage', label: '工资性收入' },
  { metric: 'business', label: '经营性净收入' },
  { metric: 'property', label: '财产性收入' },
  { metric: 'transfer', label: '转移性收入' },
];

const round2OrNull = (x: number | null): number | null => (x === null ? null : round2(x));

export function componentBlock(row: StatsRow, year: number, refs: RefSnapshot): ComponentBlock {
  return {
    code: row.code,
    name: row.name,
    figures: COMPONENTS.map(({ metric, label }) => {
      const actual = row[metric];
      const target = refs.target(year, row.code, metric);
      const province = refs.province(year, metric);
      return {
        metric,
        label,
        actual,
        target,
        gapToTarget: round2OrNull(gap(target, actual)),
        provinceAverage: province,
        gapToProvince: round2OrNull(gap(province, actual)),
      };
    }),
  };
}

/** Rows with their weight: a low figure matters in proportion to the people behind it. */
export function ranking(stats: StatsResult): RankingRow[] {
  const total = stats.total;
  return stats.rows.map((r) => {
    const share = total.persons > 0 ? r.persons / total.persons : null;
    const pull = share !== null && r.perCapitaNet !== null && total.perCapitaNet !== null ? share * (r.perCapitaNet - total.perCapitaNet) : null;
    return { ...r, share: round4(share), pull: round2OrNull(pull) };
  });
}

export function distribution(bins: ReadonlyMap<number, number>, total: RegionSums, line: number, floor: number | null): Distribution {
  // Show every bin up to the highest one used, and at least past the line and the floor.
  const marks = [line, floor ?? 0].map((v) => Math.min(LAST_BIN, Math.floor(v / BIN_YUAN)));
  const top = Math.max(...bins.keys(), ...marks, 0);
  const out = [];
  for (let b = 0; b <= top; b++) {
    out.push({ from: b * BIN_YUAN, to: b === LAST_BIN ? null : (b + 1) * BIN_YUAN, households: bins.get(b) ?? 0 });
  }
  return {
    households: total.households,
    line,
    belowLine: total.below,
    monitoringFloor: floor,
    belowFloor: floor === null ? null : total.belowFloor,
    binWidth: BIN_YUAN,
    bins: out,
  };
}

function counts(s: RegionSums): CategoryCounts {
  return { belowLine: s.below, decreased: s.decreased, relocated: s.relocated, anyCategory: s.anyCategory };
}

function diff(a: CategoryCounts, b: CategoryCounts): CategoryCounts {
  return {
    belowLine: a.belowLine - b.belowLine,
    decreased: a.decreased - b.decreased,
    relocated: a.relocated - b.relocated,
    anyCategory: a.anyCategory - b.anyCategory,
  };
}

export function categoryRow(now: RegionSums, prev: RegionSums | undefined, name: string): CategoryRow {
  const c = counts(now);
  const p = prev ? counts(prev) : null;
  return { code: now.code, name, households: now.households, ...c, previous: p, change: p ? diff(c, p) : null };
}

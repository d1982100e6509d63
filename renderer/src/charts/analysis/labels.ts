/** Labels shared by a chart and its table view, so both say the same thing. */
import { formatYuan } from '../../format.ts';

export function binLabel(from: number, to: number | null): string {
  return to === null ? `${formatYuan(from, 0)} 以上` : `${formatYuan(from, 0)}–${formatYuan(to, 0)}`;
}

/** Gaps: a negative one means the figure is already above the reference. */
export function gapText(gap: number | null): string {
  if (gap === null) return '—';
  return gap > 0 ? `差 ${formatYuan(gap)}` : `超 ${formatYuan(-gap)}`;
}

export const CHILD_LABEL = { county: '县区', township: '乡镇', village: '村' } as const;

export type RankKey = 'perCapitaNet' | 'gapToTarget' | 'growth';

/** The ranking order of the chart and its table: largest first, unknown figures last. */
export function rankRows<T extends Record<RankKey, number | null>>(rows: readonly T[], by: RankKey): T[] {
  const v = (r: T): number => r[by] ?? -Infinity;
  return [...rows].sort((a, b) => (v(a) === v(b) ? 0 : v(b) > v(a) ? 1 : -1));
}

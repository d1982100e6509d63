/**
 * 收入分段: the per-capita bands of the 收入分段统计 form. The edges are a setting (设置 key
 * `income_bands`, whole yuan, strictly ascending); a household falls in band i when
 * edge[i−1] ≤ per-capita < edge[i] — the same "strictly below" rule as the 8,000 line, so with 8,000
 * among the edges the bands below it add up to the `stats` count of households below the line.
 */
export const DEFAULT_BAND_EDGES: readonly number[] = [5000, 8000, 10000, 15000, 20000];
export const MAX_BAND_EDGES = 10;

/** A Chinese reason when the edges cannot be used, else null. */
export function bandEdgesProblem(edges: readonly number[]): string | null {
  if (edges.length < 1 || edges.length > MAX_BAND_EDGES) return `分段界限应为 1 至 ${MAX_BAND_EDGES} 个`;
  for (const e of edges) {
    if (!Number.isInteger(e) || e <= 0 || e > 1_000_000) return `分段界限应为 1 至 1,000,000 之间的整数元，收到：${e}`;
  }
  for (let i = 1; i < edges.length; i++) {
    if ((edges[i] as number) <= (edges[i - 1] as number)) return '分段界限应从小到大排列，且不能重复';
  }
  return null;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** "5,000元以下", "5,000–8,000元", …, "20,000元及以上". */
export function bandLabels(edges: readonly number[]): string[] {
  const out = [`${fmt(edges[0] as number)}元以下`];
  for (let i = 1; i < edges.length; i++) out.push(`${fmt(edges[i - 1] as number)}–${fmt(edges[i] as number)}元`);
  out.push(`${fmt(edges[edges.length - 1] as number)}元及以上`);
  return out;
}

/** The band of a household from fen and size, cross-multiplied (no division): 0 … edges.length. */
export function bandOf(netFen: number, size: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && netFen >= (edges[b] as number) * 100 * size) b++;
  return b;
}

/** The band edges of 收入分段统计, kept in `settings` (key income_bands, a JSON array of whole yuan). */
import { bandEdgesProblem, DEFAULT_BAND_EDGES } from '../../shared/domain/income-bands.ts';
import { AppError } from '../../shared/errors.ts';
import { getSetting, setSetting } from '../db/meta.ts';
import type { Db } from '../db/types.ts';

export const BANDS_KEY = 'income_bands';

/** The saved edges, or the default; a stored value that no longer passes the checks is refused, not replaced. */
export function readBandEdges(db: Db): number[] {
  const raw = getSetting(db, BANDS_KEY);
  if (raw === null) return [...DEFAULT_BAND_EDGES];
  let edges: unknown;
  try {
    edges = JSON.parse(raw);
  } catch {
    edges = null;
  }
  const problem = Array.isArray(edges) && edges.every((e) => typeof e === 'number') ? bandEdgesProblem(edges as number[]) : '格式不是数字列表';
  if (problem) throw new AppError('validation', `设置中的收入分段界限无法使用（${problem}），请在导出页重新设置。`);
  return edges as number[];
}

/** Saves the edges (validated); returns the previous value for the audit entry. */
export function writeBandEdges(db: Db, edges: readonly number[]): { old: string | null; value: string } {
  const problem = bandEdgesProblem(edges);
  if (problem) throw new AppError('validation', problem);
  const old = getSetting(db, BANDS_KEY);
  const value = JSON.stringify(edges);
  setSetting(db, BANDS_KEY, value);
  return { old, value };
}

/**
 * Everything behind one 增收分析 screen (one scope, one year) from a single read of the
 * aggregates: the `stats` of the scope's children, the trajectory over all years, components,
 * ranking, the distribution of household per-capita income and the two categories.
 */
import type { AnalysisResult } from '../../shared/api/analysis.ts';
import { AppError } from '../../shared/errors.ts';
import { aggregateRows, dataYears, histogram } from '../db/queries/analysis-aggregates.ts';
import { loadReferences } from '../db/queries/analysis-references.ts';
import { regionNames, sumAll, sumsByRegion } from '../db/queries/stats.ts';
import type { Db } from '../db/types.ts';
import { statsFromRows } from './stats.ts';
import { categoryRow, componentBlock, distribution, ranking } from './figures.ts';
import { NO_VILLAGE_NAME, resolveScope } from './scope.ts';
import { buildTrajectory } from './trajectory.ts';

export interface AnalysisQuery {
  year?: number | undefined;
  scope: string;
}

export function buildAnalysis(db: Db, q: AnalysisQuery): AnalysisResult {
  const years = dataYears(db);
  const year = q.year ?? years[years.length - 1];
  if (year === undefined) throw new AppError('not-found', '数据库中还没有任何年度的收入数据，请先导入。');
  if (!years.includes(year)) throw new AppError('not-found', `${year} 年没有收入数据，可选年份：${years.join('、')}`);
  const names = regionNames(db);
  const scope = resolveScope(q.scope, names);
  const refs = loadReferences(db);
  const rows = aggregateRows(db, scope.filter);
  const by = scope.childLevel ?? 'village';
  const parts = statsFromRows({ rows, refs, names, year, by, scopeCode: scope.node.code });
  const stats = parts.result;
  const prevSums = new Map(sumsByRegion(rows, year - 1, by).map((s) => [s.code, s]));
  const prevTotal = prevSums.size ? sumAll([...prevSums.values()], scope.node.code) : undefined;
  return {
    year,
    years,
    scope: scope.node,
    path: scope.path,
    childLevel: scope.childLevel,
    stats,
    trajectory: buildTrajectory(rows, years, refs, scope.node.code),
    components: { total: componentBlock(stats.total, year, refs), rows: stats.rows.map((r) => componentBlock(r, year, refs)) },
    ranking: ranking(stats),
    distribution: distribution(histogram(db, scope.filter, year), parts.totalSums, refs.line(year), refs.monitoringFloor(year)),
    categories: {
      previousYear: prevSums.size ? year - 1 : null,
      rows: parts.sums.map((s) => categoryRow(s, prevSums.get(s.code), names.get(s.code) ?? NO_VILLAGE_NAME)),
      total: categoryRow(parts.totalSums, prevTotal, scope.node.name),
    },
  };
}

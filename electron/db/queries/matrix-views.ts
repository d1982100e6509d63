/**
 * The assembled views of the matrix (what the screens and the forms show), built from the queries in
 * matrix.ts. Shared by the services and the workbook writer.
 */
import { PLAN_YEARS, PROGRESS_STATUSES, type HeatmapResult, type MatrixResult, type MatrixScope, type MeasureDetail } from '../../../shared/api/matrix.ts';
import { COUNTIES } from '../../../shared/domain/regions.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Db } from '../types.ts';
import {
  cellsOfMeasure, departmentStatuses, indicatorsOf, listDepartments, listGroups, matrixMeasures, measureByN, progressOf, progressYears,
  type MeasureRow,
} from './matrix.ts';
import { isCountyEnabled, resolveScope } from './matrix-scope.ts';

export function requireMeasure(db: Db, n: number): MeasureRow {
  const m = measureByN(db, n);
  if (!m) throw new AppError('not-found', `没有第 ${n} 条措施`);
  return m;
}

export function getMatrix(db: Db, scopeArg?: string): MatrixResult {
  const scope = resolveScope(db, scopeArg);
  return {
    scope,
    groups: listGroups(db),
    measures: matrixMeasures(db, scope.county),
    departments: listDepartments(db, scope.county),
    counties: COUNTIES.map((c) => ({ code: c.code, name: c.name, enabled: isCountyEnabled(db, c.code) })),
  };
}

export function measureDetail(db: Db, n: number, scope: MatrixScope): MeasureDetail {
  const m = requireMeasure(db, n);
  const group = listGroups(db).find((g) => g.n === m.group_n);
  return {
    scope,
    n: m.n,
    group: m.group_n,
    groupTitle: group?.title ?? '',
    title: m.title,
    body: m.body,
    archived: m.archived === 1,
    departments: cellsOfMeasure(db, m.id, scope.county),
    indicators: indicatorsOf(db, m.id),
    progress: progressOf(db, m.id, scope.county),
    years: progressYears(db, scope.county, PLAN_YEARS),
  };
}

/** Status by measure × department for a year; a cell with a role but nothing recorded is 未填报. */
export function heatmap(db: Db, year: number, scopeArg?: string): HeatmapResult {
  const matrix = getMatrix(db, scopeArg);
  const statuses = departmentStatuses(db, matrix.scope.county, year);
  const measures = matrix.measures.filter((m) => !m.archived);
  const cells = measures.flatMap((m) =>
    m.departments.map((d) => ({ n: m.n, departmentId: d.departmentId, role: d.role, status: statuses.get(`${m.n}:${d.departmentId}`) ?? null })),
  );
  const used = new Set(cells.map((c) => c.departmentId));
  const totals = { 未填报: 0, ...Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) } as HeatmapResult['totals'];
  for (const c of cells) totals[c.status ?? '未填报']++;
  return {
    scope: matrix.scope,
    year,
    measures: measures.map((m) => ({ n: m.n, title: m.title })),
    departments: matrix.departments.filter((d) => used.has(d.id)).map((d) => ({ id: d.id, name: d.name })),
    cells,
    totals,
  };
}


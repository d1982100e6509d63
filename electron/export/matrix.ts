/**
 * The 责任分工表 as an upward form: one sheet listing each measure with its 牵头 / 配合 / 主体责任
 * units (the shape the plan's annex tables take), and one grid sheet with the departments as
 * columns and the role in each cell. Group headings are merged rows across the table.
 * `kind: 'progress'` writes the year's progress table instead (matrix-progress.ts).
 */
import { columnOrder, PLAN_YEARS, ROLE_LABELS, type MatrixMeasure, type MatrixResult } from '../../shared/api/matrix.ts';
import { isCountyEnabled, previewCounty } from '../db/queries/matrix-scope.ts';
import { getMatrix } from '../db/queries/matrix-views.ts';
import { CITY } from '../../shared/domain/regions.ts';
import type { Db } from '../db/types.ts';
import { FormSheet, openFormWorkbook, readSignatures, type FormColumn, type FormWorkbook, type Signatures } from './layout.ts';
import { formMarks } from './marks.ts';
import { writeProgressSheets } from './matrix-progress.ts';
import { addMergedBlock, groupHeading } from './matrix-rows.ts';

export interface MatrixWorkbookOptions {
  /** 'matrix' (default): the 责任分工表; 'progress': the year's progress and indicator tables. */
  kind?: 'matrix' | 'progress' | undefined;
  /** For 'progress'; defaults to the latest year with recorded progress, else this year within 2023–2025. */
  year?: number | undefined;
  /** 'city' or a county code; defaults to the scope saved in 设置. */
  scope?: string | undefined;
  /** 填报日期; defaults to today. */
  date?: Date | undefined;
}

export interface MatrixWorkbookResult {
  path: string;
  /** Data rows written on the first sheet (one per measure for the 责任分工表). */
  rows: number;
}

function namesWith(m: MatrixMeasure, role: keyof typeof ROLE_LABELS): string {
  return m.departments.filter((d) => d.role === role).map((d) => d.name).join('、');
}

function currentMeasuresByGroup(matrix: MatrixResult): Array<{ heading: string; measures: MatrixMeasure[] }> {
  return matrix.groups
    .map((g) => ({ heading: groupHeading(g.n, g.title), measures: matrix.measures.filter((m) => m.group === g.n && !m.archived) }))
    .filter((g) => g.measures.length > 0);
}

function writeListSheet(book: FormWorkbook, matrix: MatrixResult, signatures: Signatures, date: Date | undefined): number {
  const columns: FormColumn[] = [
    { header: '序号', width: 6, kind: 'seq' },
    { header: '重点措施', width: 30, kind: 'text' },
    { header: '牵头单位', width: 16, kind: 'text' },
    { header: '配合单位', width: 50, kind: 'text' },
    { header: '主体责任', width: 16, kind: 'text' },
  ];
  const form = new FormSheet(book, columns, {
    title: `${matrix.scope.name}脱贫人口增收三年行动措施责任分工表`, signatures, unitLine: '', frozenColumns: 2, sheetName: '责任分工表',
    ...(date ? { date } : {}),
  });
  let rows = 0;
  for (const g of currentMeasuresByGroup(matrix)) {
    form.addMergedRow(g.heading, 'band');
    // Through addMergedBlock for its wrapping text style: a long list of supporting units wraps.
    for (const m of g.measures) rows += addMergedBlock(form, [[m.n, m.title, namesWith(m, 'lead'), namesWith(m, 'support'), namesWith(m, 'main')]], []);
  }
  form.finish();
  return rows;
}

/**
 * Header paths for the department columns. The form's header rows are one line high, so a name
 * longer than four characters is split over two header rows (市农业 / 农村局) instead of wrapping
 * in one; a split whose first half equals its neighbour's would merge across, so that one stays whole.
 */
export function departmentHeaders(names: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const name of names) {
    const half = Math.ceil(name.length / 2);
    const head = name.slice(0, half);
    const prev = out.at(-1);
    out.push(name.length <= 4 || prev?.[1] === head ? ['责任单位', name] : ['责任单位', head, name.slice(half)]);
  }
  return out;
}

function writeGridSheet(book: FormWorkbook, matrix: MatrixResult, signatures: Signatures, date: Date | undefined): void {
  const departments = columnOrder(matrix.departments).filter((d) => d.counts.lead + d.counts.support + d.counts.main > 0);
  const columns: FormColumn[] = [
    { header: '序号', width: 5, kind: 'seq' },
    { header: '重点措施', width: 24, kind: 'text' },
    // 'id' columns are centred text: a role label reads best in the middle of its cell.
    ...departmentHeaders(departments.map((d) => d.name)).map((header): FormColumn => ({ header, width: 7.5, kind: 'id' })),
  ];
  const form = new FormSheet(book, columns, {
    title: `${matrix.scope.name}脱贫人口增收三年行动措施责任分工矩阵`, signatures, unitLine: '牵头：牵头单位　配合：配合单位', frozenColumns: 2,
    sheetName: '分工矩阵', ...(date ? { date } : {}),
  });
  for (const g of currentMeasuresByGroup(matrix)) {
    form.addMergedRow(g.heading, 'band');
    for (const m of g.measures) {
      const role = new Map(m.departments.map((d) => [d.departmentId, ROLE_LABELS[d.role]]));
      form.addRow([m.n, m.title, ...departments.map((d) => role.get(d.id) ?? '')]);
    }
  }
  const counts = departments.map((d) => (d.counts.lead + d.counts.support > 0 ? `${d.counts.lead}/${d.counts.support}` : `${d.counts.main}`));
  form.addRow(['', '牵头/配合（条）', ...counts], 'total');
  form.finish();
}

/** The latest year with recorded progress, else this year within the plan's years. */
export function defaultProgressYear(db: Db, county: string | null): number {
  const recorded = db.prepare('SELECT max(year) AS y FROM measure_progress WHERE county_code IS ?').get(county) as { y: number | null };
  const planned = Math.min(Math.max(new Date().getFullYear(), PLAN_YEARS[0] ?? 2023), PLAN_YEARS[PLAN_YEARS.length - 1] ?? 2025);
  return recorded.y ?? planned;
}

/** A county whose matrix has not been set up gets the default county version (nothing is written). */
function matrixFor(db: Db, scope: string | undefined): MatrixResult {
  if (scope !== undefined && /^\d{6}$/.test(scope) && scope !== CITY.code && !isCountyEnabled(db, scope)) return previewCounty(getMatrix(db, 'city'), scope);
  return getMatrix(db, scope);
}

/**
 * Writes the 责任分工表 (or, with kind 'progress', the year's progress table) to `outPath`.
 * Used by the matrix:export service and by the `export matrix` CLI command.
 */
export async function writeMatrixWorkbook(db: Db, outPath: string, opts: MatrixWorkbookOptions = {}): Promise<MatrixWorkbookResult> {
  const matrix = matrixFor(db, opts.scope);
  const signatures = readSignatures(db);
  const book = openFormWorkbook(outPath, formMarks(db));
  let rows: number;
  if (opts.kind === 'progress') {
    rows = writeProgressSheets(db, book, matrix, { year: opts.year ?? defaultProgressYear(db, matrix.scope.county), signatures, date: opts.date });
  } else {
    rows = writeListSheet(book, matrix, signatures, opts.date);
    writeGridSheet(book, matrix, signatures, opts.date);
  }
  await book.commit();
  return { path: outPath, rows };
}

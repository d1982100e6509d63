/**
 * The `matrix` form delegates to the matrix issue's writer (electron/export/matrix.ts), which owns
 * the 责任分工表's layout; this only maps the export scope onto the matrix's (city or a county).
 */
import type { Db } from '../db/types.ts';
import type { FormOutcome, Scope } from './form.ts';
import { writeMatrixWorkbook } from './matrix.ts';

export async function writeMatrixForm(db: Db, outPath: string, o: { year: number; scope: Scope }): Promise<FormOutcome> {
  const r = await writeMatrixWorkbook(db, outPath, { kind: 'matrix', year: o.year, scope: o.scope.county ?? 'city' });
  return { rows: r.rows, sheets: ['责任分工表', '分工矩阵'] };
}

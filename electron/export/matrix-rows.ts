/**
 * Rows with cells merged down for the matrix forms. FormSheet.addRow commits each row at once, and
 * the streaming writer cannot merge cells of a committed row; a measure's cells spanning its units
 * are therefore written here uncommitted, merged, then committed, styled like FormSheet's rows
 * (宋体 10, thin borders, text as text) except that text wraps, so long lists of units stay readable.
 */
import type ExcelJS from 'exceljs';
import { neutralize, NUM_FMT, type CellValue, type ColumnKind, type FormSheet } from './layout.ts';

const CHINESE_NUMERALS = '一二三四五六七八九十';

export function groupHeading(n: number, title: string): string {
  return `（${CHINESE_NUMERALS[n - 1] ?? String(n)}）${title}`;
}

const THIN = Object.freeze({ style: 'thin' as const });
const BORDER = Object.freeze({ top: THIN, left: THIN, bottom: THIN, right: THIN });
const FONT = Object.freeze({ name: '宋体', size: 10 });
const CENTER = Object.freeze({ horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true });
const LEFT = Object.freeze({ horizontal: 'left' as const, vertical: 'middle' as const, wrapText: true });
const RIGHT = Object.freeze({ horizontal: 'right' as const, vertical: 'middle' as const });

/** One frozen style per column kind, shared by every cell of that kind (exceljs caches by object). */
const STYLES: Readonly<Record<ColumnKind, Partial<ExcelJS.Style>>> = Object.freeze({
  seq: Object.freeze({ font: FONT, alignment: CENTER, border: BORDER, numFmt: NUM_FMT.count }),
  id: Object.freeze({ font: FONT, alignment: CENTER, border: BORDER, numFmt: NUM_FMT.text }),
  text: Object.freeze({ font: FONT, alignment: LEFT, border: BORDER, numFmt: NUM_FMT.text }),
  money: Object.freeze({ font: FONT, alignment: RIGHT, border: BORDER, numFmt: NUM_FMT.money }),
  percent: Object.freeze({ font: FONT, alignment: RIGHT, border: BORDER, numFmt: NUM_FMT.percent }),
  count: Object.freeze({ font: FONT, alignment: RIGHT, border: BORDER, numFmt: NUM_FMT.count }),
});

function isText(kind: ColumnKind): boolean {
  return kind === 'text' || kind === 'id';
}

/**
 * Adds `rows` as one block and merges each of `mergeColumns` down over the whole block (a measure's
 * 序号 and title over its units). The cells below the first in a merged column are left empty.
 */
export function addMergedBlock(form: FormSheet, rows: readonly (readonly CellValue[])[], mergeColumns: readonly number[]): number {
  const kinds = form.columns.map((c) => c.kind);
  let first = 0;
  let last: ExcelJS.Row | undefined;
  for (const values of rows) {
    const row = form.sheet.addRow(values.map((v, i) => (typeof v === 'string' && isText(kinds[i] ?? 'text') ? neutralize(v) : v ?? null)));
    kinds.forEach((k, i) => (row.getCell(i + 1).style = STYLES[k]));
    if (first === 0) first = row.number;
    last = row;
  }
  if (!last) return 0;
  if (last.number > first) for (const c of mergeColumns) form.sheet.mergeCells(first, c, last.number, c);
  last.commit();
  return rows.length;
}

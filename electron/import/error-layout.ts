/**
 * The page layout of the error workbook (error-workbook.ts): column widths that show IDs and codes
 * whole, the header rows' merges, and the print setup. Pure functions over what the report knows,
 * so the streaming writer can set them before its first row.
 */
import type ExcelJS from 'exceljs';
import type { ImportColumn, UnmappedColumn } from '../../shared/api/import.ts';
import type { FieldKey } from '../../shared/domain/import-headers.ts';
import { cellText, type RawCell } from '../../shared/domain/import-values.ts';

/** Fields whose values must be read whole: an ID cut to "6204221990…" cannot be corrected. */
const LONG_TEXT: Partial<Record<FieldKey, number>> = {
  idNumber: 22, headIdNumber: 22, householdCode: 20, personCode: 20, phone: 14, memberPhone: 14,
};

/** Excel's width unit is about one Latin character; a CJK character takes two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

/** Width per data column: the header's, a long-text field's, an unmapped column's sample; 8–40. */
export function columnWidths(columns: readonly ImportColumn[], unmapped: readonly UnmappedColumn[]): number[] {
  return columns.map((c) => {
    const sample = unmapped.find((u) => u.column === c.letter)?.sample ?? '';
    const want = Math.max(displayWidth(c.header) + 2, c.field ? (LONG_TEXT[c.field] ?? 0) : 0, displayWidth(sample) + 2, 8);
    return Math.min(want, 40);
  });
}

export interface Merge { top: number; left: number; bottom: number; right: number }

/**
 * The merges of the original header rows. The reader fills a merged range with its value in every
 * cell, so a rectangle of one repeated caption is what the township merged: a caption over several
 * columns (家庭收入情况) and a name spanning both header rows. Columns are 0-based, rows 0-based
 * within `rows`.
 */
export function headerMerges(rows: readonly (readonly RawCell[])[], width: number): Merge[] {
  const text = rows.map((r) => Array.from({ length: width }, (_, i) => cellText(r[i] ?? null)));
  const out: Merge[] = [];
  const taken = rows.map(() => new Array<boolean>(width).fill(false));
  for (let r = 0; r < text.length; r++) {
    for (let c = 0; c < width; c++) {
      const v = text[r]![c]!;
      if (v === '' || taken[r]![c]) continue;
      let right = c;
      while (right + 1 < width && text[r]![right + 1] === v && !taken[r]![right + 1]) right++;
      let bottom = r;
      while (bottom + 1 < text.length && text[bottom + 1]!.slice(c, right + 1).every((x) => x === v)) bottom++;
      for (let rr = r; rr <= bottom; rr++) for (let cc = c; cc <= right; cc++) taken[rr]![cc] = true;
      if (right > c || bottom > r) out.push({ top: r, left: c, bottom, right });
    }
  }
  return out;
}

/** Landscape A4, fitted to one page wide, the header rows repeated on every printed page. */
export function pageSetup(headerFirst: number, headerLast: number): Partial<ExcelJS.PageSetup> {
  return {
    orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    printTitlesRow: `${headerFirst}:${headerLast}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

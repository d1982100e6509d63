/**
 * The preview is the real form, cut short: the form is written (at most PREVIEW_ROWS data rows)
 * to a temporary file and its first sheet is read back, so what the steward sees before saving is
 * exactly what the file will hold (masked IDs included), not a second rendering that could drift.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportPreview } from '../../shared/api/export.ts';
import type { Db } from '../db/types.ts';
import type { ExportOptions, FormKind } from './form.ts';
import { runExport } from './run.ts';

export const PREVIEW_ROWS = 30;

type Plain = string | number | null;

function plain(v: ExcelJS.CellValue): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v);
}

/** The header block is the run of filled rows after the title and info lines (rows 3…). */
function headerRows(ws: ExcelJS.Worksheet): number {
  const frozen = ws.views[0];
  return frozen && 'ySplit' in frozen && typeof frozen.ySplit === 'number' ? frozen.ySplit : 3;
}

function columnLabels(ws: ExcelJS.Worksheet, last: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const parts: string[] = [];
    for (let r = 3; r <= last; r++) {
      const t = plain(ws.getRow(r).getCell(c).value);
      if (typeof t === 'string' && t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    }
    out.push(parts.join('/'));
  }
  return out;
}

export async function previewForm(source: Db | string, form: FormKind, opts: ExportOptions): Promise<ExportPreview> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-preview-'));
  try {
    const path = join(dir, 'preview.xlsx');
    const outcome = await runExport(source, form, path, { ...opts, showIds: false }, { limit: PREVIEW_ROWS + 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('preview workbook has no sheet');
    const last = headerRows(ws);
    const rows: Plain[][] = [];
    for (let r = last + 1; r <= ws.rowCount && rows.length < PREVIEW_ROWS; r++) {
      const row = ws.getRow(r);
      const cells = Array.from({ length: ws.columnCount }, (_, i) => plain(row.getCell(i + 1).value));
      // The blank row ends the data; what follows is the signature footer.
      if (!cells.some((c) => c !== null && c !== '')) break;
      rows.push(cells);
    }
    return {
      title: String(plain(ws.getRow(1).getCell(1).value) ?? ''),
      sheet: ws.name,
      columns: columnLabels(ws, last),
      formats: Array.from({ length: ws.columnCount }, (_, i) => ws.getRow(last + 1).getCell(i + 1).numFmt ?? ''),
      widths: Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? 10),
      rows,
      truncated: outcome.rows > PREVIEW_ROWS,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

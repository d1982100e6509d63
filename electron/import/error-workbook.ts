/**
 * The workbook handed back to the township. Per sheet read: a title naming the file and the date
 * of the check, what the sheet holds, the file-level message when the file was stopped (the
 * consistency gate) and any issue of the header itself; then the original header rows with their
 * merges, and by default only the rows that need fixing or checking (`allRows` writes every row), as
 * they were sent (merged household cells shown on each member row), refused cells red and warnings
 * yellow, with the original row number and a 错误说明 in plain Chinese. Frozen header, autofilter,
 * widths that show IDs and codes whole, landscape A4 fitted to width (error-layout.ts). Written with
 * exceljs's streaming writer and one shared style object per kind, so a large file does not build a
 * workbook in memory.
 *
 * The same rules as every export (issue #18 item 8): text that could run as a formula is
 * neutralised, ID numbers are masked (the 错误说明 says which row; the township has its own file),
 * a cell is cut at Excel's 32,767 characters with the cut said in the note, and the workbook is
 * written to `<out>.part` and renamed when complete, so a full disk or a cancel never leaves a
 * half-written file under the name the user chose.
 */
import ExcelJS from 'exceljs';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { CELL_TEXT_MAX, neutralize } from '../../shared/domain/formula-guard.ts';
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import type { FileReport, ImportIssue, SheetPreview } from '../../shared/api/import.ts';
import { maskIdsInText } from '../../shared/domain/id-in-text.ts';
import { cellText, type RawCell } from '../../shared/domain/import-values.ts';
import { columnWidths, headerMerges, pageSetup } from './error-layout.ts';
import { openSource, type SheetSource } from './formats/source.ts';

const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
const CENTER: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };

export interface ErrorWorkbookOptions {
  /** Every data row, not only those with an error or a warning. */
  allRows?: boolean;
  /** Full ID numbers (asked for with a reason, audited by the caller); masked otherwise. */
  fullIds?: boolean;
}

/** A full ID number (or one with spaces) as a township sheet writes it. */
const ID_LIKE = /^\s*\d{6}\s?\d{8}\s?\d{3}[\dXx]\s*$/;

interface Plain {
  value: string | number | null;
  cut: boolean;
}

const ID_FIELDS: ReadonlySet<string> = new Set(['idNumber', 'headIdNumber']);

interface Masking { fullIds: boolean; idColumn?: boolean }

function plain(c: RawCell | undefined, m: Masking = { fullIds: false }): Plain {
  if (c === undefined || c === null) return { value: null, cut: false };
  if (!m.fullIds && m.idColumn) {
    const text = typeof c === 'number' ? String(c) : cellText(c).replace(/\s/g, '');
    if (text !== '') return { value: maskIdNumber(text), cut: false };
  }
  // IDs and codes stay text so the township's Excel does not turn them into numbers again.
  if (typeof c === 'number') return { value: c, cut: false };
  const text = cellText(c);
  if (m.fullIds) return clipped(neutralize(text));
  if (ID_LIKE.test(text)) return { value: maskIdNumber(text.replace(/\s/g, '')), cut: false };
  return clipped(neutralize(maskIdsInText(text)));
}

function clipped(safe: string): Plain {
  return safe.length > CELL_TEXT_MAX ? { value: safe.slice(0, CELL_TEXT_MAX), cut: true } : { value: safe, cut: false };
}

function byRow(issues: readonly ImportIssue[], sheet: string): Map<number, ImportIssue[]> {
  const m = new Map<number, ImportIssue[]>();
  for (const i of issues) {
    if (i.sheet !== sheet) continue;
    const list = m.get(i.row) ?? [];
    list.push(i);
    m.set(i.row, list);
  }
  return m;
}

const noteOf = (e: readonly ImportIssue[], w: readonly ImportIssue[], fullIds: boolean, cut: readonly string[] = []): string => neutralize((fullIds ? (t: string): string => t : maskIdsInText)([
  ...e.map((x) => `【错误】${x.column ? `${x.column}：` : ''}${x.message}`), ...w.map((x) => `【提示】${x.column ? `${x.column}：` : ''}${x.message}`),
  ...cut.map((h) => `【提示】${h}：原文超过 ${CELL_TEXT_MAX} 字，此处只列出前 ${CELL_TEXT_MAX} 字`),
].join('\n'))).slice(0, CELL_TEXT_MAX);

/** The lines above the header: the gate's file-level message, then issues of the header rows themselves. */
function fileNotes(report: FileReport, sp: SheetPreview, errors: Map<number, ImportIssue[]>, warnings: Map<number, ImportIssue[]>, fullIds: boolean): string[] {
  const out: string[] = [];
  const c = report.consistency;
  if (c.message) out.push(`${c.blocked ? '【文件未导入】' : '【已接受合计不一致】'}${c.message}`);
  const last = sp.headerRows![1];
  for (const [row, list] of [...errors, ...warnings]) if (row <= last) out.push(noteOf(list.filter((x) => errors.get(row)?.includes(x)), list.filter((x) => warnings.get(row)?.includes(x)), fullIds));
  return out;
}

interface SheetJob { file: string; today: string; report: FileReport; allRows: boolean; fullIds: boolean; checkCancel: () => void }

/** Writes one sheet; returns the rows written (header and data). */
async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetSource, sp: SheetPreview, job: SheetJob): Promise<number> {
  const [first, last] = sp.headerRows!;
  const errors = byRow(job.report.errors, sp.name);
  const warnings = byRow(job.report.warnings, sp.name);
  const width = Math.max(sp.columns.length, 1);
  const total = width + 2;
  const notes = fileNotes(job.report, sp, errors, warnings, job.fullIds);
  const headFirst = 3 + (notes.length ? 1 : 0);
  const headLast = headFirst + (last - first);
  const flagged = new Set([...errors.keys(), ...warnings.keys()].filter((r) => r > last));
  const ws = wb.addWorksheet(sp.name.slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headLast }],
    pageSetup: pageSetup(headFirst, headLast),
  });
  ws.autoFilter = { from: { row: headLast, column: 1 }, to: { row: headLast, column: total } };
  ws.columns = [...columnWidths(sp.columns, job.report.unmappedColumns.filter((u) => u.sheet === sp.name)).map((w) => ({ width: w })), { width: 8 }, { width: 60 }];
  const banner = (text: string, font: Partial<ExcelJS.Font>, fill?: ExcelJS.Fill): void => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, total);
    r.font = font;
    r.alignment = WRAP;
    if (fill) r.getCell(1).fill = fill;
    // A merged cell does not grow with its text: a height for the lines the message needs.
    r.height = Math.min(409, 18 * Math.max(1, Math.ceil(text.length / (total * 6))));
    r.commit();
  };
  banner(`错误说明：${job.file}（${job.today} 检查，共 ${job.report.errorCount} 处错误、${job.report.warningCount} 处提示；红色为被拒绝的单元格，黄色为提示）`, { bold: true, size: 13 });
  banner(job.allRows ? `本表列出工作表“${sp.name}”的全部 ${sp.dataRows} 行；最后两列为原表中的行号和错误说明`
    : `本表只列出工作表“${sp.name}”中需要修改或核对的 ${flagged.size} 行（共 ${sp.dataRows} 行）；最后两列为原表中的行号和错误说明，改正后请按原表格式重新报送`, { size: 10 });
  if (notes.length) banner(notes.join('\n'), { bold: true, color: { argb: 'FF9C0006' } }, RED);
  const colOf = new Map(sp.columns.map((c) => [c.header, c.index]));
  const idColumns = new Set(sp.columns.filter((c) => c.field !== null && ID_FIELDS.has(c.field)).map((c) => c.index));
  const head: RawCell[][] = [];
  let written = 0;
  for await (const batch of sheet.rows()) {
    job.checkCancel();
    for (const row of batch) {
      if (row.n < first) continue;
      if (row.n <= last) {
        head.push(row.cells);
        if (row.n === last) written += writeHeader(ws, head, width, headFirst, job.fullIds);
        continue;
      }
      if (!job.allRows && !flagged.has(row.n)) continue;
      const e = errors.get(row.n) ?? [];
      const w = warnings.get(row.n) ?? [];
      const cells = Array.from({ length: width }, (_, i) => plain(row.cells[i], { fullIds: job.fullIds, idColumn: idColumns.has(i) }));
      const note = noteOf(e, w, job.fullIds, cells.flatMap((c, i) => (c.cut ? [sp.columns[i]?.header ?? `第 ${i + 1} 列`] : [])));
      const r = ws.addRow([...cells.map((c) => c.value), row.n, note || null]);
      for (const x of [...w, ...e]) {
        const idx = colOf.get(x.column);
        (idx === undefined ? r.getCell(total) : r.getCell(idx + 1)).fill = e.includes(x) ? RED : YELLOW;
      }
      if (note) {
        // A tall row reads top-down: the figures level with the first line of their note.
        r.alignment = { vertical: 'top' };
        r.getCell(total).alignment = WRAP;
        // Excel and LibreOffice do not grow a streamed row to its wrapped text: ~30 CJK characters a line at width 60.
        r.height = Math.min(409, 15 * note.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 30)), 0));
      }
      r.commit();
      written++;
    }
  }
  ws.commit();
  return written;
}

/** The original header rows, their merges, and the two added columns spanning them. */
function writeHeader(ws: ExcelJS.Worksheet, head: readonly (readonly RawCell[])[], width: number, at: number, fullIds: boolean): number {
  const merges = headerMerges(head, width);
  const values = head.map((cells, k) => [...Array.from({ length: width }, (_, i) => plain(cells[i], { fullIds }).value), k === 0 ? '原行号' : null, k === 0 ? '错误说明' : null]);
  // The reader repeated a merged caption in every cell of its range; the copy keeps it once. (Set
  // before merging: a value given to a merged cell afterwards goes to its master.)
  for (const m of merges) for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r > m.top || c > m.left) values[r]![c] = null;
  const rows = values.map((v) => ws.addRow(v));
  for (const m of merges) ws.mergeCells(at + m.top, m.left + 1, at + m.bottom, m.right + 1);
  if (rows.length > 1) for (const c of [width + 1, width + 2]) ws.mergeCells(at, c, at + rows.length - 1, c);
  for (const r of rows) {
    r.font = { bold: true };
    r.alignment = CENTER;
    for (let c = 1; c <= width + 2; c++) r.getCell(c).fill = HEAD;
  }
  rows[rows.length - 1]!.commit();
  return rows.length;
}

export async function writeErrorWorkbook(path: string, out: string, report: FileReport, checkCancel: () => void, opts: ErrorWorkbookOptions = {}): Promise<{ path: string; rows: number }> {
  const part = `${out}.part`;
  const stream = createWriteStream(part);
  // A write error (ENOSPC) is an 'error' event nobody else listens to: without this the commit
  // never settles, the worker's loop empties and the failure read as 已取消.
  const failed = new Promise<never>((_, reject) => stream.on('error', reject));
  failed.catch(() => undefined);
  try {
    const rows = await Promise.race([writeRows(path, stream, report, checkCancel, opts), failed]);
    renameSync(part, out);
    return { path: out, rows };
  } catch (e) {
    stream.destroy();
    rmSync(part, { force: true });
    throw e;
  }
}

async function writeRows(path: string, stream: Writable, report: FileReport, checkCancel: () => void, opts: ErrorWorkbookOptions): Promise<number> {
  const source = await openSource(path);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const job: SheetJob = { file: basename(path), today: new Date().toISOString().slice(0, 10), report, allRows: opts.allRows === true, fullIds: opts.fullIds === true, checkCancel };
  let written = 0;
  for (const sp of report.sheets) {
    if (sp.skipped !== null || !sp.headerRows) continue;
    const sheet = source.sheets.find((s) => s.name === sp.name);
    if (sheet) written += await writeSheet(wb, sheet, sp, job);
  }
  if (report.changeCount > 0 || report.dryRun) addChanges(wb, report, job.today);
  await wb.commit();
  return written;
}

/** 变更明细: what the file would change in the ledger, old → new, grouped by household (bounded list). */
function addChanges(wb: ExcelJS.stream.xlsx.WorkbookWriter, report: FileReport, today: string): void {
  const ws = wb.addWorksheet('变更明细', { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }], pageSetup: pageSetup(2, 2) });
  ws.columns = [{ width: 22 }, { width: 12 }, { width: 28 }, { width: 22 }, { width: 18 }, { width: 18 }];
  const more = report.changeCount > report.changes.length ? `，下表列出前 ${report.changes.length} 个` : '';
  const title = ws.addRow([`变更明细：${report.file}（${today} 与台账比对，将修改 ${report.changeCount} 个值${more}）`]);
  title.font = { bold: true, size: 13 };
  title.commit();
  const head = ws.addRow(['户编号', '户主', '成员', '项目', '原值', '新值']);
  head.font = { bold: true };
  head.commit();
  const shown = (v: string | null): string | number | null => (v === null ? '（空）' : plain(v).value);
  for (const c of report.changes) ws.addRow([c.householdCode, shown(c.headName), shown(c.member ?? ''), c.field, shown(c.old), shown(c.new)]).commit();
  ws.commit();
}

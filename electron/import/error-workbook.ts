/**
 * The workbook handed back to the township: every sheet that was read, its rows as they were sent
 * (merged household cells shown on each member row), refused cells filled red and warnings yellow,
 * and two extra columns — the original row number and a 错误说明 in plain Chinese. The title names
 * the file and the date of the check. Written with exceljs's streaming writer and one shared style
 * object per kind, so a large file does not build a workbook in memory.
 *
 * The same rules as every export (issue #18 item 8): text that could run as a formula is
 * neutralised, ID numbers are masked (the 错误说明 says which row; the township has its own file),
 * a cell is cut at Excel's 32,767 characters with the cut said in the note, and the workbook is
 * written to `<out>.part` and renamed when complete, so a full disk or a cancel never leaves a
 * half-written file under the name the user chose.
 * Masking (#24): a mapped ID column is masked whole, valid or not (a 17-digit typo is as personal as
 * the right number), and IDs inside other text and the notes too; full numbers only when the
 * steward asks with a reason (`fullIds`, audited by the service).
 */
import ExcelJS from 'exceljs';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { CELL_TEXT_MAX, neutralize } from '../../shared/domain/formula-guard.ts';
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import type { FileReport, ImportIssue } from '../../shared/api/import.ts';
import { maskIdsInText } from '../../shared/domain/id-in-text.ts';
import { cellText, type RawCell } from '../../shared/domain/import-values.ts';
import { openSource } from './formats/source.ts';

const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };

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

export async function writeErrorWorkbook(path: string, out: string, report: FileReport, checkCancel: () => void, fullIds = false): Promise<{ path: string; rows: number }> {
  const part = `${out}.part`;
  const stream = createWriteStream(part);
  // A write error (ENOSPC) is an 'error' event nobody else listens to: without this the commit
  // never settles, the worker's loop empties and the failure read as 已取消.
  const failed = new Promise<never>((_, reject) => stream.on('error', reject));
  failed.catch(() => undefined);
  try {
    const rows = await Promise.race([writeRows(path, stream, report, checkCancel, fullIds), failed]);
    renameSync(part, out);
    return { path: out, rows };
  } catch (e) {
    stream.destroy();
    rmSync(part, { force: true });
    throw e;
  }
}

async function writeRows(path: string, stream: Writable, report: FileReport, checkCancel: () => void, fullIds: boolean): Promise<number> {
  const source = await openSource(path);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const today = new Date().toISOString().slice(0, 10);
  let written = 0;
  for (const sp of report.sheets) {
    if (sp.skipped !== null || !sp.headerRows) continue;
    const sheet = source.sheets.find((s) => s.name === sp.name);
    if (!sheet) continue;
    const errors = byRow(report.errors, sp.name);
    const warnings = byRow(report.warnings, sp.name);
    const width = Math.max(sp.columns.length, 1);
    const ws = wb.addWorksheet(sp.name.slice(0, 31));
    ws.columns = [...sp.columns.map(() => ({ width: 14 })), { width: 8 }, { width: 60 }];
    const title = ws.addRow([`错误说明：${basename(path)}（${today} 检查，共 ${report.errorCount} 处错误、${report.warningCount} 处提示；红色为被拒绝的单元格，黄色为提示）`]);
    title.font = { bold: true, size: 13 };
    title.commit();
    const colOf = new Map(sp.columns.map((c) => [c.header, c.index]));
    const idColumns = new Set(sp.columns.filter((c) => c.field !== null && ID_FIELDS.has(c.field)).map((c) => c.index));
    for await (const batch of sheet.rows()) {
      checkCancel();
      for (const row of batch) {
        const isHeader = row.n >= sp.headerRows[0] && row.n <= sp.headerRows[1];
        if (row.n < sp.headerRows[0]) continue;
        const e = errors.get(row.n) ?? [];
        const w = warnings.get(row.n) ?? [];
        const cells = Array.from({ length: width }, (_, i) => plain(row.cells[i], { fullIds, idColumn: !isHeader && idColumns.has(i) }));
        const cut = cells.flatMap((c, i) => (c.cut ? [sp.columns[i]?.header ?? `第 ${i + 1} 列`] : []));
        const note = neutralize((fullIds ? (t: string): string => t : maskIdsInText)([
          ...e.map((x) => `【错误】${x.column ? `${x.column}：` : ''}${x.message}`), ...w.map((x) => `【提示】${x.column ? `${x.column}：` : ''}${x.message}`),
          ...cut.map((h) => `【提示】${h}：原文超过 ${CELL_TEXT_MAX} 字，此处只列出前 ${CELL_TEXT_MAX} 字`),
        ].join('\n'))).slice(0, CELL_TEXT_MAX);
        const r = ws.addRow([...cells.map((c) => c.value), isHeader ? '原行号' : row.n, isHeader ? '错误说明' : note || null]);
        if (isHeader) r.font = { bold: true };
        for (const x of [...w, ...e]) {
          const idx = colOf.get(x.column);
          const target = idx === undefined ? r.getCell(width + 2) : r.getCell(idx + 1);
          target.fill = e.includes(x) ? RED : YELLOW;
        }
        if (note) r.getCell(width + 2).alignment = { wrapText: true, vertical: 'top' };
        r.commit();
        written++;
      }
    }
    ws.commit();
  }
  if (report.changeCount > 0 || report.dryRun) addChanges(wb, report, today);
  await wb.commit();
  return written;
}

/** 变更明细: what the file would change in the ledger, old → new, grouped by household (bounded list). */
function addChanges(wb: ExcelJS.stream.xlsx.WorkbookWriter, report: FileReport, today: string): void {
  const ws = wb.addWorksheet('变更明细');
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

/**
 * The workbook handed back to the township: every sheet that was read, its rows as they were sent
 * (merged household cells shown on each member row), refused cells filled red and warnings yellow,
 * and two extra columns — the original row number and a 错误说明 in plain Chinese. The title names
 * the file and the date of the check. Written with exceljs's streaming writer and one shared style
 * object per kind, so a large file does not build a workbook in memory.
 * ID numbers are masked (#24): the township holds the full numbers in its own file and finds each
 * row by 原行号; full ones are written only when the steward asks with a reason (audited by the caller).
 */
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import type { FileReport, ImportIssue } from '../../shared/api/import.ts';
import { maskIdsInText } from '../../shared/domain/id-in-text.ts';
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import { cellText, type RawCell } from '../../shared/domain/import-values.ts';
import { openSource } from './formats/source.ts';

const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };

function plain(c: RawCell | undefined): string | number | null {
  if (c === undefined || c === null) return null;
  // IDs and codes stay text so the township's Excel does not turn them into numbers again.
  if (typeof c === 'number') return c;
  return cellText(c);
}

const ID_FIELDS: ReadonlySet<string> = new Set(['idNumber', 'headIdNumber']);

/** A cell as the workbook shows it: an ID column's value masked whole (valid or not), IDs in other text masked. */
function masked(v: string | number | null, idColumn: boolean): string | number | null {
  if (v === null) return null;
  if (idColumn) {
    const text = String(v).trim();
    return text === '' ? v : maskIdNumber(text);
  }
  return typeof v === 'string' ? maskIdsInText(v) : v;
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
  const shown = fullIds ? (v: string | number | null): string | number | null => v : masked;
  const note = fullIds ? (v: string): string => v : (v: string): string => maskIdsInText(v);
  const source = await openSource(path);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
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
        const values = Array.from({ length: width }, (_, i) => (isHeader ? plain(row.cells[i]) : shown(plain(row.cells[i]), idColumns.has(i))));
        const notes = note([...e.map((x) => `【错误】${x.column ? `${x.column}：` : ''}${x.message}`), ...w.map((x) => `【提示】${x.column ? `${x.column}：` : ''}${x.message}`)].join('\n'));
        const r = ws.addRow([...values, isHeader ? '原行号' : row.n, isHeader ? '错误说明' : notes || null]);
        if (isHeader) r.font = { bold: true };
        for (const x of [...w, ...e]) {
          const idx = colOf.get(x.column);
          const target = idx === undefined ? r.getCell(width + 2) : r.getCell(idx + 1);
          target.fill = e.includes(x) ? RED : YELLOW;
        }
        if (notes) r.getCell(width + 2).alignment = { wrapText: true, vertical: 'top' };
        r.commit();
        written++;
      }
    }
    ws.commit();
  }
  if (report.changeCount > 0 || report.dryRun) addChanges(wb, report, today);
  await wb.commit();
  return { path: out, rows: written };
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
  for (const c of report.changes) ws.addRow([c.householdCode, c.headName, c.member ?? '', c.field, c.old ?? '（空）', c.new ?? '（空）']).commit();
  ws.commit();
}

/**
 * Every workbook kind that is not .xlsx/.xlsm: Excel 97–2003 .xls (BIFF8) and WPS .et (the same
 * binary format), LibreOffice .ods, Excel binary .xlsb and XML Spreadsheet 2003, read through
 * SheetJS Community Edition and turned into the same row stream as the .xlsx reader (merged ranges
 * filled from their top-left cell, cached formula results, dates in either date system, text kept
 * as text, sheet names and hidden flags).
 *
 * Why SheetJS CE (`@e965/xlsx`, the npm mirror of the official 0.20.3 release, Apache-2.0): it is the
 * one maintained JavaScript reader that covers all five formats; 0.20.3 is past both published
 * advisories (CVE-2023-30533 prototype pollution, fixed 0.19.3; CVE-2024-22363 ReDoS, fixed 0.20.2).
 * It parses the whole workbook into memory, so this path has its own, much smaller size ceiling
 * (LIMITS.maxSheetjsBytes) and runs only inside the import/reader workers with their heap limit.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { AppError } from '../../../shared/errors.ts';
import type { RawCell } from '../../../shared/domain/import-values.ts';
import { LIMITS, TUNING } from '../limits.ts';
import type { SheetRow } from '../xlsx/sheet-stream.ts';
import { serialToDate } from '../xlsx/workbook.ts';
import type { SheetSource } from './source.ts';
import { checkBiffDeclared, checkXml2003Declared } from './declared-size.ts';

export type SheetjsKind = 'xls' | 'ods' | 'xlsb' | 'xml2003' | 'html';

export const KIND_LABEL: Record<SheetjsKind, string> = {
  xls: 'Excel 97-2003 工作簿（.xls/.et）',
  ods: 'OpenDocument 表格（.ods）',
  xlsb: 'Excel 二进制工作簿（.xlsb）',
  xml2003: 'XML 电子表格 2003',
  html: '网页表格（HTML）',
};

export const ENCRYPTED = '文件已加密，请先在 Excel/WPS 中取消密码后重试';

function parse(data: Buffer | string, file: string, kind: SheetjsKind): XLSX.WorkBook {
  try {
    return XLSX.read(data, {
      type: typeof data === 'string' ? 'string' : 'buffer',
      dense: true, cellNF: true, cellDates: false, cellHTML: false, cellStyles: false,
      // One row past the file limit is enough to refuse it; a sheet declaring millions stops here.
      sheetRows: LIMITS.maxSheetjsRows + 1,
      WTF: false,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw new AppError('file-type', `“${file}”：${ENCRYPTED}`);
    throw new AppError('file-unreadable', `文件“${file}”看起来是${KIND_LABEL[kind]}，但内容已损坏或不完整，无法读取。请在 Excel/WPS 中打开确认，另存为 .xlsx 后重试`);
  }
}

function cellValue(c: XLSX.CellObject | undefined, date1904: boolean): RawCell {
  if (!c) return null;
  if (c.f && c.v === undefined) return { k: 'nocache', f: c.f };
  switch (c.t) {
    case 's': return typeof c.v === 'string' && c.v !== '' ? c.v : null;
    case 'b': return c.v === true;
    case 'e': return { k: 'error', v: c.w ?? '#错误' };
    case 'd': return { k: 'date', v: c.v instanceof Date ? c.v.toISOString().slice(0, 10) : String(c.v).slice(0, 10), n: NaN };
    case 'n': {
      const n = c.v as number;
      if (typeof c.z === 'string' && XLSX.SSF.is_date(c.z) && Number.isFinite(n)) return { k: 'date', v: serialToDate(n, date1904), n };
      return n;
    }
    default: return null;
  }
}

/** Dense rows with every merged range filled from its top-left cell. */
function sheetRows(ws: XLSX.WorkSheet, date1904: boolean, file: string, name: string): SheetRow[] {
  const dense = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  if (dense.length > LIMITS.maxSheetjsRows) {
    throw new AppError('file-too-large', `文件“${file}”的工作表“${name}”超过 ${LIMITS.maxSheetjsRows} 行，此格式无法一次读取，已拒绝。请用 Excel/WPS 另存为 .xlsx 后导入`);
  }
  const rows: SheetRow[] = [];
  for (let r = 0; r < dense.length; r++) {
    const src = dense[r];
    if (!src) continue;
    const width = Math.min(src.length, LIMITS.maxColumns);
    const cells: RawCell[] = new Array<RawCell>(width);
    for (let c = 0; c < width; c++) cells[c] = cellValue(src[c], date1904);
    rows[r] = { n: r + 1, cells };
  }
  const merges = ws['!merges'] ?? [];
  if (merges.length > LIMITS.maxMerges) throw new AppError('file-too-large', `工作表的合并单元格超过 ${LIMITS.maxMerges} 个，已拒绝`);
  for (const m of merges) {
    const v = rows[m.s.r]?.cells[m.s.c] ?? null;
    if (v === null) continue;
    for (let r = m.s.r; r <= Math.min(m.e.r, rows.length - 1); r++) {
      const row = (rows[r] ??= { n: r + 1, cells: [] });
      for (let c = m.s.c; c <= Math.min(m.e.c, LIMITS.maxColumns - 1); c++) {
        while (row.cells.length < c) row.cells.push(null);
        if ((row.cells[c] ?? null) === null) row.cells[c] = v;
      }
    }
  }
  return rows.filter((r) => r !== undefined);
}

/** Opens a non-.xlsx workbook; `data` is the decoded text for HTML, else the file's bytes. */
export function readSheetjs(path: string, file: string, kind: SheetjsKind, size: number, text?: string): SheetSource[] {
  if (size > LIMITS.maxSheetjsBytes) {
    throw new AppError('file-too-large', `文件“${file}”是${KIND_LABEL[kind]}，有 ${Math.round(size / 1048576)} MB，超过此格式的上限 ${LIMITS.maxSheetjsBytes / 1048576} MB。请用 Excel/WPS 另存为 .xlsx 后导入（.xlsx 可到 ${LIMITS.maxFileBytes / 1048576} MB）`);
  }
  const data = text ?? readFileSync(path);
  // .ods and .xlsb were checked by the caller, from their ZIP parts; these two are checked here.
  if (kind === 'xls' && typeof data !== 'string') checkBiffDeclared(data, file);
  if (kind === 'xml2003') checkXml2003Declared(typeof data === 'string' ? data : data.toString('latin1'), file);
  const wb = parse(data, file, kind);
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  const meta = wb.Workbook?.Sheets ?? [];
  const names = kind === 'html' ? wb.SheetNames.slice(0, 1) : wb.SheetNames;
  return names.map((name, i): SheetSource => {
    let rows: SheetRow[] | null = null;
    const all = (): SheetRow[] => (rows ??= sheetRows(wb.Sheets[name]!, date1904, file, name));
    const info = { dimensionRows: null as number | null, bytesRead: 0, bytesTotal: 0 };
    return {
      name: kind === 'html' ? file.replace(/\.[^.]+$/, '') : name,
      hidden: (meta[i]?.Hidden ?? 0) !== 0,
      info,
      async *rows() {
        const list = all();
        info.dimensionRows = list.length;
        for (let i = 0; i < list.length; i += TUNING.sourceBatchRows) yield list.slice(i, i + TUNING.sourceBatchRows);
      },
    };
  });
}

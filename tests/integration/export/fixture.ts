/**
 * A known small ledger for the export tests: the `small` demo (1,000 households of 郭城驿镇, incomes
 * 2021–2024), one 靖远县 household so the city form has two counties, a head whose name starts with
 * '=' (a formula-injection attempt) and the signature names of 设置.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { setSetting } from '../../../electron/db/meta.ts';
import { makeDemoDb } from '../../helpers/db.ts';

export const INJECTED = '=cmd|\' /C calc\'!A0';
export const JINGYUAN_TOWNSHIP = '620421103';

export const SIGNATURES = { unit_name: '会宁县乡村振兴局', unit_head: '张局长', reviewer: '李审核', operator: '王填报', contact_phone: '0943-3221234' };

/**
 * The demo generator marks its file as demo; unless `demo` is asked for, the mark is removed so the
 * forms print as they would from a real ledger (the demo mark has its own tests).
 */
export function makeExportDb(path: string, opts: { demo?: boolean } = {}): string {
  makeDemoDb(path, 'small');
  const db = openDatabase(path);
  try {
    if (!opts.demo) db.prepare(`DELETE FROM meta WHERE key IN ('demo_scale', 'demo_seed')`).run();
    for (const [k, v] of Object.entries(SIGNATURES)) setSetting(db, k, v);
    db.prepare(`UPDATE households SET head_name = ? WHERE id = (SELECT min(id) FROM households)`).run(INJECTED);
    const h = db.prepare(
      `INSERT INTO households (code, county_code, township_code, head_name, head_id_number, size, relocated) VALUES ('JY0001', '620421', ?, '靖远户主', ?, 2, 1)`,
    ).run(JINGYUAN_TOWNSHIP, makeIdNumber('620421', '19700101', 11));
    const hid = Number(h.lastInsertRowid);
    db.prepare(`INSERT INTO members (household_id, name, id_number, relation) VALUES (?, '靖远户主', ?, '户主'), (?, '靖远配偶', ?, '配偶')`)
      .run(hid, makeIdNumber('620421', '19700101', 11), hid, makeIdNumber('620421', '19720202', 22));
    db.prepare(`INSERT INTO income_records (household_id, year, size, wage_fen, business_gross_fen, business_expense_fen, property_fen, transfer_fen)
      VALUES (?, 2023, 2, 1000000, 500000, 100000, 10000, 200000), (?, 2024, 2, 600000, 300000, 100000, 10000, 100000)`).run(hid, hid);
  } finally {
    db.close();
  }
  return path;
}

export async function readBook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The raw sheet XML, for what exceljs does not read back (row breaks). */
export async function sheetXml(path: string, n = 1): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const file = zip.file(`xl/worksheets/sheet${n}.xml`);
  if (!file) throw new Error(`no sheet ${n} in ${path}`);
  return file.async('string');
}

export function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  const v = ws.getRow(r).values;
  return Array.isArray(v) ? v.slice(1) : [];
}

/** Row number of the first row whose column-`col` cell equals `text`. */
export function findRow(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === text) return r;
  return -1;
}

export const MASKED_ID = /^\d{6}\*{8}\d{3}[\dX]$/;

/** Rows frozen at the top (title, info line and header block). */
export function frozenRows(ws: ExcelJS.Worksheet): number {
  const v = ws.views[0] as { ySplit?: number } | undefined;
  return v?.ySplit ?? 0;
}

/**
 * The error workbook follows every export's rules (issue #18 item 8): a cell that could run as a
 * formula is neutralised, ID numbers are masked, a cell over Excel's 32,767 characters is cut with
 * the cut said in its 错误说明, and the file appears under its name only when complete.
 */
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { CELL_TEXT_MAX } from '../../../shared/domain/formula-guard.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { writeTownshipWorkbook } from '../integrity/workbooks.ts';

let t: TempDir;
let s: Session;
const LONG = `=HYPERLINK("http://example.invalid/","点此")${'长'.repeat(40_000)}`;

beforeAll(async () => {
  t = tempDir('ledger-error-workbook-');
  s = openSession(makeDemoDb(t.path('ledger.db')), { operator: '测试员' });
  await writeTownshipWorkbook(t.path('郭城驿镇.xlsx'), 12, { firstHeadName: LONG });
}, 120_000);

afterAll(async () => {
  await s.close();
  t.remove();
});

describe('the error workbook', () => {
  it('neutralises formulas, masks IDs, cuts over-long cells and says so', async () => {
    const out = t.path('郭城驿镇-错误说明.xlsx');
    const r = await s.call('import:errorWorkbook', { path: t.path('郭城驿镇.xlsx'), out });
    expect(r.path).toBe(out);
    expect(existsSync(`${out}.part`)).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(typeof c.value === 'string' ? c.value : JSON.stringify(c.value))));
    // No cell is a formula, and the formula text stands as text behind an apostrophe.
    ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    const head = texts.find((x) => x.includes('HYPERLINK'))!;
    expect(head.startsWith("'=HYPERLINK")).toBe(true);
    expect(head.length).toBe(CELL_TEXT_MAX);
    expect(texts.some((x) => x.includes(`原文超过 ${CELL_TEXT_MAX} 字`))).toBe(true);
    // Every ID number is masked: 6 digits, 8 stars, the last 4.
    const ids = texts.filter((x) => /^\d{6}\*{8}\d{3}[\dX]$/.test(x));
    expect(ids.length).toBeGreaterThanOrEqual(12);
    expect(texts.some((x) => /^\d{17}[\dX]$/.test(x))).toBe(false);
  });
});

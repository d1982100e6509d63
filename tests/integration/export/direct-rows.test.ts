/**
 * The ledger's direct row writer (electron/export/direct-rows.ts) writes exactly the sheet XML that
 * exceljs writes for the same rows through FormSheet.addRow: two workbooks, one per path, with
 * hostile text (entities, control characters, formula starts, empty strings), awkward numbers,
 * blanks, sparse and dense styling, and exceljs rows interleaved with direct ones, compared byte for
 * byte. Then the rows read back through exceljs carry the values given.
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { FormSheet, openFormWorkbook, type CellValue, type FormColumn } from '../../../electron/export/layout.ts';
import { xmlEncode } from '../../../electron/export/direct-rows.ts';
import { tempDir } from '../../helpers/db.ts';
import { sheetXml } from './fixture.ts';

const dir = tempDir('direct-rows-');
afterAll(() => dir.remove());

const COLUMNS: FormColumn[] = [
  { header: '县', kind: 'text', width: 8 }, { header: '证件号码', kind: 'id', width: 20 }, { header: '人数', kind: 'count', width: 6 },
  { header: ['收入', '工资性'], kind: 'money', width: 11 }, { header: ['收入', '纯收入'], kind: 'money', width: 11 }, { header: '年度', kind: 'seq', width: 6 },
  { header: '占比', kind: 'percent', width: 6 },
];

const ROWS: CellValue[][] = [
  ['会宁县', '620422********2599', 2, 11662.94, 0, 2024, 0.125],
  ['a&b<c>"d\'e', '=cmd|\' /C calc\'!A0', -3, -0.01, 1e21, null, undefined],
  ['', '+1', 0, 0.1 + 0.2, 123456789.12, 2024, null],
  ['\u0001控\u0008制\u000b\u000c\u001f\u007f', 'tab\there\nline\rcr', null, null, null, null, null],
  ['@sum', '-x', 1, 2, 3, 4, 5],
  ['孤\ud800代理', '\t开头', 7, 8.5, 9.25, 2023, 1],
  // Longer than the writer's buffer: written on its own, after what was buffered.
  ['长'.repeat(90_000), '尾', 1, 1, 1, 1, 1],
];

const SIGS = { unitName: '会宁县乡村振兴局', unitHead: '张', reviewer: '李', operator: '王', contactPhone: '0943' };

async function write(path: string, sparse: boolean, direct: boolean): Promise<void> {
  const book = openFormWorkbook(path);
  const sheet = new FormSheet(book, COLUMNS, { title: '测试表', signatures: SIGS, date: new Date(2024, 5, 30), sparse, frozenColumns: 2 });
  const add = (r: CellValue[]): void => void (direct ? sheet.addDirectRow(r) : sheet.addRow(r));
  ROWS.forEach(add);
  // exceljs rows between direct ones: the numbering and the order of the XML must hold.
  sheet.addRow(['小计', null, 3, 1, 2, null, null], 'subtotal');
  ROWS.forEach(add);
  await sheet.drained();
  ROWS.forEach(add);
  sheet.addRow(['合计', null, 9, 1, 2, null, null], 'total');
  sheet.finish();
  await book.commit();
}

describe('direct row writer', () => {
  for (const sparse of [true, false]) {
    it(`writes the same sheet XML as exceljs (${sparse ? 'sparse' : 'dense'})`, async () => {
      const a = dir.path(`exceljs-${sparse}.xlsx`);
      const b = dir.path(`direct-${sparse}.xlsx`);
      await write(a, sparse, false);
      await write(b, sparse, true);
      const [xa, xb] = [await sheetXml(a), await sheetXml(b)];
      expect(xb.length).toBeGreaterThan(3_000);
      expect(xb).toBe(xa);
    });
  }

  it('reads back with the values given, text neutralised and controls dropped', async () => {
    const path = dir.path('direct-true.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0]!;
    // Title, info line, two header rows, then the data.
    const first = ws.getRow(5).values as unknown[];
    expect(first.slice(1)).toEqual(['会宁县', '620422********2599', 2, 11662.94, 0, 2024, 0.125]);
    const second = ws.getRow(6).values as unknown[];
    expect(second.slice(1, 6)).toEqual(['a&b<c>"d\'e', '\'=cmd|\' /C calc\'!A0', -3, -0.01, 1e21]);
    expect(ws.getRow(8).getCell(1).value).toBe('控制');
    expect(ws.getRow(5 + ROWS.length).getCell(1).value).toBe('小计');
    expect(ws.getRow(6 + 3 * ROWS.length).getCell(1).value).toBe('合计');
  });

  it('encodes like exceljs', () => {
    expect(xmlEncode('plain 文字')).toBe('plain 文字');
    expect(xmlEncode('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlEncode('a\u0000b\u0009c\u000ad\u000de\u007f')).toBe('ab\tc\nd\re');
  });
});

/**
 * The error workbook a township gets back (issue #15), read back with exceljs: only the rows that
 * need fixing by default (allRows writes every row), the original two header rows with their
 * merges, frozen header, autofilter, widths that show IDs and codes whole, landscape A4 fitted to
 * width, the 原行号 and 错误说明 columns, a title naming the file and the date — and the gate's
 * file-level message when the file was stopped.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;
beforeEach(() => {
  tmp = tempDir('import-error-layout-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

async function read(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets[0]!;
}

/** Original row numbers of the data rows written (the 原行号 column, after the sheet's 18 columns). */
function lineNumbers(ws: ExcelJS.Worksheet, from: number): number[] {
  const out: number[] = [];
  for (let r = from; r <= ws.rowCount; r++) {
    const v = ws.getRow(r).getCell(19).value;
    if (typeof v === 'number') out.push(v);
  }
  return out;
}

describe('error workbook layout', () => {
  it('writes only the failing rows under the original header with its merges, ready to print', async () => {
    const hh = makeHouseholds(6, { seed: 500 });
    hh[1]!.members[0]!.id = '620422199001011231'; // wrong check digit: the household is refused
    hh[4]!.netText = '99999'; // a total that disagrees on one row: a warning
    const file = tmp.path('郭城驿镇2024年台账.xlsx');
    await writeMemberWorkbook(file, hh);
    const p = await importOne(s, 'preview', file);
    expect(p.consistency.blocked).toBe(false);
    const flagged = [...new Set([...p.errors, ...p.warnings].filter((i) => i.row > 4).map((i) => i.row))].sort((a, b) => a - b);
    expect(flagged.length).toBeGreaterThanOrEqual(2);

    const out = tmp.path('郭城驿镇-错误说明.xlsx');
    await s.call('import:errorWorkbook', { path: file, out });
    const ws = await read(out);
    const today = new Date().toISOString().slice(0, 10);
    expect(ws.getCell('A1').text).toContain('郭城驿镇2024年台账.xlsx');
    expect(ws.getCell('A1').text).toContain(today);
    expect(ws.getCell('A2').text).toContain(`需要修改或核对的 ${flagged.length} 行`);
    // The two original header rows at 3–4: the income caption merged across its seven columns,
    // every other name spanning both rows, and the added columns too.
    expect(ws.getCell('I3').text).toBe('家庭收入情况（元）');
    expect(ws.getCell('O3').isMerged && ws.getCell('O3').master.address).toBe('I3');
    expect(ws.getCell('I4').text).toBe('工资性收入');
    expect(ws.getCell('F4').master.address).toBe('F3');
    expect(ws.getCell('F3').text).toBe('身份证号码');
    expect(ws.getCell('S3').text).toBe('原行号');
    expect(ws.getCell('T3').text).toBe('错误说明');
    expect(ws.getCell('T4').master.address).toBe('T3');
    expect(ws.getCell('A1').master.address).toBe('A1');
    expect(ws.getCell('T1').master.address).toBe('A1');
    // Frozen under the header, filter on its last row, the ID and code columns wide enough.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.autoFilter).toBe('A4:T4');
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(20);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(18);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // Only the flagged rows, with their original row numbers and a 错误说明.
    expect(lineNumbers(ws, 5)).toEqual(flagged);
    for (let r = 5; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(20).text).toMatch(/【(错误|提示)】/);

    const all = tmp.path('郭城驿镇-全部行.xlsx');
    await s.call('import:errorWorkbook', { path: file, out: all, allRows: true });
    const every = await read(all);
    expect(every.getCell('A2').text).toContain('全部');
    const members = hh.reduce((a, h) => a + h.members.length, 0);
    // Every row as sent: the members, then the file's own 合计 and signature rows.
    const lines = lineNumbers(every, 5);
    expect(lines.slice(0, members)).toEqual(Array.from({ length: members }, (_, i) => 5 + i));
    expect(lines.length).toBe(members + 2);
  });

  it('puts the file-level message of a stopped file above the header', async () => {
    const hh = makeHouseholds(6, { seed: 600 });
    const file = tmp.path('郭城驿镇-缺列.xlsx');
    // 工资性收入 renamed to a header no catalogue lists: every 家庭纯收入 disagrees with the mapped parts.
    await writeMemberWorkbook(file, hh, { rename: { 工资性收入: '劳务所得收入' } });
    const p = await importOne(s, 'preview', file);
    expect(p.consistency.blocked).toBe(true);
    const out = tmp.path('缺列-错误说明.xlsx');
    await s.call('import:errorWorkbook', { path: file, out });
    const ws = await read(out);
    // The gate's message first, then the header's own issue (the unmapped amount column).
    const [gate, header] = ws.getCell('A3').text.split('\n');
    expect(gate).toBe(`【文件未导入】${p.consistency.message}`);
    expect(gate).toContain('“劳务所得收入”');
    expect(header).toMatch(/^【提示】劳务所得收入：第 I 列“劳务所得收入”看起来是金额，但未导入/);
    expect(ws.getCell('T3').master.address).toBe('A3');
    // The header moves down one row; the frozen pane and the filter follow it.
    expect(ws.getCell('I4').text).toBe('家庭收入情况（元）');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.autoFilter).toBe('A5:T5');
  });
});

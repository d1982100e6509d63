/**
 * The 责任分工表 and the year's progress table, written to real .xlsx files and read back with
 * exceljs: one row per measure with the right roles, merged group rows, title, footer and print setup.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../../electron/db/meta.ts';
import { writeMatrixWorkbook } from '../../../electron/export/matrix.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir } from '../../helpers/db.ts';

const tmp = tempDir('ledger-matrix-export-');
let session: Session;

beforeAll(() => {
  session = demoSession(tmp.path('ledger.db'), null);
  const db = session.ctx.db;
  for (const [k, v] of [['unit_name', '白银市乡村振兴局'], ['unit_head', '李主任'], ['reviewer', '王审核'], ['operator', '测试员'], ['contact_phone', '0943-1234567']]) {
    setSetting(db, k as string, v as string);
  }
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

async function read(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function text(sheet: ExcelJS.Worksheet, r: number, c: number): string {
  const v = sheet.getRow(r).getCell(c).value;
  return v === null || v === undefined ? '' : String(v);
}

/** Data rows of a form: those whose first cell is a measure number. */
function measureRows(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => {
    if (typeof row.getCell(1).value === 'number') rows.push(row);
  });
  return rows;
}

describe('责任分工表 workbook', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const out = tmp.path('责任分工表.xlsx');
    const r = await writeMatrixWorkbook(session.ctx.db, out, { scope: 'city', date: new Date(2024, 2, 5) });
    expect(r).toEqual({ path: out, rows: 22 });
    wb = await read(out);
  });

  it('lists one row per measure with its lead, supporting and main units', () => {
    const sheet = wb.getWorksheet('责任分工表');
    if (!sheet) throw new Error('sheet missing');
    const rows = measureRows(sheet);
    expect(rows.map((r) => r.getCell(1).value)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    const r14 = rows[13] as ExcelJS.Row;
    expect([2, 3, 4, 5].map((c) => String(r14.getCell(c).value))).toEqual([
      '实施以工代赈项目', '市发展改革委', '市农业农村局、市交通运输局、市水务局、市林草局', '县区党委政府',
    ]);
    expect(String((rows[0] as ExcelJS.Row).getCell(4).value ?? '')).toBe('');
  });

  it('has the form\'s title, info line, merged group rows and footer', () => {
    const sheet = wb.getWorksheet('责任分工表');
    if (!sheet) throw new Error('sheet missing');
    expect(text(sheet, 1, 1)).toBe('白银市脱贫人口增收三年行动措施责任分工表');
    expect(text(sheet, 2, 1)).toBe('填报单位（盖章）：白银市乡村振兴局');
    expect(text(sheet, 2, 4)).toBe('填报日期：2024年3月5日');
    expect(text(sheet, 3, 3)).toBe('牵头单位');
    expect(text(sheet, 4, 1)).toBe('（一）产业提质增效,增加经营性收入');
    expect(sheet.getCell(4, 5).isMerged).toBe(true);
    let footer = '';
    sheet.eachRow((row) => {
      const t = String(row.getCell(1).value ?? '');
      if (t.startsWith('单位负责人')) footer = [1, 2, 3, 4, 5].map((c) => String(row.getCell(c).value ?? '')).join('|');
    });
    expect(footer).toContain('单位负责人：李主任');
    expect(footer).toContain('审核人：王审核');
    expect(footer).toContain('联系电话：0943-1234567');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
  });

  it('has the grid with the role in each department\'s cell', () => {
    const sheet = wb.getWorksheet('分工矩阵');
    if (!sheet) throw new Error('grid missing');
    // Names over four characters are split over header rows 4 and 5 (市发展 / 改革委); short ones span both.
    const headerName = (c: number): string => {
      const [a, b] = [String(sheet.getCell(4, c).value ?? ''), String(sheet.getCell(5, c).value ?? '')];
      return a === b ? a : a + b;
    };
    const col = (name: string): number => {
      for (let c = 3; c <= sheet.columnCount; c++) if (headerName(c) === name) return c;
      throw new Error(`no column ${name}`);
    };
    expect([3, 4, 5].map((r) => String(sheet.getCell(r, col('市发展改革委')).value))).toEqual(['责任单位', '市发展', '改革委']);
    expect(headerName(sheet.columnCount)).toBe('县区党委政府');
    expect(sheet.pageSetup.printTitlesRow).toBe('3:5');
    const rows = measureRows(sheet);
    expect(rows).toHaveLength(22);
    const hr = col('市人社局');
    const roleOf = (n: number, c: number): string => String(rows[n - 1]?.getCell(c).value ?? '');
    expect([5, 6, 7, 8, 14, 17].map((n) => roleOf(n, hr))).toEqual(['配合', '牵头', '牵头', '配合', '', '配合']);
    expect(roleOf(14, col('市发展改革委'))).toBe('牵头');
    expect(roleOf(1, col('县区党委政府'))).toBe('主体责任');
    expect(text(sheet, 3, 3)).toBe('责任单位');
  });
});

describe('county 责任分工表', () => {
  it('writes the default county version for a county not yet set up, without changing the database', async () => {
    const out = tmp.path('靖远.xlsx');
    const audits = (): number => (session.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = audits();
    await writeMatrixWorkbook(session.ctx.db, out, { scope: '620421' });
    const sheet = (await read(out)).getWorksheet('责任分工表');
    if (!sheet) throw new Error('sheet missing');
    expect(text(sheet, 1, 1)).toBe('靖远县脱贫人口增收三年行动措施责任分工表');
    const r7 = measureRows(sheet)[6];
    expect([3, 4, 5].map((c) => String(r7?.getCell(c).value))).toEqual(['县人社局', '县发展改革局', '乡镇党委政府']);
    expect(session.ctx.db.prepare(`SELECT count(*) AS n FROM departments WHERE county_code = '620421'`).get()).toEqual({ n: 0 });
    expect(audits()).toBe(before);
  });
});

describe('progress workbook', () => {
  it('shows the year\'s status per unit and the indicators against their targets', async () => {
    const m = await session.call('matrix:measure', { n: 14, scope: 'city' });
    const lead = m.departments[0]?.departmentId ?? 0;
    await session.call('matrix:setProgress', { n: 14, year: 2024, departmentId: lead, status: '推进中', note: '=SUM(1)', responsible: '张三' });
    await session.call('matrix:setProgress', { n: 14, year: 2024, indicatorId: m.indicators[0]?.id ?? 0, actual: 28 });
    await session.call('matrix:setProgress', { n: 14, year: 2024, indicatorId: m.indicators[1]?.id ?? 0, actual: 18 });
    const out = tmp.path('推进情况.xlsx');
    const r = await session.call('matrix:export', { out, kind: 'progress', year: 2024, scope: 'city' });
    const unitRows = (await session.call('matrix:get', { scope: 'city' })).measures.reduce((s, x) => s + x.departments.length, 0);
    expect(r).toEqual({ path: out, rows: unitRows });
    const wb = await read(out);
    const status = wb.getWorksheet('2024年推进情况');
    if (!status) throw new Error('status sheet missing');
    const row = measureRows(status).find((x) => x.getCell(1).value === 14);
    expect([3, 4, 5, 6, 7].map((c) => String(row?.getCell(c).value))).toEqual(['市发展改革委', '牵头', '推进中', "'=SUM(1)", '张三']);
    const next = status.getRow((row?.number ?? 0) + 1);
    expect(next.getCell(2).isMerged).toBe(true);
    expect(String(next.getCell(3).value)).toBe('市农业农村局');
    expect(String(next.getCell(5).value)).toBe('未填报');
    const ind = wb.getWorksheet('2024年指标完成情况');
    if (!ind) throw new Error('indicator sheet missing');
    // exceljs reads a merged cell's value into every cell of the range: 序号 spans the three indicators.
    const block = measureRows(ind).filter((x) => x.getCell(1).value === 14);
    expect(block.map((b) => b.getCell(1).isMerged)).toEqual([true, true, true]);
    expect(block.map((b) => [b.getCell(6).value, b.getCell(7).value, b.getCell(8).value])).toEqual([
      [30, 28, '未达标'], [15, 18, '达标'], [10, null, '未填报'],
    ]);
  });
});

/** Workbook shapes: one sheet per village, household-level rows, formulas with and without cached values, dates, 15-digit IDs. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeAll(() => {
  tmp = tempDir('import-shapes-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterAll(async () => {
  await s.close();
  tmp.remove();
});

describe('household-level workbook with one sheet per village', () => {
  it('imports every village sheet, uses cached formula results and warns about a formula without one', async () => {
    const wb = new ExcelJS.Workbook();
    const ids = Array.from({ length: 6 }, (_, i) => makeIdNumber('620421', `1970010${i + 1}`, 100 + i));
    ['石门村', '永和村'].forEach((village, v) => {
      const ws = wb.addWorksheet(village);
      ws.addRow([`靖远县石门乡${village}2023年脱贫户收入统计表`]);
      ws.addRow(['序号', '户主', '户主身份证号码', '村', '人口', '工资收入', '转移收入', '纯收入', '识别时间']);
      for (let i = 0; i < 3; i++) {
        const k = v * 3 + i;
        const row = ws.addRow([i + 1, `户主${k}`, ids[k], village, 2 + i, 5000 + k, 1000, null, new Date(Date.UTC(2021, 5, 1))]);
        row.getCell(3).numFmt = '@';
        row.getCell(9).numFmt = 'yyyy"年"m"月"';
        // Net as a formula: cached for all but the last household of the second sheet.
        row.getCell(8).value = k === 5 ? { formula: `F${row.number}+G${row.number}` } as ExcelJS.CellFormulaValue
          : { formula: `F${row.number}+G${row.number}`, result: 6000 + k } as ExcelJS.CellFormulaValue;
      }
    });
    wb.addWorksheet('填表说明').addRow(['人口指家庭人口数']);
    const file = tmp.path('石门乡.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await importOne(s, 'commit', file);
    expect(r.sheets.filter((x) => x.skipped === null).map((x) => [x.name, x.level, x.dataRows])).toEqual([['石门村', 'household', 3], ['永和村', 'household', 3]]);
    // 纯收入 is derived (the ledger computes its own), so a formula without a result there is a blank with a warning.
    expect(r.households).toEqual({ added: 6, updated: 0, unchanged: 0, refused: 0 });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([expect.objectContaining({ sheet: '永和村', row: 5, column: '纯收入', code: 'formula-no-value', message: expect.stringContaining('=F5+G5') })]);
    expect(r.township).toBe('石门乡');
    expect(r.year).toBe(2023);
    const h = s.ctx.db.prepare(`SELECT h.size, h.identified_ym, v.name AS village, r.wage_fen, r.transfer_fen, r.year FROM households h
      JOIN regions v ON v.code = h.village_code JOIN income_records r ON r.household_id = h.id WHERE h.head_id_number = ?`).get(ids[4]) as Record<string, unknown>;
    expect(h).toEqual({ size: 3, identified_ym: '202106', village: '永和村', wage_fen: 500400, transfer_fen: 100000, year: 2023 });
    const head = s.ctx.db.prepare('SELECT name, relation FROM members WHERE id_number = ?').get(ids[0]) as Record<string, unknown>;
    expect(head).toEqual({ name: '户主0', relation: '户主' });
  });

  it('upgrades a 15-digit legacy ID and finds the household by its head ID without 户编号', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('会师镇');
    ws.addRow(['户主姓名', '身份证号', '乡镇', '家庭人口数', '年度', '工资性收入']);
    ws.addRow(['老张', '620422500101123', '会师镇', 1, 2024, '３，０００']);
    const file = tmp.path('会师镇.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await importOne(s, 'commit', file);
    expect(r.errors).toEqual([]);
    const row = s.ctx.db.prepare(`SELECT h.code, h.head_id_number, r.wage_fen FROM households h JOIN income_records r ON r.household_id = h.id WHERE h.head_name = '老张'`).get() as Record<string, unknown>;
    expect(row).toEqual({ code: 'ID620422195001011237', head_id_number: '620422195001011237', wage_fen: 300000 });
  });
});

/** 脱贫人口收入情况统计表 read back with exceljs: layout as specified, every figure equal to computeStats. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import type { StatsRow } from '../../../shared/api/stats.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { runExport } from '../../../electron/export/run.ts';
import { computeStats } from '../../../electron/analysis/stats.ts';
import type { Db } from '../../../electron/services/context.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { findRow, makeExportDb, readBook, rowValues, SIGNATURES } from './fixture.ts';

let dir: TempDir;
let dbPath: string;
let db: Db;

beforeAll(() => {
  dir = tempDir('export-summary-');
  dbPath = makeExportDb(dir.path('ledger.db'));
  db = openDatabase(dbPath, { readonly: true });
});
afterAll(() => {
  db.close();
  dir.remove();
});

/** The printed row must carry the stats row's figures unchanged (columns 3–8 and 9–17). */
function expectRowMatches(ws: ExcelJS.Worksheet, r: number, s: StatsRow, prev: number | null): void {
  const v = rowValues(ws, r);
  expect(v.slice(2, 5)).toEqual([s.households, s.persons, s.perCapitaNet]);
  expect(v[5] ?? null).toBe(prev);
  expect(v[7] ?? null).toBe(s.growth);
  expect(v.slice(8, 12)).toEqual([s.wage, s.business, s.property, s.transfer]);
  expect(v.slice(12, 15)).toEqual([s.below8000, s.decreased, s.relocated]);
  expect(v[15] ?? null).toBe(s.target);
  expect(v[16] ?? null).toBe(s.gapToTarget);
}

describe('income-summary at county scope', () => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    const out = dir.path('summary-county.xlsx');
    await runExport(dbPath, 'income-summary', out, { county: '620422', year: 2024 });
    ws = (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
  });

  it('has the merged title, info line, two header rows and frozen panes', () => {
    expect(ws.getCell('A1').value).toBe('会宁县2024年脱贫人口收入情况统计表');
    expect(ws.model.merges).toContain('A1:R1');
    expect(String(ws.getCell('A2').value)).toBe(`填报单位（盖章）：${SIGNATURES.unit_name}`);
    expect(rowValues(ws, 2)).toContain('单位：元、户、人');
    expect(ws.getCell('E3').value).toBe('人均纯收入');
    expect(ws.model.merges).toContain('E3:H3');
    expect(ws.model.merges).toContain('A3:A4');
    expect(ws.getCell('H4').value).toBe('增幅');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
  });

  it('prints landscape A4, fit to width, header rows repeated', () => {
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
  });

  it('has the 合计 first and one row per township, with the stats figures', () => {
    const stats = computeStats(db, { year: 2024, by: 'township', county: '620422' });
    const prev = computeStats(db, { year: 2023, by: 'township', county: '620422' });
    expect(ws.getCell('B5').value).toBe('合计');
    expectRowMatches(ws, 5, stats.total, prev.total.perCapitaNet);
    expect(stats.rows).toHaveLength(1);
    const r = findRow(ws, 2, '郭城驿镇');
    expect(ws.getRow(r).getCell(1).value).toBe(1);
    expectRowMatches(ws, r, stats.rows[0] as StatsRow, prev.rows[0]?.perCapitaNet ?? null);
    expect(ws.getRow(5).getCell(7).value).toBeCloseTo((stats.total.perCapitaNet ?? 0) - (prev.total.perCapitaNet ?? 0), 2);
  });

  it('formats money, growth and counts', () => {
    expect(ws.getCell('E5').numFmt).toBe('#,##0.00');
    expect(ws.getCell('H5').numFmt).toBe('0.0%');
    expect(ws.getCell('C5').numFmt).toBe('#,##0');
    expect(ws.getCell('B6').numFmt).toBe('@');
    expect(ws.getCell('E5').font?.bold).toBe(true);
  });

  it('ends with the signature footer from 设置', () => {
    const last = rowValues(ws, ws.rowCount).filter((x) => typeof x === 'string') as string[];
    expect(last).toContain(`单位负责人：${SIGNATURES.unit_head}`);
    expect(last).toContain(`审核人：${SIGNATURES.reviewer}`);
    expect(last).toContain(`填报人：${SIGNATURES.operator}`);
    expect(last).toContain(`联系电话：${SIGNATURES.contact_phone}`);
  });
});

describe('income-summary at city scope', () => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    const out = dir.path('summary-city.xlsx');
    await runExport(dbPath, 'income-summary', out, { year: 2024 });
    ws = (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
  });

  it('titles the city and subtotals each county before its townships are listed', () => {
    expect(ws.getCell('A1').value).toBe('白银市2024年脱贫人口收入情况统计表');
    const counties = computeStats(db, { year: 2024, by: 'county' });
    const prev = computeStats(db, { year: 2023, by: 'county' });
    expectRowMatches(ws, findRow(ws, 2, '全市合计'), counties.total, prev.total.perCapitaNet);
    for (const c of counties.rows) {
      const r = findRow(ws, 2, `${c.name}小计`);
      expect(r).toBeGreaterThan(0);
      expectRowMatches(ws, r, c, prev.rows.find((p) => p.code === c.code)?.perCapitaNet ?? null);
    }
    expect(findRow(ws, 2, '乌兰镇')).toBe(findRow(ws, 2, '靖远县小计') + 1);
  });

  it('sums: the county subtotals add up to the city total', () => {
    const hh = ['会宁县小计', '靖远县小计'].map((n) => ws.getRow(findRow(ws, 2, n)).getCell(3).value as number);
    expect(hh[0]! + hh[1]!).toBe(ws.getRow(findRow(ws, 2, '全市合计')).getCell(3).value);
  });
});

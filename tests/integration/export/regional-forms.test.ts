/**
 * The four regional forms of issue #21 read back with exceljs: every 合计 equals `stats` or the
 * ledger's own list queries for the same scope, computed independently here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { HouseholdListArgs, LABOUR_KINDS, MemberListArgs, MONITORING_CATEGORIES } from '../../../shared/api/ledger.ts';
import { bandOf } from '../../../shared/domain/income-bands.ts';
import { growth } from '../../../shared/domain/income.ts';
import { computeStats, round4 } from '../../../electron/analysis/stats.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import type { Db } from '../../../electron/db/types.ts';
import { writeBandEdges } from '../../../electron/export/bands-setting.ts';
import { runExport } from '../../../electron/export/run.ts';
import { listHouseholds, listMembers } from '../../../electron/services/ledger.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { findRow, makeExportDb, readBook, rowValues } from './fixture.ts';

let dir: TempDir;
let dbPath: string;
let db: Db;
const COUNTY = '620422';

async function sheetOf(form: Parameters<typeof runExport>[1], name: string, opts: Parameters<typeof runExport>[3]): Promise<ExcelJS.Worksheet> {
  const out = dir.path(`${name}.xlsx`);
  await runExport(dbPath, form, out, opts);
  return (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
}

const members = (a: Record<string, unknown>): number => listMembers(db, MemberListArgs.parse({ county: COUNTY, ...a })).total ?? -1;
const households = (a: Record<string, unknown>): number => listHouseholds(db, HouseholdListArgs.parse({ county: COUNTY, ...a })).total ?? -1;

beforeAll(() => {
  dir = tempDir('export-regional-');
  dbPath = makeExportDb(dir.path('ledger.db'));
  const w = openDatabase(dbPath);
  // Give some monitoring households a risk state, so each state column has households in it.
  w.exec(`UPDATE households SET risk_eliminated = 1, elimination_method = '帮扶消除' WHERE id IN (SELECT id FROM households WHERE monitoring_category IS NOT NULL ORDER BY id LIMIT 5);
    UPDATE households SET risk_eliminated = 1, elimination_method = '自然消除' WHERE id IN (SELECT id FROM households WHERE monitoring_category IS NOT NULL AND risk_eliminated IS NULL ORDER BY id LIMIT 3);
    UPDATE households SET risk_eliminated = 0 WHERE id IN (SELECT id FROM households WHERE monitoring_category IS NOT NULL AND risk_eliminated IS NULL ORDER BY id LIMIT 4);`);
  w.close();
  db = openDatabase(dbPath, { readonly: true });
});
afterAll(() => {
  db.close();
  dir.remove();
});

describe('收入分段统计表', () => {
  it('has the 合计 of stats, bands that add up, and the bands below 8,000 equal to stats below8000', async () => {
    const ws = await sheetOf('income-bands', 'bands', { county: COUNTY, year: 2024 });
    expect(ws.getCell('A1').value).toBe('会宁县2024年脱贫人口收入分段统计表');
    expect(ws.getCell('E3').value).toBe('5,000元以下');
    const stats = computeStats(db, { year: 2024, by: 'township', county: COUNTY });
    const total = rowValues(ws, 5);
    expect(total.slice(1, 4)).toEqual(['合计', stats.total.households, stats.total.persons]);
    const bandHouseholds = [0, 1, 2, 3, 4, 5].map((b) => total[4 + b * 3] as number);
    expect(bandHouseholds.reduce((a, b) => a + b, 0)).toBe(stats.total.households);
    expect(bandHouseholds[0]! + bandHouseholds[1]!).toBe(stats.total.below8000);
    expect(total[6]).toBeCloseTo(bandHouseholds[0]! / stats.total.households, 4);
    const r = findRow(ws, 2, '郭城驿镇');
    expect(rowValues(ws, r).slice(2, 4)).toEqual([stats.rows[0]!.households, stats.rows[0]!.persons]);
  });

  it('follows the edges saved in 设置, each household in the band its own figures give', async () => {
    const w = openDatabase(dbPath);
    w.transaction(() => writeBandEdges(w, [6000, 12000]))();
    w.close();
    try {
      const ws = await sheetOf('income-bands', 'bands-custom', { township: '620422101', year: 2023 });
      expect(rowValues(ws, 3).slice(4)).toContain('6,000–12,000元');
      const raw = db.prepare(`SELECT r.net_fen AS net, r.size FROM income_records r JOIN households h ON h.id = r.household_id WHERE r.year = 2023 AND h.township_code = '620422101'`).all() as Array<{ net: number; size: number }>;
      const expected = [0, 0, 0];
      for (const x of raw) expected[bandOf(x.net, x.size, [6000, 12000])]! += 1;
      const total = rowValues(ws, 5);
      expect([total[4], total[7], total[10]]).toEqual(expected);
    } finally {
      const w2 = openDatabase(dbPath);
      w2.prepare(`DELETE FROM settings WHERE key = 'income_bands'`).run();
      w2.close();
    }
  });
});

describe('务工就业统计表', () => {
  it('counts the same members as the ledger list with the same filters, and sums the year’s wages', async () => {
    const ws = await sheetOf('employment', 'employment', { county: COUNTY, year: 2024 });
    const t = rowValues(ws, 5);
    expect(t[1]).toBe('合计');
    expect(t[2]).toBe(households({}));
    expect(t[3]).toBe(members({}));
    expect(t[4]).toBe(LABOUR_KINDS.slice(0, 3).reduce((a, k) => a + members({ labour: k }), 0));
    const byPlace = (p: string): number => members({ workPlaceClass: p });
    expect(t.slice(6, 10)).toEqual([byPlace('乡镇内') + byPlace('县内'), byPlace('省内县外'), byPlace('省外') + byPlace('境外'), byPlace('其他')]);
    expect(t[5]).toBe((t[6] as number) + (t[7] as number) + (t[8] as number) + (t[9] as number));
    expect(t[11]).toBe(members({ welfarePost: true }));
    const wage = db.prepare(`SELECT sum(r.wage_fen) AS w FROM income_records r JOIN households h ON h.id = r.household_id WHERE r.year = 2024 AND h.county_code = ?`).get(COUNTY) as { w: number };
    expect(t[14]).toBe(wage.w / 100);
    expect(t[16]).toBeCloseTo(wage.w / 100 / (t[5] as number), 2);
  });
});

describe('防止返贫监测对象情况表', () => {
  it('counts monitoring households per category as the ledger filter does, with the risk states', async () => {
    const ws = await sheetOf('monitoring', 'monitoring', { county: COUNTY, year: 2024 });
    expect(ws.getCell('A1').value).toBe('会宁县防止返贫监测对象情况表');
    const t = rowValues(ws, 5);
    const perCategory = MONITORING_CATEGORIES.map((c) => households({ monitoringCategory: c }));
    expect(t.slice(4, 7)).toEqual(perCategory);
    expect(t[2]).toBe(perCategory.reduce((a, b) => a + b, 0));
    expect(t.slice(8, 11)).toEqual([5, 3, 0]);
    expect(t[7]).toBe((t[2] as number) - 8);
    expect(t[11]).toBeCloseTo(8 / (t[2] as number), 4);
  });
});

describe('增收情况表', () => {
  it('prints stats’ per-capita figures and each component with last year and growth, and the 口径', async () => {
    const ws = await sheetOf('half-year', 'half-year', { county: COUNTY, year: 2024, period: 'half' });
    expect(ws.getCell('A1').value).toBe('会宁县2024年上半年脱贫人口增收情况表');
    const now = computeStats(db, { year: 2024, by: 'township', county: COUNTY }).total;
    const prev = computeStats(db, { year: 2023, by: 'township', county: COUNTY }).total;
    const t = rowValues(ws, 5);
    expect(t.slice(1, 4)).toEqual(['合计', now.households, now.persons]);
    expect(t.slice(4, 9)).toEqual([now.perCapitaNet, prev.perCapitaNet, now.growth, now.gapToTarget, now.gapToProvince ?? undefined].map((v) => v ?? undefined));
    expect(t[9]).toBe(now.wage);
    expect(t[10]).toBe(prev.wage);
    expect(t[11]).toBe(round4(growth(now.wage, prev.wage)));
    // 合计 (row 5), the one township (row 6), then the 说明 row merged across the table.
    expect(String(ws.getRow(7).getCell(1).value)).toContain('Σ家庭纯收入 ÷ Σ家庭人口');
    expect(ws.model.merges).toContain('A7:AC7');
  });
});

describe('演示数据 mark', () => {
  it('adds the title suffix, the printed page header and the data note to a form from the demo database', async () => {
    const demoPath = makeExportDb(dir.path('demo.db'), { demo: true });
    const out = dir.path('demo-summary.xlsx');
    await runExport(demoPath, 'employment', out, { county: COUNTY, year: 2024 });
    const ws = (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('会宁县2024年脱贫人口务工就业统计表（演示数据）');
    expect(ws.headerFooter.oddHeader).toContain('演示数据');
    const note = rowValues(ws, ws.rowCount - 1).find((v) => typeof v === 'string') as string;
    expect(note).toMatch(/^说明：数据来源：演示数据库.*数据截至：\d{4}年\d{1,2}月\d{1,2}日/);
  });
});

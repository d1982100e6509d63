/**
 * A hand-computed ledger of six households over 2023–2024, written with plain SQL into a fresh
 * database (regions and reference values seeded by openDatabase). Figures in yuan; see the
 * expectations in analysis.test.ts, worked out by hand from these rows.
 *
 *   H1 会师镇 甲村  size 4 → 4   2023 net 32,000 (8,000.00 — on the line, not below)   2024 40,000 (10,000)
 *   H2 会师镇 甲村  size 2 → 2   2023 20,000 (10,000)  2024 15,000 (7,500: below, fell)  relocated
 *   H3 郭城驿镇 (no village) 5   2023 35,000 (7,000: below)  2024 39,995 (7,999: below, rose)
 *   H4 靖远 北湾镇 (no village) 1  no 2023 record      2024 12,000 (12,000)
 *   H5 会师镇 甲村  size 3 → 3   2023 30,000 (10,000)  2024 29,997 (9,999: fell by 1)
 *   H6 会师镇 甲村  size 4 → 5   2023 40,000 (10,000)  2024 45,000 (9,000: net rose, per capita fell)
 */
import { openDatabase } from '../../../electron/db/connection.ts';
import type { Db } from '../../../electron/services/context.ts';

export const VILLAGE_A = '620422100201';
export const HUISHI = '620422100';
export const GUOCHENG = '620422101';
export const HUINING = '620422';
export const JINGYUAN = '620421';

interface Income {
  size: number;
  wage: number;
  gross?: number;
  expense?: number;
  property?: number;
  transfer?: number;
}

interface Fixture {
  county: string;
  township: string;
  village: string | null;
  relocated: boolean;
  years: Record<number, Income>;
}

export const HOUSEHOLDS: readonly Fixture[] = [
  { county: HUINING, township: HUISHI, village: VILLAGE_A, relocated: false, years: {
    2023: { size: 4, wage: 20_000, gross: 10_000, expense: 2_000, transfer: 4_000 },
    2024: { size: 4, wage: 24_000, gross: 12_000, expense: 2_000, property: 1_000, transfer: 5_000 } } },
  { county: HUINING, township: HUISHI, village: VILLAGE_A, relocated: true, years: {
    2023: { size: 2, wage: 14_000, transfer: 6_000 },
    2024: { size: 2, wage: 9_000, transfer: 6_000 } } },
  { county: HUINING, township: GUOCHENG, village: null, relocated: false, years: {
    2023: { size: 5, wage: 20_000, gross: 15_000, expense: 5_000, property: 2_000, transfer: 3_000 },
    2024: { size: 5, wage: 24_995, gross: 15_000, expense: 5_000, property: 2_000, transfer: 3_000 } } },
  { county: JINGYUAN, township: '620421101', village: null, relocated: false, years: {
    2024: { size: 1, wage: 12_000 } } },
  { county: HUINING, township: HUISHI, village: VILLAGE_A, relocated: false, years: {
    2023: { size: 3, wage: 30_000 },
    2024: { size: 3, wage: 29_997 } } },
  { county: HUINING, township: HUISHI, village: VILLAGE_A, relocated: false, years: {
    2023: { size: 4, wage: 40_000 },
    2024: { size: 5, wage: 45_000 } } },
];

export function writeLedger(db: Db): number[] {
  const ids: number[] = [];
  db.transaction(() => {
    db.prepare(`INSERT INTO regions (code, level, name, parent_code) VALUES (?, 'village', '甲村', ?)`).run(VILLAGE_A, HUISHI);
    const hh = db.prepare(`INSERT INTO households (code, county_code, township_code, village_code, head_name, size, relocated)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const inc = db.prepare(`INSERT INTO income_records (household_id, year, size, wage_fen, business_gross_fen, business_expense_fen, property_fen, transfer_fen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    HOUSEHOLDS.forEach((h, i) => {
      const last = Object.values(h.years).at(-1) as Income;
      const id = Number(hh.run(`H${i + 1}`, h.county, h.township, h.village, `户主${i + 1}`, last.size, h.relocated ? 1 : 0).lastInsertRowid);
      ids.push(id);
      for (const [year, v] of Object.entries(h.years)) {
        const fen = (x = 0): number => x * 100;
        inc.run(id, Number(year), v.size, fen(v.wage), fen(v.gross), fen(v.expense), fen(v.property), fen(v.transfer));
      }
    });
  })();
  return ids;
}

export function ledgerDb(path: string): { db: Db; ids: number[] } {
  const db = openDatabase(path);
  return { db, ids: writeLedger(db) };
}

/**
 * 增收分析 and `stats` on the hand-computed ledger of fixture.ts: per-capita weighted by people,
 * growth, gaps, the line (8,000 exactly is not below), falls since last year, and that the view's
 * figures are exactly those of `stats` for the same scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../../electron/analysis/view.ts';
import { aggregateRows, liveAggregateRows } from '../../../electron/db/queries/analysis-aggregates.ts';
import type { Db } from '../../../electron/services/context.ts';
import { computeStats } from '../../../electron/analysis/stats.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { GUOCHENG, HUINING, HUISHI, JINGYUAN, ledgerDb, VILLAGE_A } from './fixture.ts';

let tmp: TempDir;
let db: Db;
beforeAll(() => {
  tmp = tempDir('analysis-');
  db = ledgerDb(tmp.path('ledger.db')).db;
});
afterAll(() => {
  db.close();
  tmp.remove();
});

const row = <T extends { code: string }>(rows: readonly T[], code: string): T => {
  const r = rows.find((x) => x.code === code);
  if (!r) throw new Error(`no row ${code}`);
  return r;
};

describe('stats on the hand-computed ledger', () => {
  it('weights per-capita by people, not by households, and splits the components', () => {
    const s = computeStats(db, { year: 2024, by: 'county' });
    const hn = row(s.rows, HUINING);
    expect(hn).toMatchObject({ households: 5, persons: 19, perCapitaNet: 8946.95, wage: 6999.58, business: 1052.63, property: 157.89, transfer: 736.84 });
    // The mean of the five household figures would be 8,899.60: the weighting is visible.
    expect(hn.perCapitaNet).not.toBe(8899.6);
    expect(row(s.rows, JINGYUAN)).toMatchObject({ households: 1, persons: 1, perCapitaNet: 12000, growth: null, decreased: 0 });
    expect(s.total).toMatchObject({ code: '620400', households: 6, persons: 20, perCapitaNet: 9099.6 });
  });

  it('computes growth on the same scope and the gaps to the target', () => {
    const s = computeStats(db, { year: 2024, by: 'county' });
    const hn = row(s.rows, HUINING);
    expect(hn.growth).toBe(0.0258); // 8,946.95 / 8,722.22 − 1
    expect(hn).toMatchObject({ target: 15500, gapToTarget: 6553.05, provinceAverage: null, gapToProvince: null });
    expect(s.total).toMatchObject({ growth: 0.0433, target: 15500, gapToTarget: 6400.4 });
  });

  it('counts below the line strictly, any fall per capita, and relocated households', () => {
    const y2023 = computeStats(db, { year: 2023, by: 'county' });
    // H1 sits exactly on 8,000 in 2023: not below. Only H3 (7,000) is.
    expect(row(y2023.rows, HUINING)).toMatchObject({ below8000: 1, decreased: 0, relocated: 1 });
    const y2024 = computeStats(db, { year: 2024, by: 'township', county: HUINING });
    // H2 fell 10,000 → 7,500; H5 by one yuan; H6's net rose but its per-capita fell (4 → 5 people).
    expect(row(y2024.rows, HUISHI)).toMatchObject({ persons: 14, perCapitaNet: 9285.5, below8000: 1, decreased: 3, relocated: 1 });
    expect(row(y2024.rows, GUOCHENG)).toMatchObject({ perCapitaNet: 7999, below8000: 1, decreased: 0, growth: 0.1427 });
    expect(y2024.total).toMatchObject({ code: HUINING, name: '会宁县', below8000: 2, decreased: 3, relocated: 1 });
  });

  it('groups households without a village under the township code + 000', () => {
    const s = computeStats(db, { year: 2024, by: 'village', township: GUOCHENG });
    expect(s.rows.map((r) => [r.code, r.name])).toEqual([[`${GUOCHENG}000`, '（未填村）']]);
  });
});

describe('analysis view on the hand-computed ledger', () => {
  it('returns exactly the stats of the scope’s children at every level', () => {
    expect(buildAnalysis(db, { scope: '620400', year: 2024 }).stats).toEqual(computeStats(db, { year: 2024, by: 'county' }));
    expect(buildAnalysis(db, { scope: HUINING, year: 2024 }).stats).toEqual(computeStats(db, { year: 2024, by: 'township', county: HUINING }));
    expect(buildAnalysis(db, { scope: HUISHI, year: 2023 }).stats).toEqual(computeStats(db, { year: 2023, by: 'village', township: HUISHI }));
  });

  it('draws the trajectory against the targets, the 15 % path and the increase still needed', () => {
    const v = buildAnalysis(db, { scope: '620400', year: 2024 });
    expect(v.path.map((p) => p.name)).toEqual(['白银市']);
    expect(v.trajectory.points.map((p) => [p.year, p.actual, p.target, p.provinceTarget])).toEqual([
      [2023, 8722.22, 13200, null],
      [2024, 9099.6, 15500, null],
      [2025, null, 18000, 18000],
    ]);
    // The path compounds the plan's 2022 figure (11,100, no ledger data that year) at 15 %.
    expect(v.trajectory.pathBase).toEqual({ year: 2022, value: 11100 });
    expect(v.trajectory.points.map((p) => p.path)).toEqual([12765, 14679.75, 16881.71]);
    expect(v.trajectory.required).toEqual({ fromYear: 2024, fromValue: 9099.6, targetYear: 2025, target: 18000, yuanPerYear: 8900.4, ratePerYear: 0.9781 });
  });

  it('puts each component against the year’s target component with its gap', () => {
    const v = buildAnalysis(db, { scope: HUINING, year: 2024 });
    expect(v.path.map((p) => p.code)).toEqual(['620400', HUINING]);
    const figures = v.components.total.figures.map((f) => [f.metric, f.actual, f.target, f.gapToTarget]);
    expect(figures).toEqual([
      ['wage', 6999.58, 9000, 2000.42],
      ['business', 1052.63, 4600, 3547.37],
      ['property', 157.89, 400, 242.11],
      ['transfer', 736.84, 1500, 763.16],
    ]);
    expect(v.components.rows.map((r) => r.code)).toEqual([HUISHI, GUOCHENG]);
  });

  it('ranks children with their share of people and how far they pull the average', () => {
    const v = buildAnalysis(db, { scope: HUINING, year: 2024 });
    const g = row(v.ranking, GUOCHENG);
    expect(g.share).toBe(0.2632); // 5 of 19 people
    expect(g.pull).toBe(-249.46); // 5/19 × (7,999 − 8,946.95)
    expect(row(v.ranking, HUISHI).pull).toBe(249.46);
  });

  it('bins household per-capita income and counts below the line', () => {
    const d = buildAnalysis(db, { scope: '620400', year: 2024 }).distribution;
    // Gansu's 2024 monitoring line (7,800, seeded): only H2 at 7,500 is below it; H3 at 7,999 is not.
    expect(d).toMatchObject({ households: 6, line: 8000, belowLine: 2, monitoringFloor: 7800, belowFloor: 1, binWidth: 1000 });
    const used = d.bins.filter((b) => b.households > 0).map((b) => [b.from, b.households]);
    expect(used).toEqual([[7000, 2], [9000, 2], [10000, 1], [12000, 1]]);
    expect(d.bins.reduce((a, b) => a + b.households, 0)).toBe(6);
  });

  it('counts the two categories by township with the change since last year', () => {
    const c = buildAnalysis(db, { scope: HUINING, year: 2024 }).categories;
    expect(c.previousYear).toBe(2023);
    expect(c.total).toMatchObject({
      belowLine: 2, decreased: 3, relocated: 1, anyCategory: 4,
      previous: { belowLine: 1, decreased: 0, relocated: 1, anyCategory: 2 },
      change: { belowLine: 1, decreased: 3, relocated: 0, anyCategory: 2 },
    });
    expect(row(c.rows, HUISHI)).toMatchObject({ name: '会师镇', belowLine: 1, decreased: 3, anyCategory: 3 });
  });

  it('drills down to a village and refuses a year without data', () => {
    const v = buildAnalysis(db, { scope: VILLAGE_A, year: 2024 });
    expect(v.path.map((p) => p.name)).toEqual(['白银市', '会宁县', '会师镇', '甲村']);
    expect(v.childLevel).toBeNull();
    expect(v.stats.total).toMatchObject({ persons: 14, perCapitaNet: 9285.5 });
    expect(() => buildAnalysis(db, { scope: '620400', year: 2019 })).toThrow(/2019 年没有收入数据/);
  });
});

describe('pre-aggregated tables', () => {
  it('equal the live computation and follow edits, moves and deletes through the triggers', () => {
    const key = (r: { year: number; village: string }): string => `${r.year}|${r.village}`;
    const same = (): void => {
      const sort = <T extends { year: number; village: string }>(a: T[]): T[] => a.sort((x, y) => key(x).localeCompare(key(y)));
      expect(sort(aggregateRows(db, {}))).toEqual(sort(liveAggregateRows(db, {})));
    };
    same();
    // H3 rises above the line in 2024; H6 moves from 会师镇 to 郭城驿镇; H4 is deleted.
    db.prepare("UPDATE income_records SET wage_fen = wage_fen + 100000 WHERE household_id = (SELECT id FROM households WHERE code = 'H3') AND year = 2024").run();
    same();
    expect(row(computeStats(db, { year: 2024, by: 'township', county: HUINING }).rows, GUOCHENG)).toMatchObject({ perCapitaNet: 8199, below8000: 0 });
    db.prepare(`UPDATE households SET township_code = '${GUOCHENG}', village_code = NULL WHERE code = 'H6'`).run();
    same();
    db.prepare("DELETE FROM households WHERE code = 'H4'").run();
    same();
    expect(computeStats(db, { year: 2024, by: 'county' }).rows.map((r) => r.code)).toEqual([HUINING]);
  });
});

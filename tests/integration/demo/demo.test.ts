import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection.ts';
import { computeStats } from '../../../electron/analysis/stats.ts';
import { validateIdNumber } from '../../../shared/domain/id-number.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import type { Db } from '../../../electron/services/context.ts';

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

const within = (actual: number | null, expected: number, tolerance = 0.01): void => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) / expected - 1)).toBeLessThan(tolerance);
};
const one = <T>(db: Db, sql: string): T => db.prepare(sql).get() as T;

describe('demo ledger, small scale', () => {
  let db: Db;
  beforeAll(() => {
    db = openDatabase(makeDemoDb(tmp.path('small.db'), 'small'));
  });
  afterAll(() => db.close());

  it('has one township of 会宁 with about 1,000 households and valid, unique IDs', () => {
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM households').n).toBe(1000);
    expect(one<{ n: number }>(db, "SELECT count(DISTINCT township_code) AS n FROM households WHERE township_code = '620422101'").n).toBe(1);
    const ids = db.prepare('SELECT id_number FROM members').pluck().all() as string[];
    expect(new Set(ids).size).toBe(ids.length);
    const today = new Date('2026-01-01');
    expect(ids.filter((id) => !validateIdNumber(id, today).ok)).toEqual([]);
  });

  it('has exactly one 户主 per household, spouses of the other sex, sizes equal to member rows', () => {
    expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM households h WHERE (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.relation = '户主') <> 1").n).toBe(0);
    expect(
      one<{ n: number }>(db, `SELECT count(*) AS n FROM members s JOIN members h ON h.household_id = s.household_id AND h.relation = '户主'
        WHERE s.relation = '配偶' AND s.sex = h.sex`).n,
    ).toBe(0);
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM households h WHERE size <> (SELECT count(*) FROM members m WHERE m.household_id = h.id)').n).toBe(0);
    expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM members WHERE relation IN ('之子','之女') AND birth_date < (SELECT birth_date FROM members h WHERE h.household_id = members.household_id AND h.relation = '户主')").n).toBe(0);
  });

  it('matches 会宁\'s 2022 per-capita income and has a realistic spread', () => {
    const s = computeStats(db, { year: 2022, by: 'township' });
    within(s.total.perCapitaNet, 10_007);
    expect(s.total.below8000).toBeGreaterThan(50);
    expect(s.total.decreased).toBeGreaterThan(50);
    expect(s.total.relocated / s.total.households).toBeGreaterThan(0.05);
    expect(s.total.relocated / s.total.households).toBeLessThan(0.11);
    const parts = (s.total.wage ?? 0) + (s.total.business ?? 0) + (s.total.property ?? 0) + (s.total.transfer ?? 0);
    expect(Math.abs(parts - (s.total.perCapitaNet ?? 0))).toBeLessThan(0.05);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const again = openDatabase(makeDemoDb(tmp.path('small2.db'), 'small'));
    const other = openDatabase(makeDemoDb(tmp.path('small3.db'), 'small', 7));
    const key = (d: Db): string => JSON.stringify(computeStats(d, { year: 2024, by: 'village' }));
    expect(key(again)).toBe(key(db));
    expect(key(other)).not.toBe(key(db));
    again.close();
    other.close();
  });
});

describe('demo ledger, city scale', () => {
  let db: Db;
  beforeAll(() => {
    db = openDatabase(makeDemoDb(tmp.path('city.db'), 'city'));
  }, 600_000);
  afterAll(() => db.close());

  it('holds 8.91万 households and about 37.21万 people, 会宁 45 % and 靖远 34 %', () => {
    const s = computeStats(db, { year: 2022, by: 'county' });
    expect(s.total.households).toBe(89_100);
    within(s.total.persons, 372_100, 0.005);
    const share = (code: string): number => (s.rows.find((r) => r.code === code)?.persons ?? 0) / s.total.persons;
    expect(Math.abs(share('620422') - 0.45)).toBeLessThan(0.01);
    expect(Math.abs(share('620421') - 0.34)).toBeLessThan(0.01);
  });

  it('matches the plan: city 9,708 (2021) and 11,100 (2022); 会宁 10,007 and 靖远 11,274 (2022)', () => {
    const y2022 = computeStats(db, { year: 2022, by: 'county' });
    within(y2022.total.perCapitaNet, 11_100);
    within(y2022.rows.find((r) => r.code === '620422')?.perCapitaNet ?? null, 10_007);
    within(y2022.rows.find((r) => r.code === '620421')?.perCapitaNet ?? null, 11_274);
    within(computeStats(db, { year: 2021, by: 'county' }).total.perCapitaNet, 9_708);
    const y2024 = computeStats(db, { year: 2024, by: 'county' });
    expect(y2024.total.perCapitaNet).toBeGreaterThan(14_000);
    expect(y2024.total.target).toBe(15_500);
    expect(y2024.total.gapToTarget).toBeGreaterThan(0);
  });
});

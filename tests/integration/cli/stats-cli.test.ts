import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResult } from '../../../shared/api/stats.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

const FIELDS = ['code', 'name', 'households', 'persons', 'perCapitaNet', 'wage', 'business', 'property', 'transfer', 'below8000', 'decreased', 'relocated', 'growth', 'target', 'gapToTarget', 'provinceAverage', 'gapToProvince'];

describe('CLI: demo and stats', () => {
  it('builds a demo and prints the stats contract as JSON', () => {
    const db = tmp.path('small.db');
    const demo = runCliProcess(['demo', '--db', db, '--scale', 'small', '--seed', '42']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/已生成演示数据库.*1000 户/);
    const r = runCliProcess(['stats', '--db', db, '--year', '2024', '--by', 'village', '--county', '620422', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as StatsResult;
    expect(json.year).toBe(2024);
    expect(json.by).toBe('village');
    expect(Object.keys(json.total).sort()).toEqual([...FIELDS].sort());
    for (const row of json.rows) expect(Object.keys(row).sort()).toEqual([...FIELDS].sort());
    expect(json.rows.reduce((a, x) => a + x.households, 0)).toBe(json.total.households);
    expect(json.total.target).toBe(15500);
    expect(json.total.provinceAverage).toBeNull();
    expect(json.total.gapToProvince).toBeNull();
  });

  it('exits 2 with a Chinese message on bad usage', () => {
    const none = runCliProcess([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/用法/);
    const bogus = runCliProcess(['stats', '--db', tmp.path('x.db'), '--by', 'province']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/--by 只能是/);
    const unknownFlag = runCliProcess(['stats', '--dbb', 'x']);
    expect(unknownFlag.code).toBe(2);
    const badYear = runCliProcess(['stats', '--db', tmp.path('x.db'), '--year', '24']);
    expect(badYear.code).toBe(2);
  });

  it('exits 2 on a missing, foreign or newer database and leaves it alone', () => {
    const missing = runCliProcess(['stats', '--db', tmp.path('missing.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/数据库文件不存在/);
    const newer = tmp.path('newer.db');
    const raw = new Database(newer);
    raw.pragma('user_version = 999');
    raw.close();
    const r = runCliProcess(['stats', '--db', newer]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/更新版本/);
    const empty = tmp.path('empty.db');
    expect(runCliProcess(['demo', '--db', empty, '--scale', 'small']).code).toBe(0);
    expect(runCliProcess(['demo', '--db', empty, '--scale', 'small']).code).toBe(2);
  });
});

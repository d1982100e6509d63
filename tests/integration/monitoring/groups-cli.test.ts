import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResult } from '../../../shared/api/stats.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { buildFixture, GUOCHENG, HEPAN, HUINING } from './fixture.ts';

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir('monitoring-cli-');
  buildFixture(tmp.path('fixture.db')).db.close();
});
afterAll(() => tmp.remove());

const KEYS = ['code', 'name', 'below8000', 'decreased', 'relocated', 'any', 'plans', 'plansReached'];

interface CliGroups {
  year: number;
  rows: Array<Record<string, number | string>>;
  total: Record<string, number | string>;
}

function groups(args: string[]): CliGroups {
  const r = runCliProcess(['groups', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as CliGroups;
}

describe('CLI: groups', () => {
  it('prints the contract by county, and by township with --county', () => {
    const byCounty = groups(['--db', tmp.path('fixture.db'), '--year', '2024']);
    expect(Object.keys(byCounty)).toEqual(['year', 'rows', 'total']);
    for (const row of [...byCounty.rows, byCounty.total]) expect(Object.keys(row)).toEqual(KEYS);
    expect(byCounty.total).toEqual({ code: '620400', name: '白银市', below8000: 3, decreased: 4, relocated: 2, any: 7, plans: 0, plansReached: 0 });
    const byTownship = groups(['--db', tmp.path('fixture.db'), '--year', '2024', '--county', HUINING]);
    expect(byTownship.rows.map((r) => [r.code, r.name, r.below8000, r.decreased, r.relocated, r.any])).toEqual([
      [GUOCHENG, '郭城驿镇', 2, 2, 1, 3],
      [HEPAN, '河畔镇', 0, 2, 1, 3],
    ]);
    expect(byTownship.total).toMatchObject({ code: HUINING, name: '会宁县', any: 6 });
  });

  it('agrees with stats on a demo database (households below the line, fallen, relocated)', () => {
    const db = makeDemoDb(tmp.path('demo.db'), 'small', 7);
    for (const county of [undefined, '620422']) {
      const extra = county ? ['--county', county] : [];
      const g = groups(['--db', db, '--year', '2024', ...extra]);
      const s = runCliProcess(['stats', '--db', db, '--year', '2024', '--by', county ? 'township' : 'county', ...extra, '--json']);
      const stats = JSON.parse(s.stdout) as StatsResult;
      const pick = (r: Record<string, unknown>) => [r.code, r.below8000, r.decreased, r.relocated];
      expect(g.rows.map(pick)).toEqual(stats.rows.map((r) => pick(r as unknown as Record<string, unknown>)));
      expect(pick(g.total)).toEqual(pick(stats.total as unknown as Record<string, unknown>));
      expect(g.total.any).toBeGreaterThanOrEqual(Math.max(stats.total.below8000, stats.total.decreased, stats.total.relocated));
    }
  });

  it('prints a readable table without --json, and refuses bad usage with exit 2', () => {
    const t = runCliProcess(['groups', '--db', tmp.path('fixture.db'), '--year', '2024']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/2024 年两类群体.*按县区/);
    expect(t.stdout).toMatch(/会宁县/);
    expect(runCliProcess(['groups', '--db', tmp.path('fixture.db')]).stderr).toMatch(/缺少参数 --year/);
    const bad = runCliProcess(['groups', '--db', tmp.path('fixture.db'), '--year', '24']);
    expect(bad.code).toBe(2);
    const missing = runCliProcess(['groups', '--db', tmp.path('missing.db'), '--year', '2024']);
    expect(missing.stderr).toMatch(/数据库文件不存在/);
    expect(missing.code).toBe(2);
  });
});

/**
 * The `stats` JSON contract through the real CLI process on the hand-computed ledger: every field,
 * in the contract's order, for --by county|township|village and --county / --township, with the
 * province figures filled once a province average is entered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResult } from '../../../shared/api/stats.ts';
import { openSession } from '../../../electron/services/session.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { GUOCHENG, HUINING, HUISHI, ledgerDb } from './fixture.ts';

const FIELDS = ['code', 'name', 'households', 'persons', 'perCapitaNet', 'wage', 'business', 'property', 'transfer', 'below8000', 'decreased', 'relocated', 'growth', 'target', 'gapToTarget', 'provinceAverage', 'gapToProvince'];

let tmp: TempDir;
let path: string;
beforeAll(async () => {
  tmp = tempDir('stats-cli-');
  path = tmp.path('ledger.db');
  ledgerDb(path).db.close();
  const s = openSession(path, { operator: '测试员' });
  await s.call('refs:update', { kind: 'province', year: 2024, scope: '620000', metric: 'wage', value: 8000, source: '测试' });
  await s.call('refs:update', { kind: 'province', year: 2024, scope: '620000', metric: 'perCapitaNet', value: 16000, source: '测试' });
  await s.close();
});
afterAll(() => tmp.remove());

function stats(...args: string[]): StatsResult {
  const r = runCliProcess(['stats', '--db', path, '--year', '2024', '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as StatsResult;
}

describe('stats --json contract', () => {
  it('keeps every field in order, per row and in the total', () => {
    const s = stats('--by', 'county');
    expect(Object.keys(s)).toEqual(['year', 'by', 'rows', 'total']);
    for (const r of [...s.rows, s.total]) expect(Object.keys(r)).toEqual(FIELDS);
  });

  it('fills growth, target, gaps and the province figures by county', () => {
    const hn = stats('--by', 'county').rows.find((r) => r.code === HUINING);
    expect(hn).toEqual({
      code: HUINING, name: '会宁县', households: 5, persons: 19, perCapitaNet: 8946.95, wage: 6999.58, business: 1052.63,
      property: 157.89, transfer: 736.84, below8000: 2, decreased: 3, relocated: 1, growth: 0.0258, target: 15500,
      gapToTarget: 6553.05, provinceAverage: 16000, gapToProvince: 7053.05,
    });
  });

  it('filters by --county and --township and groups by village', () => {
    const t = stats('--by', 'township', '--county', HUINING);
    expect(t.rows.map((r) => r.code)).toEqual([HUISHI, GUOCHENG]);
    expect(t.total).toMatchObject({ code: HUINING, persons: 19, perCapitaNet: 8946.95, provinceAverage: 16000 });
    const v = stats('--by', 'village', '--township', HUISHI);
    expect(v.rows).toHaveLength(1);
    expect(v.rows[0]).toMatchObject({ name: '甲村', persons: 14, perCapitaNet: 9285.5, target: 15500, gapToTarget: 6214.5, gapToProvince: 6714.5 });
    expect(v.total).toMatchObject({ code: HUISHI, name: '会师镇', growth: -0.0106 });
  });
});

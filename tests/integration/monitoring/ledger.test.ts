import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { buildFixture, GUOCHENG, HEPAN, HUINING, JINGYUAN, setIncome, type Fixture } from './fixture.ts';

let tmp: TempDir;
let fx: Fixture;
let session: Session;

beforeAll(() => {
  tmp = tempDir('monitoring-ledger-');
  fx = buildFixture(tmp.path('ledger.db'));
  fx.db.close();
  session = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

const keysOf = (ids: number[]): string[] =>
  ids.map((id) => Object.entries(fx.ids).find(([, v]) => v === id)?.[0] ?? '?').sort();

describe('work ledger groups', () => {
  it('puts exactly the expected households in each group of 2024', async () => {
    const all = await session.call('monitoring:ledger', { year: 2024, limit: 1000 });
    expect(all.line).toBe(8000);
    expect(keysOf(all.rows.map((r) => r.householdId))).toEqual(['B', 'C', 'D', 'E', 'G', 'I', 'J']);
    const of = async (group: 'below' | 'decreased' | 'relocated') =>
      keysOf((await session.call('monitoring:ledger', { year: 2024, group })).rows.map((r) => r.householdId));
    expect(await of('below')).toEqual(['C', 'E', 'G']);
    expect(await of('decreased')).toEqual(['B', 'E', 'I', 'J']);
    expect(await of('relocated')).toEqual(['D', 'E']);
  });

  it('shows both figures and the change, and a household in several groups once', async () => {
    const { rows } = await session.call('monitoring:ledger', { year: 2024, search: '户主' });
    const byKey = new Map(rows.map((r) => [keysOf([r.householdId])[0], r]));
    expect(byKey.get('B')).toMatchObject({ perCapita: 8000, previousPerCapita: 8001, change: -1, groups: ['decreased'] });
    expect(byKey.get('E')).toMatchObject({ perCapita: 5000, previousPerCapita: 9000, change: -4000, groups: ['below', 'decreased', 'relocated'] });
    expect(byKey.get('G')).toMatchObject({ perCapita: 7000, previousPerCapita: null, change: null, groups: ['below'] });
    // A third of a fen per person: invisible at two decimals, still a fall.
    expect(byKey.get('I')).toMatchObject({ perCapita: 10000, previousPerCapita: 10000, change: 0, groups: ['decreased'] });
    expect(byKey.get('J')?.groups).toEqual(['decreased']);
    expect(byKey.get('C')).toMatchObject({ townshipName: '郭城驿镇', villageName: '测试村', monitoringCategory: '脱贫不稳定户', riskTypes: ['因病'] });
  });

  it('filters by monitoring category, risk type (aliases normalised), region and search; sorts; pages', async () => {
    const ids = async (args: Record<string, unknown>) =>
      keysOf((await session.call('monitoring:ledger', { year: 2024, ...args })).rows.map((r) => r.householdId));
    expect(await ids({ category: '突发严重困难户' })).toEqual(['E']);
    expect(await ids({ category: '监测对象' })).toEqual(['C', 'E']);
    expect(await ids({ category: '未监测' })).toEqual(['B', 'D', 'G', 'I', 'J']);
    expect(await ids({ riskType: '因灾' })).toEqual(['E']);
    expect(await ids({ county: JINGYUAN })).toEqual(['G']);
    expect(await ids({ township: HEPAN })).toEqual(['D', 'I', 'J']);
    expect(await ids({ search: '户主C' })).toEqual(['C']);
    const order = async (sort: 'perCapita' | '-change') =>
      (await session.call('monitoring:ledger', { year: 2024, sort })).rows.map((r) => keysOf([r.householdId])[0]);
    expect(await order('perCapita')).toEqual(['E', 'G', 'C', 'B', 'J', 'I', 'D']);
    // D rose 1,000, C 499, I 0 (a third of a fen), B and J −1, E −4,000; G has no previous year and sorts last.
    expect(await order('-change')).toEqual(['D', 'C', 'I', 'B', 'J', 'E', 'G']);
    const page = await session.call('monitoring:ledger', { year: 2024, offset: 2, limit: 3 });
    expect(page.total).toBe(7);
    expect(page.rows).toHaveLength(3);
  });

  it('pages come from one computation, yet a write by any connection shows at once', async () => {
    const first = await session.call('monitoring:ledger', { year: 2024, limit: 3 });
    const second = await session.call('monitoring:ledger', { year: 2024, offset: 3, limit: 3 });
    expect([...first.rows, ...second.rows].map((r) => r.householdId)).toHaveLength(6);
    const below = async () => keysOf((await session.call('monitoring:ledger', { year: 2024, group: 'below' })).rows.map((r) => r.householdId));
    expect(await below()).toEqual(['C', 'E', 'G']);
    const other = openDatabase(tmp.path('ledger.db'));
    try {
      setIncome(other, fx.ids.A as number, 2024, 2, 15_998); // A: 8,000 → 7,999, now below and fallen
      expect(await below()).toEqual(['A', 'C', 'E', 'G']);
      setIncome(other, fx.ids.A as number, 2024, 2, 16_000);
      expect(await below()).toEqual(['C', 'E', 'G']);
    } finally {
      other.close();
    }
  });

  it('the 2023 ledger: below the line, no previous year so no falls, H without a 2024 record', async () => {
    const r = await session.call('monitoring:ledger', { year: 2023 });
    expect(keysOf(r.rows.map((x) => x.householdId))).toEqual(['C', 'D', 'E', 'H']);
  });
});

describe('group counts by region', () => {
  it('counts households by county with last year beside them', async () => {
    const g = await session.call('monitoring:groups', { year: 2024 });
    expect(g.by).toBe('county');
    const hn = g.rows.find((r) => r.code === HUINING);
    const jy = g.rows.find((r) => r.code === JINGYUAN);
    expect(hn).toMatchObject({ name: '会宁县', households: 7, below8000: 2, decreased: 4, relocated: 2, any: 6 });
    expect(hn?.previous).toEqual({ households: 8, below8000: 2, decreased: 0, relocated: 2, any: 4 });
    expect(jy).toMatchObject({ households: 2, below8000: 1, decreased: 0, relocated: 0, any: 1 });
    expect(jy?.previous).toEqual({ households: 1, below8000: 0, decreased: 0, relocated: 0, any: 0 });
    expect(g.total).toMatchObject({ code: '620400', households: 9, below8000: 3, decreased: 4, relocated: 2, any: 7 });
  });

  it('by township within a county, by village within a township', async () => {
    const t = await session.call('monitoring:groups', { year: 2024, county: HUINING });
    expect(t.by).toBe('township');
    expect(t.rows.map((r) => [r.code, r.any])).toEqual([[GUOCHENG, 3], [HEPAN, 3]]);
    const v = await session.call('monitoring:groups', { year: 2024, township: GUOCHENG });
    expect(v.by).toBe('village');
    expect(v.rows.map((r) => [r.name, r.households, r.any])).toEqual([['测试村', 4, 3]]);
  });

  it('agrees with stats on below8000, decreased and relocated at every level', async () => {
    for (const args of [{ by: 'county' as const }, { by: 'township' as const, county: HUINING }, { by: 'village' as const, county: HUINING }]) {
      const s = await session.call('stats:get', { year: 2024, ...args });
      const g = await session.call('monitoring:groups', { year: 2024, ...args });
      const pick = (r: { code: string; below8000: number; decreased: number; relocated: number; households: number }) =>
        [r.code, r.households, r.below8000, r.decreased, r.relocated];
      expect(g.rows.map(pick)).toEqual(s.rows.map(pick));
      expect(pick(g.total)).toEqual(pick(s.total));
    }
  });

  it('follows a changed line (a setting) the same way stats does', async () => {
    const setLine = (v: number) =>
      session.ctx.db.prepare(`UPDATE reference_values SET value = ? WHERE kind = 'threshold' AND year = 2024 AND scope_code = '620400' AND metric = 'line'`).run(v);
    expect(setLine(7000).changes).toBe(1);
    try {
      const g = await session.call('monitoring:groups', { year: 2024 });
      const s = await session.call('stats:get', { year: 2024 });
      expect(g.line).toBe(7000);
      expect(g.total.below8000).toBe(1); // only E (5,000); G at exactly 7,000 is not below
      expect(g.total.below8000).toBe(s.total.below8000);
    } finally {
      setLine(8000);
    }
  });
});

/**
 * The follow-up through the real importer: a plan made on the 2024 ledger is judged as soon as the
 * township's 2025 workbook is committed, follows a corrected re-import, and goes back to pending
 * when the imports are undone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

let tmp: TempDir;
let s: Session;
let households: FxHousehold[];
let poorId: number;

/** Sets one household's income to `perCapita` × size, all as wage. */
function withIncome(hh: FxHousehold[], index: number, perCapita: number): FxHousehold[] {
  const copy = structuredClone(hh);
  const h = copy[index] as FxHousehold;
  h.income = [perCapita * Number(h.size), 0, 0, 0, 0];
  return copy;
}

async function importYear(name: string, year: number, hh: FxHousehold[]): Promise<number> {
  const file = tmp.path(name);
  await writeMemberWorkbook(file, hh, { title: `会宁县郭城驿镇${year}年度脱贫人口收入台账` });
  const r = await importOne(s, 'commit', file, { year });
  expect(r.households.refused).toBe(0);
  return r.batchId as number;
}

const outcome = async (): Promise<string | undefined> =>
  (await s.call('monitoring:household', { householdId: poorId, year: 2024 })).evaluation?.outcome;

beforeAll(async () => {
  tmp = tempDir('monitoring-import-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
  // Everyone at 12,000 per person and relocated nowhere, except household 2 (size 2) at 6,000.
  const base = makeHouseholds(6).map((h) => ({ ...(withIncome([h], 0, 12_000)[0] as FxHousehold), relocated: false }));
  households = withIncome(base, 1, 6000);
  await importYear('2024.xlsx', 2024, households);
  const below = await s.call('monitoring:ledger', { year: 2024, group: 'below' });
  expect(below.rows.map((r) => r.code)).toEqual([households[1]?.code]);
  poorId = below.rows[0]?.householdId as number;
  await s.call('monitoring:plan:save', {
    householdId: poorId, year: 2024, status: '落实中', targetPerCapita: 8500, cadreName: '马干部', cadrePhone: null, note: null,
    measures: [{ measureN: 7, measureType: '就业', content: '组织户主赴天津务工', scale: '1人', funds: 600, department: '县人社局', cadre: null, deadline: '2025-03', expectedIncrease: 5000 }],
  });
});
afterAll(async () => {
  await s.close();
  tmp.remove();
});

describe('follow-up through imports', () => {
  let first: number;
  let second: number;

  it('is pending before 2025 is imported and reached once it is', async () => {
    expect(await outcome()).toBe('pending');
    first = await importYear('2025.xlsx', 2025, withIncome(households, 1, 8600));
    expect(await outcome()).toBe('reached');
    const g = await s.call('monitoring:groups', { year: 2024, county: '620422' });
    expect(g.total).toMatchObject({ plans: 1, plansEvaluated: 1, plansReached: 1 });
  });

  it('a corrected re-import that lowers the income turns it into "fell again"', async () => {
    second = await importYear('2025-corrected.xlsx', 2025, withIncome(households, 1, 5900));
    expect(await outcome()).toBe('fell-again');
    const row = (await s.call('monitoring:ledger', { year: 2024, search: households[1]?.code })).rows[0];
    expect(row?.evaluation).toMatchObject({ outcome: 'fell-again', belowLine: true, fellAgain: true });
  });

  it('undoing the imports takes the evaluation back with them', async () => {
    await s.call('import:undo', { batchId: second });
    expect(await outcome()).toBe('reached');
    await s.call('import:undo', { batchId: first });
    expect(await outcome()).toBe('pending');
  });
});

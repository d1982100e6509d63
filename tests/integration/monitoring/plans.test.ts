import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasureInput } from '../../../shared/api/monitoring.ts';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { buildFixture, HUINING, setIncome, type Fixture } from './fixture.ts';

let tmp: TempDir;
let fx: Fixture;
let session: Session;

beforeAll(() => {
  tmp = tempDir('monitoring-plans-');
  fx = buildFixture(tmp.path('plans.db'));
  fx.db.close();
  session = openSession(tmp.path('plans.db'), { operator: '测试员' });
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

const id = (k: string): number => fx.ids[k] as number;
const db = () => session.ctx.db;

const sheep: MeasureInput = {
  measureN: 1, measureType: '产业', content: '小额信贷3万元养羊30只', scale: '30只', funds: 30000,
  department: '县农业农村局', cadre: '马干部', deadline: '2025-10', expectedIncrease: 10000,
};
const post: MeasureInput = {
  measureN: 13, measureType: '公益岗位', content: '为李秀兰安排乡村公益性岗位', scale: '1人', funds: null,
  department: '县人社局', cadre: null, deadline: '2025-03-31', expectedIncrease: 6000.5,
};

function savePlanC(extra: Record<string, unknown> = {}) {
  return session.call('monitoring:plan:save', {
    householdId: id('C'), year: 2024, status: '已制定', targetPerCapita: 8500, cadreName: '马干部', cadrePhone: '13800000000',
    note: null, measures: [sheep, post], ...extra,
  });
}

function auditActions(householdId: number): string[] {
  return (db().prepare('SELECT action FROM audit_log WHERE household_id = ? ORDER BY id').all(householdId) as Array<{ action: string }>).map((r) => r.action);
}

describe('一户一策 plans', () => {
  it('creates a plan with two measures, audited in the same transaction', async () => {
    const v = await savePlanC();
    expect(v.plan).toMatchObject({ status: '已制定', targetPerCapita: 8500, cadreName: '马干部', expectedIncrease: 16000.5 });
    expect(v.plan?.measures.map((m) => [m.measureN, m.measureType, m.content, m.funds, m.deadline])).toEqual([
      [1, '产业', '小额信贷3万元养羊30只', 30000, '2025-10'],
      [13, '公益岗位', '为李秀兰安排乡村公益性岗位', null, '2025-03-31'],
    ]);
    expect(v.plan?.measures[0]?.measureTitle).toBe('发展农业优势特色产业');
    expect(auditActions(id('C'))).toEqual(['plan:create', 'plan-measure:create', 'plan-measure:create']);
    expect(verifyAuditChain(db()).ok).toBe(true);
  });

  it('saving the same plan again changes and audits nothing; an edit audits each changed field', async () => {
    const before = await session.call('monitoring:household', { householdId: id('C'), year: 2024 });
    const plan = before.plan!;
    const keep = plan.measures.map(({ measureTitle: _t, ...m }) => m);
    await savePlanC({ measures: keep, expectedUpdatedAt: plan.updatedAt });
    expect(auditActions(id('C'))).toHaveLength(3);
    const edited = keep.map((m, i) => (i === 0 ? { ...m, scale: '40只' } : m));
    const after = await savePlanC({ status: '落实中', measures: edited, expectedUpdatedAt: plan.updatedAt });
    expect(after.plan?.status).toBe('落实中');
    expect(after.plan?.measures[0]?.scale).toBe('40只');
    const rows = db().prepare(`SELECT action, field, old_value AS old, new_value AS new FROM audit_log WHERE household_id = ? AND action LIKE '%update' ORDER BY id`).all(id('C'));
    expect(rows).toEqual([
      { action: 'plan:update', field: 'status', old: '已制定', new: '落实中' },
      { action: 'plan-measure:update', field: 'scale', old: '30只', new: '40只' },
    ]);
  });

  it('refuses a stale save, an empty 已制定 plan, an unknown measure, a missing operator and a read-only database', async () => {
    await expect(savePlanC({ expectedUpdatedAt: '2000-01-01T00:00:00.000Z' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(savePlanC({ measures: [] })).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('至少要有一项') });
    await expect(savePlanC({ measures: [{ ...sheep, measureN: 23 }] })).rejects.toMatchObject({ code: 'validation' });
    await expect(savePlanC({ measures: [{ ...sheep, content: '  ' }] })).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('措施内容不能为空') });
    await expect(savePlanC({ measures: [{ ...sheep, funds: -1 }] })).rejects.toMatchObject({ code: 'validation' });
    const anonymous = openSession(tmp.path('plans.db'));
    try {
      await expect(anonymous.call('monitoring:plan:save', {
        householdId: id('G'), year: 2024, status: '待制定', targetPerCapita: null, cadreName: null, cadrePhone: null, note: null, measures: [],
      })).rejects.toMatchObject({ code: 'operator-required' });
    } finally {
      await anonymous.close();
    }
    const readonly = openSession(tmp.path('plans.db'), { readonly: true, operator: '测试员' });
    try {
      await expect(readonly.call('monitoring:plan:delete', { householdId: id('C'), year: 2024 })).rejects.toMatchObject({ code: 'db-readonly' });
      await expect(readonly.call('monitoring:hint:dismiss', { householdId: id('C'), year: 2024, rule: 'labour-understated', memberId: fx.members.C2 as number, note: '核实过' }))
        .rejects.toMatchObject({ code: 'db-readonly' });
    } finally {
      await readonly.close();
    }
    expect(db().prepare('SELECT count(*) AS n FROM plans WHERE household_id = ?').get(id('G'))).toEqual({ n: 0 });
  });
});

describe('follow-up: the plan of 2024 judged by 2025 income', () => {
  const evaluation = async () => (await session.call('monitoring:household', { householdId: id('C'), year: 2024 })).evaluation;
  const ledgerRow = async () => (await session.call('monitoring:ledger', { year: 2024, search: '户主C' })).rows[0];

  it('is pending until the next year arrives, then follows every change of it', async () => {
    expect((await evaluation())?.outcome).toBe('pending');
    setIncome(db(), id('C'), 2025, 4, 34_400); // 8,600 ≥ target 8,500
    expect(await evaluation()).toMatchObject({ outcome: 'reached', reached: true, belowLine: false, fellAgain: false, evaluatedYear: 2025 });
    expect((await ledgerRow())?.evaluation?.outcome).toBe('reached');
    setIncome(db(), id('C'), 2025, 4, 28_000); // 7,000 < 7,999 of 2024 and below the line
    expect(await evaluation()).toMatchObject({ outcome: 'fell-again', reached: false, belowLine: true, fellAgain: true });
    setIncome(db(), id('C'), 2025, 4, 31_998); // 7,999.50: a little up, still below
    expect(await evaluation()).toMatchObject({ outcome: 'below-line', fellAgain: false, belowLine: true });
    setIncome(db(), id('C'), 2025, 4, 32_800); // 8,200: above the line, short of the 8,500 target
    expect((await evaluation())?.outcome).toBe('not-reached');
    expect((await ledgerRow())?.evaluation?.outcome).toBe('not-reached');
  });

  it('the county summary counts plans and those that reached their target', async () => {
    await session.call('monitoring:plan:save', {
      householdId: id('E'), year: 2024, status: '已制定', targetPerCapita: null, cadreName: null, cadrePhone: null, note: null,
      measures: [{ ...post, measureN: 17, measureType: '兜底保障', content: '核查低保、养老金' }],
    });
    setIncome(db(), id('E'), 2025, 1, 8_000); // no own target: judged against the line, exactly on it counts as reached
    setIncome(db(), id('C'), 2025, 4, 34_000); // 8,500: exactly the target
    const g = await session.call('monitoring:groups', { year: 2024, county: HUINING });
    expect(g.total).toMatchObject({ plans: 2, plansEvaluated: 2, plansReached: 2, plansFellAgain: 0, plansBelowLine: 0 });
    setIncome(db(), id('E'), 2025, 1, 4_000);
    const g2 = await session.call('monitoring:groups', { year: 2024 });
    expect(g2.rows.find((r) => r.code === HUINING)).toMatchObject({ plans: 2, plansReached: 1, plansFellAgain: 1, plansBelowLine: 1 });
    expect((await session.call('monitoring:ledger', { year: 2024, outcome: 'fell-again' })).rows.map((r) => r.householdId)).toEqual([id('E')]);
  });

  it('plans can be filtered by status and deleted (audited)', async () => {
    const noPlan = await session.call('monitoring:ledger', { year: 2024, planStatus: '无计划' });
    expect(noPlan.rows.map((r) => r.householdId)).not.toContain(id('C'));
    const v = await session.call('monitoring:plan:delete', { householdId: id('E'), year: 2024 });
    expect(v.plan).toBeNull();
    expect(auditActions(id('E')).at(-1)).toBe('plan:delete');
    expect(db().prepare('SELECT count(*) AS n FROM plan_measures pm JOIN plans p ON p.id = pm.plan_id WHERE p.household_id = ?').get(id('E'))).toEqual({ n: 0 });
    await expect(session.call('monitoring:plan:delete', { householdId: id('E'), year: 2024 })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('risk hints and quick measures', () => {
  it('flags the fixture households and offers matching quick measures', async () => {
    const c = await session.call('monitoring:household', { householdId: id('C'), year: 2024 });
    expect(c.hints.map((h) => [h.rule, h.memberName])).toEqual([['labour-understated', '李秀兰']]);
    expect(c.suggestions.map((s) => s.key)).toEqual([`employment:${fx.members.C1}`, `welfare-post:${fx.members.C2}`]);
    const e = await session.call('monitoring:household', { householdId: id('E'), year: 2024 });
    expect(e.hints.map((h) => h.rule).sort()).toEqual(['unable-but-working', 'welfare-post-aged']);
    expect(e.suggestions.map((s) => s.draft)).toEqual([expect.objectContaining({ measureN: 17, measureType: '兜底保障' })]);
    // G (脱贫户, 7,000 a head, not monitored) is under Gansu's seeded 2024 monitoring line of 7,800.
    const g = await session.call('monitoring:household', { householdId: id('G'), year: 2024 });
    expect(g.hints.map((h) => [h.rule, h.message])).toEqual([['below-floor-not-monitored', '脱贫户人均纯收入 7000.00 元，低于监测范围 7800 元，但未纳入监测。']]);
  });

  it('a hint dismissed with a note stays listed as dismissed, audited; restoring brings it back', async () => {
    const args = { householdId: id('E'), year: 2024, rule: 'welfare-post-aged', memberId: fx.members.E1 as number };
    await expect(session.call('monitoring:hint:dismiss', { ...args, note: ' ' })).rejects.toMatchObject({ code: 'validation' });
    const hints = await session.call('monitoring:hint:dismiss', { ...args, note: '县人社局同意延聘至年底' });
    expect(hints.find((h) => h.rule === 'welfare-post-aged')?.dismissed).toMatchObject({ note: '县人社局同意延聘至年底', operator: '测试员' });
    const row = (await session.call('monitoring:ledger', { year: 2024, search: '户主E' })).rows[0];
    expect(row?.hintCount).toBe(1);
    expect(auditActions(id('E')).at(-1)).toBe('risk-hint:dismiss');
    const restored = await session.call('monitoring:hint:restore', args);
    expect(restored.every((h) => h.dismissed === null)).toBe(true);
    expect(auditActions(id('E')).at(-1)).toBe('risk-hint:restore');
    await expect(session.call('monitoring:hint:dismiss', { ...args, rule: 'made-up', note: 'x' })).rejects.toMatchObject({ code: 'validation' });
    expect(verifyAuditChain(db()).ok).toBe(true);
  });
});

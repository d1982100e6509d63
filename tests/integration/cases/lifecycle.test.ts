/**
 * Monitoring cases on a real imported ledger (six 郭城驿镇 households, 2024 incomes): one case walks
 * every step with deadlines in working days over the 2025 National Day holiday, is late at the home
 * check, writes its decision back to the household, and is eliminated only once the checklist holds;
 * a poor household's elimination is refused on income; 不予纳入 needs a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeHouseholds, writeMemberWorkbook } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

let tmp: TempDir;
let s: Session;
const hh: number[] = [];
const snapshot = (): string => JSON.stringify([
  s.ctx.db.prepare('SELECT * FROM monitoring_cases ORDER BY id').all(), s.ctx.db.prepare('SELECT * FROM case_steps ORDER BY id').all(),
  s.ctx.db.prepare('SELECT * FROM households ORDER BY id').all(), s.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get(),
]);

beforeAll(async () => {
  tmp = tempDir('cases-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
  const households = makeHouseholds(6);
  const f = tmp.path('2024.xlsx');
  await writeMemberWorkbook(f, households);
  await importOne(s, 'commit', f, { year: 2024 });
  for (const h of households) hh.push((s.ctx.db.prepare('SELECT id FROM households WHERE code = ?').get(h.code) as { id: number }).id);
}, 60_000);
afterAll(async () => {
  await s.close();
  tmp.remove();
});

describe('a case from the clue to the end of the risk', () => {
  let id = 0;
  it('opens with the home-check deadline in working days and is overdue after it', async () => {
    const c = await s.call('cases:open', { householdId: hh[0]!, source: '一键报贫', date: '2025-09-26', riskTypes: ['因病'] });
    id = c.id;
    expect(c).toMatchObject({ state: '线索', next: '待入户核实', moves: ['入户核实', '不予纳入'], category: null });
    const before = await s.call('cases:list', { asOf: '2025-10-09' });
    expect(before.rows.find((r) => r.id === id)?.timing).toMatchObject({ deadline: { label: '入户核实', date: '2025-10-10' }, daysLeft: 1, overdue: false });
    expect(before.overdue).toBe(0);
    const after = await s.call('cases:list', { asOf: '2025-10-13', overdue: true });
    expect(after.rows.map((r) => [r.id, r.timing.daysLeft])).toEqual([[id, -2]]);
    expect(after.calendarWarning).toBeNull();
    await expect(s.call('cases:open', { householdId: hh[0]!, source: '排查', date: '2025-09-27' })).rejects.toThrow(/已有进行中的监测记录/);
  });

  it('refuses a skipped step, a date before the last one and a short village notice', async () => {
    const was = snapshot();
    await expect(s.call('cases:advance', { id, to: '县级审定', date: '2025-10-13' })).rejects.toThrow(/当前为“线索”，不能转为“县级审定”/);
    await expect(s.call('cases:advance', { id, to: '入户核实', date: '2025-09-25' })).rejects.toThrow(/早于上一步/);
    await expect(s.call('cases:advance', { id, to: '入户核实', date: '2099-01-01' })).rejects.toThrow(/晚于今天/);
    expect(snapshot()).toBe(was);
    const home = await s.call('cases:advance', { id, to: '入户核实', date: '2025-10-13', note: '已入户，签订授权承诺书' });
    expect(home.timing.late).toEqual(['入户核实超期 2 个工作日（时限 2025-10-10，完成 2025-10-13）']);
    expect(home.timing.deadline).toEqual({ label: '县级审定', date: '2025-10-23' });
    await s.call('cases:advance', { id, to: '村级评议公示', date: '2025-10-14' });
    await expect(s.call('cases:advance', { id, to: '乡镇审核', date: '2025-10-16' })).rejects.toThrow(/最早 2025-10-19/);
    await s.call('cases:advance', { id, to: '乡镇审核', date: '2025-10-20' });
  });

  it('needs a category to include, and writes the decision to the household (audited)', async () => {
    await expect(s.call('cases:advance', { id, to: '县级审定', date: '2025-10-21' })).rejects.toThrow(/监测对象类别/);
    const d = await s.call('cases:advance', { id, to: '县级审定', date: '2025-10-21', category: '边缘易致贫户' });
    expect(d.timing).toMatchObject({ deadline: null, daysLeft: null, overdue: false, daysTaken: 13 });
    expect(d.ledgerChanges).toEqual(['监测对象类别：（空） → 边缘易致贫户', '识别监测时间：（空） → 202510', '风险是否已消除：（空） → 否', '风险类型：（空） → 因病']);
    const h = s.ctx.db.prepare('SELECT monitoring_category, identified_ym, risk_eliminated, risk_types FROM households WHERE id = ?').get(hh[0]!);
    expect(h).toEqual({ monitoring_category: '边缘易致贫户', identified_ym: '202510', risk_eliminated: 0, risk_types: '["因病"]' });
    const audited = s.ctx.db.prepare(`SELECT field FROM audit_log WHERE action = 'ledger:update' AND household_id = ? ORDER BY id`).pluck().all(hh[0]!);
    expect(audited).toEqual(['monitoring_category', 'identified_ym', 'risk_eliminated', 'risk_types']);
  });

  it('refuses elimination while a checklist item fails, then eliminates', async () => {
    await s.call('cases:advance', { id, to: '帮扶', date: '2025-10-22' });
    const was = snapshot();
    await expect(s.call('cases:advance', { id, to: '风险消除', date: '2025-12-01', method: '帮扶消除', confirm: { threeGuarantees: true, drinkingWater: true } }))
      .rejects.toThrow(/风险消除条件未满足.*识别时的风险已稳定消除/);
    await expect(s.call('cases:advance', { id, to: '风险消除', date: '2025-12-01', confirm: { threeGuarantees: true, drinkingWater: true, noRisk: true } }))
      .rejects.toThrow(/消除方式/);
    expect(snapshot()).toBe(was);
    const e = await s.call('cases:advance', { id, to: '风险消除', date: '2025-12-01', method: '帮扶消除', confirm: { threeGuarantees: true, drinkingWater: true, noRisk: true } });
    expect(e).toMatchObject({ state: '风险消除', moves: [] });
    const stored = e.steps.at(-1)!.checklist!;
    expect(stored.map((c) => c.ok)).toEqual([true, true, true, true]);
    expect(stored[0]!.detail).toBe('2024 年家庭人均纯收入 13,900.25 元，甘肃省 2024 年监测范围 7,800 元（高于）');
    expect(e.ledgerChanges).toEqual(['风险是否已消除：否 → 是', '风险消除方式：（空） → 帮扶消除', '消除监测时间：（空） → 202512']);
    expect(e.steps.map((x) => [x.state, x.date, x.operator])).toEqual([
      ['线索', '2025-09-26', '测试员'], ['入户核实', '2025-10-13', '测试员'], ['村级评议公示', '2025-10-14', '测试员'], ['乡镇审核', '2025-10-20', '测试员'],
      ['县级审定', '2025-10-21', '测试员'], ['帮扶', '2025-10-22', '测试员'], ['风险消除', '2025-12-01', '测试员'],
    ]);
    const actions = s.ctx.db.prepare(`SELECT action, old_value, new_value FROM audit_log WHERE table_name = 'monitoring_cases' AND row_key = ? ORDER BY id`).all(String(id));
    expect(actions.map((a) => (a as { action: string }).action)).toEqual(['case:open', ...Array(6).fill('case:advance')]);
  });
});

describe('refusals on other households', () => {
  it('refuses to eliminate a household below the monitoring line, confirmations or not', async () => {
    const c = await s.call('cases:open', { householdId: hh[5]!, source: '台账预警', date: '2025-03-03', category: '脱贫不稳定户' });
    for (const [to, date] of [['入户核实', '2025-03-05'], ['村级评议公示', '2025-03-06'], ['乡镇审核', '2025-03-11'], ['县级审定', '2025-03-12'], ['帮扶', '2025-03-13']] as const) {
      await s.call('cases:advance', { id: c.id, to, date });
    }
    const full = { threeGuarantees: true, drinkingWater: true, noRisk: true };
    const was = snapshot();
    await expect(s.call('cases:advance', { id: c.id, to: '风险消除', date: '2025-11-03', method: '帮扶消除', confirm: full }))
      .rejects.toThrow(/2024 年家庭人均纯收入 2,409\.13 元，甘肃省 2024 年监测范围 7,800 元（未高于）/);
    expect(snapshot()).toBe(was);
    const detail = await s.call('cases:get', { id: c.id });
    expect(detail.checklist.map((x) => [x.item, x.ok])).toEqual([['income', false], ['threeGuarantees', false], ['drinkingWater', false], ['noRisk', false]]);
    const k = await s.call('cases:advance', { id: c.id, to: '继续监测', date: '2025-11-03', note: '收入仍低于监测范围' });
    expect(k.moves).toEqual(['帮扶', '风险消除']);
  });

  it('needs a reason for 不予纳入 and closes the case', async () => {
    const c = await s.call('cases:open', { householdId: hh[1]!, source: '排查', date: '2025-06-03' });
    await expect(s.call('cases:advance', { id: c.id, to: '不予纳入', date: '2025-06-05' })).rejects.toThrow(/必须填写原因/);
    const r = await s.call('cases:advance', { id: c.id, to: '不予纳入', date: '2025-06-05', note: '入户核实收入稳定，无返贫风险' });
    expect(r).toMatchObject({ state: '不予纳入', moves: [], ledgerChanges: [] });
    expect(r.timing.daysTaken).toBe(2);
    const list = await s.call('cases:list', { state: '不予纳入' });
    expect(list.rows.map((x) => x.id)).toEqual([c.id]);
    expect(list.counts).toEqual({ 风险消除: 1, 继续监测: 1, 不予纳入: 1 });
  });
});

describe('time limits and calendar are data', () => {
  it('recomputes deadlines after an audited edit of a limit or a day', async () => {
    const c = await s.call('cases:open', { householdId: hh[2]!, source: '部门比对', date: '2025-09-26' });
    const at = async (): Promise<string | undefined> => (await s.call('cases:list', { asOf: '2025-09-29' })).rows.find((r) => r.id === c.id)?.timing.deadline?.date;
    expect(await at()).toBe('2025-10-10');
    const rules = await s.call('cases:setRule', { key: 'homeCheckDays', days: 3 });
    expect(rules.find((r) => r.key === 'homeCheckDays')).toMatchObject({ days: 3, defaultDays: 5 });
    expect(await at()).toBe('2025-09-30');
    await s.call('cases:setDay', { date: '2025-09-28', kind: '普通' }); // no longer a make-up Sunday
    expect(await at()).toBe('2025-10-09');
    await expect(s.call('cases:setDay', { date: '2025-02-30', kind: '休' })).rejects.toThrow(/不存在/);
    const audit = s.ctx.db.prepare(`SELECT action, row_key, old_value, new_value FROM audit_log WHERE action IN ('case:rule', 'case:calendar') ORDER BY id`).all();
    expect(audit).toEqual([
      { action: 'case:rule', row_key: 'homeCheckDays', old_value: '5', new_value: '3' },
      { action: 'case:calendar', row_key: '2025-09-28', old_value: '班（国庆节调休上班）', new_value: null },
    ]);
    const cal = await s.call('cases:calendar', { year: 2027 });
    expect(cal).toEqual({ year: 2027, covered: false, days: [] });
    expect((await s.call('cases:list', { asOf: '2027-01-04' })).calendarWarning).toMatch(/2027 年的节假日安排未录入/);
  });
});

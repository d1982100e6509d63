/**
 * 监测帮扶 end to end: open the work ledger, check its counts against `stats`, create a plan for one
 * household below the line with two measures, enter next year's income through the ledger API,
 * and see the plan judged in the card, the ledger row and the summary.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../shared/api/monitoring.ts';
import { formatInt } from '../../shared/domain/format.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let target: LedgerRow;
const YEAR = 2024;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  const below = await e2e.session.call('monitoring:ledger', { year: YEAR, group: 'below', planStatus: '无计划', limit: 1 });
  target = below.rows[0] as LedgerRow;
  await e2e.open('/monitoring');
  await e2e.page.getByTestId('groups-total-below8000').waitFor();
});

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
});

const text = async (testId: string): Promise<string> => (await e2e.page.getByTestId(testId).first().innerText()).trim();

/** Fills an Element Plus input: the test id lands on the <input> itself (el-input) or on a wrapper (el-input-number). */
async function fill(testId: string, value: string): Promise<void> {
  const el = e2e.page.getByTestId(testId);
  const tag = await el.evaluate((n) => n.tagName);
  await (tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()).fill(value);
}

/** Picks an option of an Element Plus select (the list is teleported to the body). */
async function choose(testId: string, option: string): Promise<void> {
  await e2e.page.getByTestId(testId).click();
  await e2e.page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

describe('监测帮扶', () => {
  it('shows the year’s counts by county, agreeing with stats', async () => {
    const stats = await e2e.session.call('stats:get', { year: YEAR, by: 'county' });
    await expect(text('groups-total-below8000')).resolves.toBe(formatInt(stats.total.below8000));
    await expect(text('groups-total-decreased')).resolves.toBe(formatInt(stats.total.decreased));
    await expect(text('groups-total-relocated')).resolves.toBe(formatInt(stats.total.relocated));
    await expect(text('groups-total-plans')).resolves.toBe('0');
    await e2e.page.getByTestId('ledger-table').locator('.el-table__row').first().waitFor();
    await e2e.screenshot('monitoring-ledger');
  });

  it('creates a plan with two measures for a household below the line', async () => {
    const page = e2e.page;
    await fill('filter-search', target.code);
    await page.getByTestId(`open-plan-${target.householdId}`).click();
    await expect(text('card-head-name')).resolves.toBe(target.headName);
    await expect(text('card-members')).resolves.toContain(target.headName);
    await choose('plan-status', '已制定');
    await fill('plan-target', '9000');
    await fill('plan-cadre', '马志强');
    await fill('plan-phone', '13909431234');

    await page.getByTestId('add-measure').click();
    await choose('measure-n', '1. 发展农业优势特色产业');
    await fill('measure-content', '小额信贷3万元养羊30只');
    await fill('measure-scale', '30只');
    await fill('measure-funds', '30000');
    await fill('measure-increase', '8000');
    await page.getByTestId('measure-ok').click();

    await page.getByTestId('add-measure').click();
    await choose('measure-n', '13. 发挥公益性岗位作用');
    await fill('measure-content', '为家庭成员安排乡村保洁公益性岗位');
    await fill('measure-increase', '6000');
    await page.getByTestId('measure-ok').click();

    await expect(page.getByTestId('measure-table').locator('.el-table__row').count()).resolves.toBe(2);
    await page.getByTestId('plan-save').click();
    await page.locator('.el-message--success', { hasText: '帮扶计划已保存' }).waitFor();
    await expect(text('card-outcome')).resolves.toBe('待评估');

    const saved = await e2e.session.call('monitoring:household', { householdId: target.householdId, year: YEAR });
    expect(saved.plan).toMatchObject({ status: '已制定', targetPerCapita: 9000, cadreName: '马志强', cadrePhone: '13909431234', expectedIncrease: 14000 });
    expect(saved.plan?.measures.map((m) => [m.measureN, m.measureType, m.content, m.funds])).toEqual([
      [1, '产业', '小额信贷3万元养羊30只', 30000],
      [13, '公益岗位', '为家庭成员安排乡村保洁公益性岗位', null],
    ]);
    await e2e.screenshot('monitoring-plan');
  });

  it('judges the plan when next year’s income arrives', async () => {
    const page = e2e.page;
    const size = target.size;
    await e2e.session.call('ledger:upsertIncome', {
      income: { householdId: target.householdId, year: YEAR + 1, size, wage: 9500 * size, businessGross: 0, businessExpense: 0, property: 0, transfer: 0 },
      reason: 'e2e：录入次年收入',
    });
    await page.getByTestId('card-outcome').filter({ hasText: '达到目标' }).waitFor();
    await expect(text('card-next-per-capita')).resolves.toBe('9,500.00');
    await expect(text('card-outcome-detail')).resolves.toContain(`${YEAR + 1} 年人均纯收入已达到目标 9,000.00 元`);
    await e2e.screenshot('monitoring-evaluation');
    await page.keyboard.press('Escape');
    await page.getByTestId('household-plan-card').waitFor({ state: 'detached' });
    await page.getByTestId(`ledger-outcome-${target.householdId}`).filter({ hasText: '达到目标' }).waitFor();
    await expect(text('groups-total-plans')).resolves.toBe('1');
    await expect(text('groups-total-reached')).resolves.toBe('1');
    await e2e.screenshot('monitoring-ledger-evaluated');
  });

  it('dismisses a risk hint with a note, kept and audited', async () => {
    const page = e2e.page;
    const rows = (await e2e.session.call('monitoring:ledger', { year: YEAR, limit: 1000 })).rows.filter((r) => r.hintCount > 0 && r.householdId !== target.householdId);
    const row = rows[0] as LedgerRow;
    const hint = (await e2e.session.call('monitoring:household', { householdId: row.householdId, year: YEAR })).hints[0];
    expect(hint).toBeDefined();
    await fill('filter-search', row.code);
    await page.getByTestId(`open-plan-${row.householdId}`).click();
    await page.getByTestId(`hint-${hint?.rule}`).first().getByRole('button', { name: '忽略' }).click();
    await page.locator('.hint-dismiss-box input').fill('已入户核实：情况属实');
    await page.locator('.hint-dismiss-box').getByRole('button', { name: '忽略', exact: true }).click();
    await page.getByTestId('risk-hints').getByText('已入户核实：情况属实', { exact: false }).waitFor();
    await e2e.screenshot('monitoring-hints');
    const after = await e2e.session.call('monitoring:household', { householdId: row.householdId, year: YEAR });
    expect(after.hints.find((h) => h.rule === hint?.rule && h.memberId === hint?.memberId)?.dismissed).toMatchObject({ note: '已入户核实：情况属实', operator: 'e2e测试' });
  });
});

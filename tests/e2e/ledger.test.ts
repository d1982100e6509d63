/**
 * 台账 end to end, keyboard first: Ctrl+F, type an ID, ↓ and Enter open the household; correct the
 * year's wage income and see the recomputed per-capita before saving, then in the page and in the
 * change history; Esc goes back to the list with the search and the highlighted row kept.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan } from '../../shared/domain/format.ts';
import { round2 } from '../../shared/domain/income.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let target: { hid: number; code: string; id_number: string; head_name: string };
const YEAR = 2024;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  target = e2e.session.ctx.db.prepare(
    `SELECT h.id AS hid, h.code, m.id_number, h.head_name FROM members m JOIN households h ON h.id = m.household_id
     WHERE m.relation <> '户主' ORDER BY m.id LIMIT 1 OFFSET 40`,
  ).get() as typeof target;
  await e2e.open('/ledger');
  await e2e.page.getByTestId('ledger-households-row-0').locator('.vt-cell').first().waitFor();
});

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
});

const text = async (testId: string): Promise<string> => (await e2e.page.getByTestId(testId).first().innerText()).trim();

/** Waits until the element's whole text is `expected` (the lists and previews update asynchronously). */
async function waitText(testId: string, expected: string): Promise<void> {
  const exact = new RegExp(`^\\s*${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await e2e.page.getByTestId(testId).first().filter({ hasText: exact }).waitFor();
}

/** Fills an Element Plus input: the test id lands on the <input> itself (el-input) or on a wrapper (el-input-number). */
async function fill(testId: string, value: string): Promise<void> {
  const el = e2e.page.getByTestId(testId);
  const tag = await el.evaluate((n) => n.tagName);
  await (tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()).fill(value);
}

describe('台账', () => {
  it('lists the households with the total, masked IDs and per-capita income', async () => {
    const n = (e2e.session.ctx.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
    await expect(text('ledger-household-total')).resolves.toBe(`共 ${n.toLocaleString('zh-CN')} 户`);
    const first = await text('ledger-households-row-0');
    expect(first).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    expect(await e2e.page.content()).not.toMatch(/\d{17}[\dX]/);
    await e2e.screenshot('ledger-list');
  });

  it('finds a household by a member’s ID and opens it with the keyboard', async () => {
    await e2e.page.keyboard.press('Control+f');
    const search = e2e.page.getByTestId('ledger-search');
    await expect(search.evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    await e2e.page.keyboard.type(` ${target.id_number.toLowerCase()}`);
    await waitText('ledger-household-total', '共 1 户');
    await e2e.page.keyboard.press('ArrowDown');
    await e2e.page.keyboard.press('Enter');
    await e2e.page.getByTestId('household-page').waitFor();
    await e2e.page.getByTestId('household-members').waitFor();
    expect(e2e.page.url()).toContain(`household=${target.hid}`);
    await expect(text('household-page')).resolves.toContain(target.code);
  });

  it('corrects the year’s wage income: preview, new per-capita, audit entry', async () => {
    const before = await e2e.session.call('ledger:household', { id: target.hid });
    const y = before.incomes.find((r) => r.year === YEAR)!;
    await e2e.page.getByTestId(`income-edit-${YEAR}`).click();
    await e2e.page.getByTestId('income-dialog').getByText(`更正 ${YEAR} 年收入`).waitFor();
    // A negative figure is refused at the field and blocks saving (it was clamped to 0 before).
    await fill('income-wage', '-500');
    await waitText('income-wage-error', '金额不能为负数（填写的是 -500），请核对；未保存');
    await e2e.page.getByTestId('income-save').click();
    await waitText('income-error', '有栏目填写不正确（见标红的栏），请改正后再保存；尚未保存');
    await waitText('income-preview-stale', '（不含标红的栏，改正后重新计算）');
    await e2e.screenshot('ledger-income-refused');
    // 万 is a multiplier: 1.2万 is 12,000 元, shown at the field and in the preview before saving.
    await fill('income-wage', '1.2万');
    await waitText('income-wage-note', '按 12,000.00 元');
    await waitText('income-preview-net', formatYuan(round2(y.net - y.wage + 12000)));
    const wage = round2(y.wage + 1234.56);
    await fill('income-wage', String(wage));
    await fill('income-reason', '乡镇复核更正');
    const net = round2(y.net + 1234.56);
    const pc = round2(net / y.size);
    await waitText('income-preview-pc', formatYuan(pc));
    await expect(text('income-preview-net')).resolves.toBe(formatYuan(net));
    await e2e.page.getByTestId('income-save').click();
    await waitText(`income-pc-${YEAR}`, formatYuan(pc));
    await expect(text('audit-new-wage_fen')).resolves.toBe(formatYuan(round2(wage)));
    await expect(text('household-audit')).resolves.toMatch(/2024 年收入 · 工资性收入[\s\S]*乡镇复核更正/);
    const after = await e2e.session.call('ledger:household', { id: target.hid });
    expect(after.incomes.find((r) => r.year === YEAR)?.perCapita).toBe(pc);
    expect(after.audit[0]).toMatchObject({ operator: 'e2e测试', table: 'income_records' });
    await e2e.page.getByTestId('household-income-chart').waitFor();
    await e2e.screenshot('ledger-household');
    await e2e.page.getByTestId('household-audit').scrollIntoViewIfNeeded();
    await e2e.screenshot('ledger-household-history');
  });

  it('goes back with Esc, keeping the search and the highlighted row', async () => {
    // Esc closes an open dialog first (the page ignores it while an overlay shows); under load the
    // income dialog's closing transition can still be running here, so wait for it to end.
    // A function, not a string: the page's CSP forbids eval, which a string predicate needs once it polls.
    await e2e.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): unknown } })
      .document.querySelector('.el-overlay:not([style*="display: none"])') === null);
    await e2e.page.keyboard.press('Escape');
    await e2e.page.getByTestId('ledger-households-row-0').locator('.vt-cell').first().waitFor();
    await expect(e2e.page.getByTestId('ledger-search').inputValue()).resolves.toBe(` ${target.id_number.toLowerCase()}`);
    await expect(text('ledger-household-total')).resolves.toBe('共 1 户');
    await expect(e2e.page.getByTestId('ledger-households-row-0').getAttribute('class')).resolves.toContain('selected');
  });

  it('shows the member list with age and sex from the ID', async () => {
    await fill('ledger-search', '');
    await e2e.page.getByTestId('ledger-tab').getByText('人').click();
    await e2e.page.getByTestId('ledger-members-row-0').locator('.vt-cell').first().waitFor();
    const n = (e2e.session.ctx.db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
    await waitText('ledger-member-total', `共 ${n.toLocaleString('zh-CN')} 人`);
    await e2e.screenshot('ledger-members');
  });
});

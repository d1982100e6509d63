/**
 * 年度采集 and 监测对象 end to end on the small demo: the board agrees with the service; an old clue
 * is flagged overdue on the start page and in the list; a case in 帮扶 is refused elimination until
 * the three confirmations are ticked, then eliminated with its ledger fields listed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatInt, formatPercent } from '../../shared/domain/format.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let overdueId = 0;
let helpedId = 0;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  const db = e2e.session.ctx.db;
  const [rich, other] = db.prepare(`SELECT h.id FROM households h JOIN income_records r ON r.household_id = h.id AND r.year = 2024
    WHERE r.net_fen > 1000000 * r.size ORDER BY h.id LIMIT 2`).pluck().all() as number[];
  overdueId = (await e2e.session.call('cases:open', { householdId: other!, source: '一键报贫', date: '2025-09-26' })).id;
  helpedId = (await e2e.session.call('cases:open', { householdId: rich!, source: '排查', date: '2024-11-04', category: '边缘易致贫户' })).id;
  for (const [to, date] of [['入户核实', '2024-11-06'], ['村级评议公示', '2024-11-07'], ['乡镇审核', '2024-11-12'], ['县级审定', '2024-11-13'], ['帮扶', '2024-11-14']] as const) {
    await e2e.session.call('cases:advance', { id: helpedId, to, date });
  }
}, 120_000);

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
});

const text = async (testId: string): Promise<string> => (await e2e.page.getByTestId(testId).first().innerText()).trim();

describe('年度采集', () => {
  it('shows the board of the latest year as the service computes it', async () => {
    await e2e.open('/campaign');
    await e2e.page.getByTestId('board-table').waitFor();
    const info = await e2e.session.call('app:info', {});
    const b = await e2e.session.call('campaign:board', { year: info.latestYear!, county: '620422' });
    await expect(text('campaign-total-with')).resolves.toBe(formatInt(b.total.withIncome));
    await expect(text('campaign-total-rate')).resolves.toBe(formatPercent(b.total.rate));
    await expect(text('campaign-missing-count')).resolves.toBe(String(b.reminders.length));
    const first = b.rows[0]!;
    await expect(text(`board-state-${first.code}`)).resolves.toBe(first.state);
    await expect(text(`board-rate-${first.code}`)).resolves.toBe(formatPercent(first.rate));
    await e2e.screenshot('campaign-board');
  });
});

describe('监测对象', () => {
  it('flags the overdue clue on the start page and in the list', async () => {
    await e2e.open('/');
    await expect(text('home-overdue')).resolves.toMatch(/有 1 户防止返贫监测对象超过识别时限/);
    await e2e.page.getByTestId('home-overdue').getByText('查看超期名单').click();
    await e2e.page.getByTestId('cases-table').waitFor();
    await expect(text(`case-deadline-${overdueId}`)).resolves.toMatch(/^入户核实时限 2025-10-10，已超期 \d+ 个工作日$/);
    expect(await e2e.page.getByTestId(`case-state-${helpedId}`).count()).toBe(0); // only overdue cases listed
    await e2e.screenshot('cases-overdue');
  });

  it('refuses elimination until every checklist item holds, then eliminates', async () => {
    await e2e.page.getByTestId('cases-overdue').click();
    await e2e.page.getByTestId(`case-state-${helpedId}`).click();
    await e2e.page.getByTestId('case-page').waitFor();
    await expect(text('case-checklist')).resolves.toMatch(/✘ 义务教育、基本医疗、住房安全/);
    await e2e.page.getByTestId('case-to').getByText('风险消除', { exact: true }).click();
    const date = e2e.page.getByTestId('case-advance').locator('.el-date-editor input').first();
    await date.fill('2025-01-15');
    await date.press('Enter');
    await e2e.page.getByTestId('case-method').getByText('帮扶消除').click();
    await e2e.page.getByTestId('case-submit').click();
    await expect(text('case-error')).resolves.toMatch(/风险消除条件未满足/);
    for (const k of ['threeGuarantees', 'drinkingWater', 'noRisk']) await e2e.page.getByTestId(`confirm-${k}`).click();
    await e2e.page.getByTestId('case-submit').click();
    await e2e.page.getByTestId('case-ledger-changes').waitFor();
    await expect(text('case-ledger-changes')).resolves.toMatch(/风险是否已消除：否 → 是；风险消除方式：（空） → 帮扶消除；消除监测时间：（空） → 202501/);
    await expect(text('case-steps')).resolves.toMatch(/✔ 家庭人均纯收入高于当年监测范围：2024 年家庭人均纯收入 .* 元，甘肃省 2024 年监测范围 7,800 元（高于）/);
    await e2e.screenshot('case-eliminated');
    const stored = await e2e.session.call('cases:get', { id: helpedId });
    expect(stored.state).toBe('风险消除');
  });
});

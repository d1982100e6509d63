/**
 * A 会宁 steward's day at 1366×768 (issue #19), as far as this slice goes: first start with the
 * operator and 本单位, the county home page with the city one click away, a household found by ID
 * and its income corrected with "1.2万" and an empty part announced, the province question answered
 * after entering the province average, matrix progress for two county departments with typed input
 * surviving the other row's save, leaving with unsaved input asking first, and the audit log read
 * as sentences. Each step is checked against what is stored and leaves a viewport screenshot.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan } from '../../shared/domain/format.ts';
import { round2 } from '../../shared/domain/income.ts';
import { HouseholdListArgs } from '../../shared/api/ledger.ts';
import { listHouseholds } from '../../electron/services/ledger.ts';
import { SCREENSHOT_DIR, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
const HUINING = '620422';
let step = 0;
const outDir = mkdtempSync(join(tmpdir(), 'steward-day-'));

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small', firstStart: true, viewport: { width: 1366, height: 768 } });
  await e2e.open('/');
});
afterEach(() => {
  expect(e2e.errors).toEqual([]);
});
afterAll(async () => {
  await e2e?.close();
  rmSync(outDir, { recursive: true, force: true });
});

const by = (id: string) => e2e.page.getByTestId(id);
const text = async (id: string): Promise<string> => (await by(id).first().innerText()).trim();
/** What the steward sees on the screen (the viewport, not the full page: cut content shows). */
async function shot(name: string): Promise<void> {
  step += 1;
  await e2e.page.screenshot({ path: join(SCREENSHOT_DIR, `steward-day-${String(step).padStart(2, '0')}-${name}.png`) });
}
async function fill(id: string, value: string): Promise<void> {
  const el = by(id).first();
  const tag = await el.evaluate((n) => n.tagName);
  await (tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()).fill(value);
}

describe('a 会宁 steward’s day', () => {
  it('first start: operator and 本单位 (会宁县), then the county home page', async () => {
    await by('first-start').waitFor();
    await shot('first-start');
    await fill('first-operator', '李娟');
    await by('first-county').click();
    await e2e.page.locator('.el-select-dropdown__item:visible', { hasText: /^会宁县$/ }).click();
    await by('first-save').click();
    await by('first-start').waitFor({ state: 'hidden' });
    expect(await e2e.session.call('settings:get', {})).toMatchObject({ operator: '李娟', unit_name: '会宁县乡村振兴局', unit_county: HUINING });
    await by('header-unit').filter({ hasText: '会宁县乡村振兴局' }).waitFor();

    const stats = await e2e.session.call('stats:get', { by: 'township', county: HUINING });
    await by('home-title').filter({ hasText: `会宁县 ${stats.year} 年` }).waitFor();
    for (const r of stats.rows) {
      await expect(text(`row-${r.code}-households`)).resolves.toBe(r.households.toLocaleString('zh-CN'));
      await expect(text(`row-${r.code}-per-capita`)).resolves.toBe(formatYuan(r.perCapitaNet));
      await expect(text(`row-${r.code}-below8000`)).resolves.toBe(r.below8000.toLocaleString('zh-CN'));
    }
    // 待办 for the county: each count is what the linked page's service says.
    const noPlan = await e2e.session.call('monitoring:ledger', { year: stats.year, county: HUINING, group: 'any', planStatus: '无计划', limit: 1 });
    const overdue = await e2e.session.call('cases:list', { overdue: true, county: HUINING, limit: 1 });
    const open = (await e2e.session.call('checks:closure', {})).filter((r) => (r.townshipCode ?? '').startsWith(HUINING)).reduce((a, r) => a + r.open, 0);
    expect(noPlan.total).toBeGreaterThan(0);
    await by('todo-plans-count').filter({ hasText: `${noPlan.total.toLocaleString('zh-CN')} 户` }).waitFor();
    await by('todo-overdue-count').filter({ hasText: `${overdue.overdue.toLocaleString('zh-CN')} 户` }).waitFor();
    await by('todo-findings-count').filter({ hasText: `${open.toLocaleString('zh-CN')} 条` }).waitFor();
    await shot('home-county');
    // The city is one click away.
    await by('home-scope').getByText('全市').click();
    await by('home-title').filter({ hasText: `白银市 ${stats.year} 年` }).waitFor();
    await shot('home-city');
    await by('home-scope').getByText('会宁县').click();
    await by('home-title').filter({ hasText: '会宁县' }).waitFor();
  });

  it('finds a household by ID and corrects its income: 1.2万 is 12,000, an empty part is announced', async () => {
    const t = e2e.session.ctx.db.prepare(
      `SELECT h.id AS hid, h.code, m.id_number FROM members m JOIN households h ON h.id = m.household_id ORDER BY m.id LIMIT 1 OFFSET 25`,
    ).get() as { hid: number; code: string; id_number: string };
    await e2e.page.getByRole('menuitem', { name: '台账' }).click();
    await by('ledger-households-row-0').waitFor();
    await e2e.page.keyboard.press('Control+f');
    await e2e.page.keyboard.type(t.id_number);
    await by('ledger-household-total').filter({ hasText: '共 1 户' }).waitFor();
    await e2e.page.keyboard.press('ArrowDown');
    await e2e.page.keyboard.press('Enter');
    await by('household-page').waitFor();

    const before = (await e2e.session.call('ledger:household', { id: t.hid })).incomes[0]!;
    await by(`income-edit-${before.year}`).click();
    await fill('income-wage', '1.2万');
    await by('income-wage-note').filter({ hasText: '按 12,000.00 元' }).waitFor();
    await fill('income-property', '');
    await by('income-preview-blanks').filter({ hasText: '未填的栏按 0 元保存：财产性收入' }).waitFor();
    await fill('income-size', '4.5');
    await by('income-size-error').filter({ hasText: '家庭人口应为整数（填写的是 4.5）' }).waitFor();
    await shot('income-dialog');
    await fill('income-size', String(before.size));
    await fill('income-reason', '入户核实');
    await by('income-save').click();
    await by('income-dialog').waitFor({ state: 'hidden' });
    const after = (await e2e.session.call('ledger:household', { id: t.hid })).incomes.find((r) => r.year === before.year)!;
    expect(after).toMatchObject({ wage: 12000, property: 0, size: before.size });
    expect(after.net).toBe(round2(before.net - before.wage - before.property + 12000));
    await shot('household-corrected');
  });

  it('filters the list by clicking a township name or typing it, and exports that list', async () => {
    await e2e.page.getByRole('menuitem', { name: '台账' }).click();
    await by('ledger-households-row-0').waitFor();
    const town = e2e.session.ctx.db.prepare(`SELECT code, name FROM regions WHERE parent_code = ? AND code IN (SELECT township_code FROM households) LIMIT 1`).get(HUINING) as { code: string; name: string };
    const expected = listHouseholds(e2e.session.ctx.db, HouseholdListArgs.parse({ township: town.code, limit: 1 })).total ?? 0;
    await fill('ledger-search', ''); // the ID search of the step before
    const input = by('ledger-region').first().locator('input');
    // Click the names: hovering the county opens its townships, a click on the township's name picks it.
    await by('ledger-region').first().click();
    const menu = e2e.page.locator('.region-cascader:visible');
    await menu.locator('.el-cascader-node', { hasText: /^会宁县$/ }).hover();
    await menu.locator('.el-cascader-node', { hasText: new RegExp(`^${town.name}$`) }).click();
    await expect.poll(() => input.inputValue()).toBe(`会宁县 / ${town.name}`);
    await by('ledger-household-total').filter({ hasText: `共 ${expected.toLocaleString('zh-CN')} 户` }).waitFor();
    await shot('ledger-township-clicked');
    // Typing searches every level: back to the county by its name, then the township by two characters.
    await input.click();
    await input.fill('会宁');
    await e2e.page.locator('.el-cascader__suggestion-item:visible', { hasText: /^会宁县$/ }).first().click();
    await expect.poll(() => input.inputValue()).toBe('会宁县');
    await input.click();
    await input.fill(town.name.slice(0, 2));
    await e2e.page.locator('.el-cascader__suggestion-item:visible', { hasText: town.name }).first().click();
    await by('ledger-household-total').filter({ hasText: `共 ${expected.toLocaleString('zh-CN')} 户` }).waitFor();
    await expect.poll(() => input.inputValue()).toBe(`会宁县 / ${town.name}`);

    const out = join(outDir, '乡镇户名单.xlsx');
    e2e.platform.answers.saveFile.push(out);
    await by('ledger-export-households').click();
    await e2e.page.locator('.el-message--success', { hasText: `已导出 ${expected.toLocaleString('zh-CN')} 行到 ${out}` }).waitFor();
    await shot('ledger-exported');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(String(wb.worksheets[0]!.getCell('A3').value)).toContain(`范围：会宁县${town.name}`);
  });

  it('answers the province question: 2021 from the seeded average, the latest year once it is entered', async () => {
    // Out of the box: Gansu's published 2021 figure (10,079) is seeded, so 2021's gap is there at once.
    const s2021 = await e2e.session.call('stats:get', { by: 'township', county: HUINING, year: 2021 });
    expect(s2021.total.provinceAverage).toBe(10079);
    expect(s2021.total.gapToProvince).toBe(round2(10079 - s2021.total.perCapitaNet!));
    await e2e.open(`/analysis?scope=${HUINING}&year=2021`);
    await by('kpi-province').filter({ hasText: `10,079 / ${formatYuan(s2021.total.gapToProvince)}` }).waitFor();
    await shot('analysis-province-2021');

    const year = (await e2e.session.call('stats:get', { by: 'county' })).year;
    await e2e.open('/settings?tab=references');
    await by('reference-kind').getByText('全省平均').click();
    await expect(text(`ref-province-${year}-620000-perCapitaNet`)).resolves.toBe('未填写');
    await by(`edit-province-${year}-620000-perCapitaNet`).click();
    await fill('reference-value', '1.6万');
    await by('reference-value-note').filter({ hasText: '按 16,000.00 元' }).waitFor();
    await fill('reference-source', '甘肃省统计公报（e2e 测试）');
    // Esc with typed input asks first; staying keeps what was typed.
    await e2e.page.keyboard.press('Escape');
    const box = e2e.page.locator('.el-message-box', { hasText: '还没有保存' });
    await box.waitFor();
    await shot('reference-esc-asks');
    await box.getByRole('button', { name: '留在此页' }).click();
    await box.waitFor({ state: 'hidden' });
    // Enter in the amount field saves the dialog.
    await by('reference-value').first().locator('input').or(e2e.page.locator('input[data-testid="reference-value"]')).first().press('Enter');
    await expect.poll(() => text(`ref-province-${year}-620000-perCapitaNet`)).toBe('16,000.00 元');
    await by('reference-dialog').first().waitFor({ state: 'hidden' });
    await e2e.open('/');
    const s = await e2e.session.call('stats:get', { by: 'township', county: HUINING, year });
    expect(s.total.provinceAverage).toBe(16000);
    const gap = s.total.gapToProvince ?? 0;
    await by('total-gap-province').filter({ hasText: gap > 0 ? formatYuan(gap) : '已超过' }).waitFor();
    await shot('home-province-gap');
  });

  it('records matrix progress for two county departments; typed input survives the other save', async () => {
    await e2e.page.getByRole('menuitem', { name: '责任分工' }).click();
    await by('matrix-title').filter({ hasText: '会宁县' }).waitFor();
    await by('open-measure-14').click();
    await by('measure-title').waitFor();
    const detail = await e2e.session.call('matrix:measure', { n: 14, scope: HUINING });
    const [a, b] = detail.departments;
    if (!a || !b) throw new Error('measure 14 needs two county departments');
    await fill(`progress-note-${a.departmentId}`, '已开工以工代赈项目 3 个');
    await fill(`progress-note-${b.departmentId}`, '配合发放劳务报酬');
    await by(`progress-save-${a.departmentId}`).click();
    await e2e.page.locator('.el-message--success', { hasText: `已保存 ${a.name}` }).first().waitFor();
    await by(`progress-unsaved-${b.departmentId}`).waitFor();
    await expect(by(`progress-note-${b.departmentId}`).inputValue()).resolves.toBe('配合发放劳务报酬');
    await shot('matrix-unsaved-row');
    // Leaving with the unsaved row (Esc closes the measure page) asks; staying keeps it.
    await e2e.page.keyboard.press('Escape');
    const box = e2e.page.locator('.el-message-box', { hasText: `${b.name}的进展还没有保存` });
    await box.waitFor();
    await shot('leave-asks');
    await box.getByRole('button', { name: '留在此页' }).click();
    await expect(by(`progress-note-${b.departmentId}`).inputValue()).resolves.toBe('配合发放劳务报酬');
    // Closing the window asks too (beforeunload; in the app, main shows the question). Staying keeps the input.
    const asked = new Promise<string>((resolve) => {
      e2e.page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      });
    });
    await e2e.page.close({ runBeforeUnload: true });
    await expect(asked).resolves.toBe('beforeunload');
    expect(e2e.page.isClosed()).toBe(false);
    await expect(by(`progress-note-${b.departmentId}`).inputValue()).resolves.toBe('配合发放劳务报酬');
    await by(`progress-save-${b.departmentId}`).click();
    await e2e.page.locator('.el-message--success', { hasText: `已保存 ${b.name}` }).first().waitFor();
    const saved = (await e2e.session.call('matrix:measure', { n: 14, scope: HUINING })).progress;
    expect(saved.find((p) => p.departmentId === a.departmentId)?.note).toBe('已开工以工代赈项目 3 个');
    expect(saved.find((p) => p.departmentId === b.departmentId)?.note).toBe('配合发放劳务报酬');
    // Nothing unsaved now: Esc closes the measure page without asking.
    await e2e.page.keyboard.press('Escape');
    await by('measure-title').waitFor({ state: 'hidden' });
  });

  it('reads the day in the audit log as sentences, with no codes or JSON', async () => {
    await e2e.page.getByRole('menuitem', { name: '审计日志' }).click();
    await by('audit-table').locator('tbody tr').first().waitFor();
    const sentences = await e2e.page.locator('[data-testid^="audit-sentence-"]').allInnerTexts();
    // The test session records its own operator (e2e测试) on every entry, whatever 设置 holds.
    const all = sentences.join('\n');
    expect(sentences.some((s) => /^\S+ 修改了 \d+ 户（户主 .+）\d{4} 年收入的工资性收入：.+ → 12,000\.00 元（原因：入户核实）$/.test(s)), all).toBe(true);
    expect(sentences.some((s) => s.endsWith('修改了 设置的本单位：（空） → 会宁县乡村振兴局')), all).toBe(true);
    for (const s of sentences) expect(s).not.toMatch(/[A-Za-z_]{3,}|[{}]/);
    await shot('audit-sentences');
  });
});

/**
 * 增收分析 in the built renderer on a county-scale demo (all of 会宁): open at city scope, drill
 * into 会宁 and one township, switch years, and check that the table views show exactly the
 * figures of `stats:get` for the same scope and year. Screenshots of the page and of every chart.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResult } from '../../shared/api/stats.ts';
import { formatInt, formatPercent, formatYuan } from '../../shared/domain/format.ts';
import { SCREENSHOT_DIR, startE2e, type E2e } from './harness.ts';

const HUINING = '620422';
const CHARTS = ['trajectory', 'components', 'ranking', 'distribution', 'categories'] as const;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'county' });
  await e2e.open('/analysis');
  await waitScope('白银市');
});

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
});

const byTestId = (id: string) => e2e.page.getByTestId(id);
const text = async (id: string): Promise<string> => (await byTestId(id).innerText()).trim();

async function waitScope(name: string): Promise<void> {
  await e2e.page.locator('[data-testid="scope-name"]', { hasText: new RegExp(`^${name}$`) }).waitFor({ timeout: 60_000 });
  await byTestId('kpi-per-capita').waitFor();
  await e2e.page.locator('.analysis .el-loading-mask').waitFor({ state: 'hidden' });
}

async function showTable(chart: string): Promise<void> {
  await byTestId(`${chart}-mode`).getByText('看表').click();
  await byTestId(`${chart}-table`).waitFor();
}

async function showChart(chart: string): Promise<void> {
  await byTestId(`${chart}-mode`).getByText('看图').click();
}

async function chooseOption(selectTestId: string, label: string): Promise<void> {
  await byTestId(selectTestId).click();
  await e2e.page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

/** The ranking, components and categories tables against `stats` rows of the same scope. */
async function expectTablesMatch(stats: StatsResult): Promise<void> {
  expect(stats.rows.length).toBeGreaterThan(0);
  await expect(text('kpi-per-capita')).resolves.toBe(formatYuan(stats.total.perCapitaNet));
  await expect(text('kpi-growth')).resolves.toBe(formatPercent(stats.total.growth));
  for (const chart of ['ranking', 'components', 'categories']) await showTable(chart);
  for (const r of stats.rows) {
    await expect(text(`rank-${r.code}-perCapitaNet`)).resolves.toBe(formatYuan(r.perCapitaNet));
    await expect(text(`rank-${r.code}-gapToTarget`)).resolves.toBe(formatYuan(r.gapToTarget));
    await expect(text(`rank-${r.code}-growth`)).resolves.toBe(formatPercent(r.growth));
    await expect(text(`comp-${r.code}-wage`)).resolves.toBe(formatYuan(r.wage));
    await expect(text(`comp-${r.code}-business`)).resolves.toBe(formatYuan(r.business));
    await expect(text(`cat-${r.code}-belowLine`)).resolves.toBe(formatInt(r.below8000));
    await expect(text(`cat-${r.code}-decreased`)).resolves.toBe(formatInt(r.decreased));
    await expect(text(`cat-${r.code}-relocated`)).resolves.toBe(formatInt(r.relocated));
  }
  await expect(text('cat-total-belowLine')).resolves.toBe(formatInt(stats.total.below8000));
  for (const chart of ['ranking', 'components', 'categories']) await showChart(chart);
}

/** The layout scrolls inside el-main, so the window is made as tall as the view for the full-page shot. */
async function shootCharts(prefix: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const tall = Number(await e2e.page.evaluate("document.querySelector('.el-main')?.scrollHeight ?? 900"));
  await e2e.page.setViewportSize({ width: 1440, height: tall + 130 });
  await e2e.screenshot(`${prefix}`);
  await e2e.page.setViewportSize({ width: 1440, height: 900 });
  for (const chart of CHARTS) {
    const card = byTestId(chart);
    if ((await card.count()) === 0) continue;
    await card.screenshot({ path: join(SCREENSHOT_DIR, `${prefix}-${chart}.png`) });
  }
}

describe('增收分析', () => {
  it('opens at city scope with the figures of stats by county', async () => {
    const stats = await e2e.session.call('stats:get', { by: 'county' });
    await expectTablesMatch(stats);
    await expect(text('below-line')).resolves.toBe(formatInt(stats.total.below8000));
    // The province's monitoring line is seeded (with its source), so the count under it is shown.
    const { distribution } = await e2e.session.call('analysis:view', {});
    expect(distribution.monitoringFloor).not.toBeNull();
    await expect(text('below-floor')).resolves.toBe(formatInt(distribution.belowFloor ?? -1));
    const canvases = await e2e.page.locator('.chart-area canvas').count();
    expect(canvases).toBeGreaterThanOrEqual(CHARTS.length);
    await shootCharts('analysis-city');
  });

  it('shows the trajectory table with each year’s stats total and the increase still needed', async () => {
    await showTable('trajectory');
    for (const year of [2021, 2022, 2023, 2024]) {
      const s = await e2e.session.call('stats:get', { by: 'county', year });
      await expect(text(`traj-${year}-actual`)).resolves.toBe(formatYuan(s.total.perCapitaNet));
      await expect(text(`traj-${year}-gap`)).resolves.toBe(formatYuan(s.total.gapToTarget));
    }
    await expect(text('traj-2025-target')).resolves.toBe('18,000.00');
    await expect(text('required-increase')).resolves.toMatch(/2024 年.*2025 年目标 18,000\.00 元/);
    await showChart('trajectory');
  });

  it('saves a chart as PNG through the save dialog', async () => {
    const path = join(e2e.dbPath, '..', 'trajectory.png');
    e2e.platform.answers.saveFile.push(path);
    await byTestId('trajectory-save').click();
    await e2e.page.getByText(`已保存：${path}`).waitFor();
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(e2e.platform.asked.at(-1)).toMatchObject({ kind: 'saveFile', title: '保存图表为图片' });
  });

  it('drills into 会宁 from the ranking and shows its townships', async () => {
    await showTable('ranking');
    await byTestId('ranking-table').getByText('会宁县').click();
    await waitScope('会宁县');
    await expectTablesMatch(await e2e.session.call('stats:get', { by: 'township', county: HUINING }));
    await shootCharts('analysis-huining');
  });

  it('drills into a township, switches years, and climbs back by the breadcrumb', async () => {
    const townships = await e2e.session.call('stats:get', { by: 'township', county: HUINING });
    const t = townships.rows[0];
    if (!t) throw new Error('no township');
    await chooseOption('drill-select', t.name);
    await waitScope(t.name);
    await expectTablesMatch(await e2e.session.call('stats:get', { by: 'village', township: t.code }));
    await chooseOption('year-select', '2023 年');
    await expect.poll(() => text('analysis-kpis'), { timeout: 60_000 }).toContain('2023 年人均纯收入');
    await waitScope(t.name);
    await expectTablesMatch(await e2e.session.call('stats:get', { by: 'village', township: t.code, year: 2023 }));
    await shootCharts('analysis-township-2023');
    await byTestId('crumb-620400').click();
    await waitScope('白银市');
    await expect(text('kpi-per-capita')).resolves.toBe(formatYuan((await e2e.session.call('stats:get', { by: 'county', year: 2023 })).total.perCapitaNet));
  });

  it('edits a province average in 设置 → 参考值 and the analysis shows it', async () => {
    await e2e.open('/settings?tab=references');
    await byTestId('reference-kind').getByText('全省平均').click();
    const cell = 'ref-province-2024-620000-perCapitaNet';
    await expect(text(cell)).resolves.toBe('未填写');
    await byTestId('reference-settings').screenshot({ path: join(SCREENSHOT_DIR, 'settings-references.png') });
    await byTestId('edit-province-2024-620000-perCapitaNet').click();
    // Element Plus puts a field's attributes on the native input itself or on its wrapper, by version.
    await e2e.page.locator('input[data-testid="reference-value"], [data-testid="reference-value"] input').fill('16000');
    await e2e.page.locator('textarea[data-testid="reference-source"], [data-testid="reference-source"] textarea').fill('甘肃省2024年统计公报（e2e 测试）');
    await byTestId('reference-save').click();
    await expect.poll(() => text(cell)).toBe('16,000.00 元');
    const audit = e2e.session.ctx.db.prepare("SELECT operator, new_value FROM audit_log WHERE action = 'reference'").all();
    expect(audit).toEqual([{ operator: 'e2e测试', new_value: '16000' }]);
    await e2e.open('/analysis?scope=620400&year=2024');
    await waitScope('白银市');
    const total = (await e2e.session.call('stats:get', { by: 'county', year: 2024 })).total;
    expect(total.provinceAverage).toBe(16000);
    await expect(text('kpi-province')).resolves.toBe(`16,000 / ${formatYuan(total.gapToProvince)}`);
  });
});

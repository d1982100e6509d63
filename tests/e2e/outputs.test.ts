/**
 * Report-ready output end to end (issue #21), on the small demo: a ranking bar and a 两类群体 count
 * in 增收分析 open 台账 filtered to exactly the households behind them; 导出当前列表 writes those
 * rows in the screen's order; 复制表格 puts tab-separated text on the clipboard; 保存图片 writes the
 * chart under its title, region, year, unit and source with the demo mark (kept as an artifact).
 */
import ExcelJS from 'exceljs';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HouseholdListArgs } from '../../shared/api/ledger.ts';
import { listHouseholds } from '../../electron/services/ledger.ts';
import { SCREENSHOT_DIR, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let dir: string;
const byTestId = (id: string) => e2e.page.getByTestId(id);

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  dir = mkdtempSync(join(tmpdir(), 'outputs-e2e-'));
});
afterEach(() => {
  expect(e2e.errors).toEqual([]);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await e2e?.close();
});

async function analysisAt(scope: string): Promise<void> {
  await e2e.open(`/analysis?scope=${scope}`);
  await byTestId('kpi-per-capita').waitFor({ timeout: 60_000 });
  await e2e.page.locator('.analysis .el-loading-mask').waitFor({ state: 'hidden' });
}

async function ledgerTotal(): Promise<number> {
  const t = byTestId('ledger-household-total');
  await t.waitFor();
  await e2e.page.waitForTimeout(300);
  return Number((await t.innerText()).replace(/[^\d]/g, ''));
}

describe('report-ready output', () => {
  it('drills from a ranking bar to the ledger filtered to that county and year', async () => {
    await analysisAt('620400');
    const canvas = byTestId('ranking').locator('canvas').first();
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('ranking chart not drawn');
    // One county in the small demo: its bar starts at the grid's left edge (110 px) and is centred vertically.
    await e2e.page.mouse.click(box.x + 130, box.y + box.height / 2 - 7);
    await e2e.page.waitForURL(/#\/ledger/);
    const stats = await e2e.session.call('stats:get', { year: 2024, by: 'county' });
    await expect(ledgerTotal()).resolves.toBe(stats.rows[0]!.households);
    await expect(e2e.page.locator('.el-cascader input').first().inputValue()).resolves.toContain('会宁县');
  });

  it('drills from a 两类群体 count to exactly those households, and exports that list in the screen’s order', async () => {
    await analysisAt('620422');
    await byTestId('categories-mode').getByText('看表').click();
    const cell = byTestId('cat-620422101-belowLine');
    const count = Number((await cell.innerText()).replace(/[^\d]/g, ''));
    expect(count).toBeGreaterThan(0);
    await cell.click();
    await e2e.page.waitForURL(/#\/ledger/);
    await expect(ledgerTotal()).resolves.toBe(count);
    await e2e.screenshot('ledger-drilled');
    const out = join(dir, '低于收入线.xlsx');
    e2e.platform.answers.saveFile.push(out);
    await byTestId('ledger-export-households').click();
    await e2e.page.getByText(`已导出 ${count} 行到 ${out}`).waitFor({ timeout: 60_000 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(ws.getCell('A3').value)).toBe('筛选条件：范围：会宁县郭城驿镇；收入年度：2024；人均纯收入低于8,000元；排序：户编号（从小到大）');
    const codes: unknown[] = [];
    for (let r = 6; r < 6 + count; r++) codes.push(ws.getRow(r).getCell(6).value);
    const screen = listHouseholds(e2e.session.ctx.db, HouseholdListArgs.parse({ township: '620422101', year: 2024, below: true, limit: 500 }));
    expect(codes).toEqual(screen.rows.map((r) => r.code));
  });

  it('copies an analysis table as tab-separated text that pastes into WPS/Excel', async () => {
    await analysisAt('620422');
    await e2e.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.origin });
    await byTestId('ranking-copy').click();
    await e2e.page.getByText(/已复制 \d+ 行/).waitFor();
    const text = (await e2e.page.evaluate('navigator.clipboard.readText()')) as string;
    const lines = text.split('\n');
    expect(lines[0]).toBe('乡镇排名（演示数据）');
    expect(lines[2]!.split('\t')).toEqual(['名次', '乡镇', '人口', '人口占比', '人均纯收入', '距目标', '距全省平均', '增幅', '对平均数拉动']);
    const s = await e2e.session.call('stats:get', { year: 2024, by: 'township', county: '620422' });
    expect(lines[3]!.split('\t').slice(0, 3)).toEqual(['1', s.rows[0]!.name, s.rows[0]!.persons.toLocaleString('en-US')]);
  });

  it('saves a chart with its title, region, year, unit, source line and the demo mark', async () => {
    await byTestId('trajectory-mode').getByText('看图').click();
    await byTestId('components-mode').getByText('看图').click();
    const path = join(dir, 'components.png');
    e2e.platform.answers.saveFile.push(path);
    await byTestId('components-save').click();
    await e2e.page.getByText(`已保存：${path}`).waitFor();
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // The caption adds a band above and below the chart (its height is 340 px at pixel ratio 2).
    expect(png.readUInt32BE(20)).toBeGreaterThan(340 * 2 + 100);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    copyFileSync(path, join(SCREENSHOT_DIR, 'saved-chart-components.png'));
  });
});

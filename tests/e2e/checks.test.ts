/**
 * 数据核查 in the built renderer on the small demo: run the checks, add a department list through the
 * open dialog, find its members by rule, exempt one with a reason, send the township its workbook and
 * read it back answered, follow the closure rate, open the household behind a finding. Full ID
 * numbers never appear on the page. Screenshots of each tab.
 */
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let dead: Array<{ name: string; id_number: string; township_code: string; township: string }>;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  // Two members of one township, not heads (so no other rule is touched), into a 死亡 list.
  dead = e2e.session.ctx.db.prepare(`SELECT m.name, m.id_number, h.township_code, g.name AS township FROM members m JOIN households h ON h.id = m.household_id
    JOIN regions g ON g.code = h.township_code WHERE m.relation <> '户主' ORDER BY m.id LIMIT 2`).all() as typeof dead;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('死亡人员');
  ws.addRow(['县民政局 2025 年死亡人员名单']);
  ws.addRow(['序号', '死者姓名', '公民身份证号码', '死亡日期']);
  dead.forEach((m, i) => ws.addRow([i + 1, m.name, m.id_number, '2025-03-01']));
  await wb.xlsx.writeFile(join(e2e.dbPath, '..', '死亡名单.xlsx'));
  await e2e.open('/checks');
  await e2e.page.getByTestId('findings-table').waitFor();
}, 120_000);

afterEach(() => {
  expect(e2e.errors.join('\n')).toBe('');
});

afterAll(async () => {
  await e2e?.close();
});

const page = () => e2e.page;
const rows = () => page().getByTestId('findings-table').locator('tbody tr.el-table__row');
async function pick(testid: string, option: string): Promise<void> {
  await page().getByTestId(testid).click();
  await page().getByRole('option', { name: option }).first().click();
}

describe('数据核查 view', () => {
  it('runs the checks and lists the open findings', async () => {
    await page().getByTestId('checks-run').click();
    await expect(page().getByTestId('checks-run-result').innerText()).resolves.toMatch(/第 1 次核查（2024 年）：发现 \d+ 个问题/);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('adds a department list through the dialog and shows how it matched', async () => {
    await page().getByRole('tab', { name: '部门名单' }).click();
    await page().getByTestId('source-dept').fill('县民政局');
    await page().getByPlaceholder('名单截止日期').fill('2025-06-30');
    await page().getByPlaceholder('名单截止日期').press('Enter');
    e2e.platform.answers.openFiles.push([join(e2e.dbPath, '..', '死亡名单.xlsx')]);
    await page().getByTestId('source-add').click();
    await expect(page().getByTestId('source-result').innerText()).resolves.toContain('已导入 县民政局·死亡（截至 2025-06-30）：2 行，在台账中 2 人，不在台账 0 人');
    await expect(page().getByTestId('sources-table').innerText()).resolves.toContain('死亡名单.xlsx');
    await e2e.screenshot('checks-sources');
  });

  it('finds the listed members under X01 and exempts one with a reason', async () => {
    await page().getByRole('tab', { name: '核查问题' }).click();
    await page().getByTestId('checks-run').click();
    await expect(page().getByTestId('checks-run-result').innerText()).resolves.toContain('新增 2');
    await pick('filter-rule', 'X01 已死亡人员仍在台账');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
    const text = await rows().first().innerText();
    expect(text).toContain(dead[0]!.name);
    expect(text).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    const id = (await rows().first().locator('td').first().innerText()).trim();
    await page().getByTestId(`exempt-${id}`).click();
    const box = page().getByRole('dialog', { name: '豁免须写明理由' });
    await box.getByPlaceholder('如：已核实为同名不同人').fill('已核实为同名不同人');
    await box.getByRole('button', { name: '豁免', exact: true }).click();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    await pick('filter-state', '豁免');
    await expect.poll(() => rows().first().innerText(), { timeout: 10_000 }).toContain('已核实为同名不同人');
    await e2e.screenshot('checks-findings');
  });

  it('sends the township its workbook and reads the answer back', async () => {
    await pick('filter-state', '待整改');
    await pick('filter-township', dead[1]!.township);
    const out = join(e2e.dbPath, '..', '乡镇清单.xlsx');
    e2e.platform.answers.saveFile.push(out);
    await page().getByTestId('checks-export').click();
    // The message comes once the workbook is written (the file exists a moment before it is complete).
    await page().getByText(/已导出 \d+ 个问题到 .*乡镇清单\.xlsx（证件号码已脱敏）/).first().waitFor();
    expect(existsSync(out)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    let answered = 0;
    for (let r = 3; r <= ws.rowCount; r++) {
      if (ws.getRow(r).getCell(2).value === 'X01' && ws.getRow(r).getCell(8).value === '待整改') { ws.getRow(r).getCell(9).value = '已整改'; answered++; }
    }
    expect(answered).toBe(1);
    expect(JSON.stringify(ws.getSheetValues())).not.toContain(dead[1]!.id_number);
    await wb.xlsx.writeFile(join(e2e.dbPath, '..', '乡镇答复.xlsx'));
    e2e.platform.answers.openFiles.push([join(e2e.dbPath, '..', '乡镇答复.xlsx')]);
    await page().getByTestId('checks-answer').click();
    await expect(page().getByText('已导入答复：更新 1 个问题的状态').first().innerText()).resolves.toContain('更新 1');
  });

  it('shows the closure rate per township and rule', async () => {
    await page().getByRole('tab', { name: '闭环进度' }).click();
    const x01 = await page().getByTestId('progress-rules').locator('tr', { hasText: 'X01' }).innerText();
    // 2 found: none open, 1 已整改 (the township's answer), 1 豁免, so 100 % closed.
    expect(x01.replace(/\s+/g, ' ').trim()).toBe('X01 已死亡人员仍在台账 2 0 1 1 0 0 100.0%');
    await expect(page().getByTestId('progress-townships').innerText()).resolves.toContain(dead[1]!.township);
    // The chart above the tables draws one bar per township with findings: its canvas is painted.
    const canvas = page().getByTestId('closure-chart').locator('canvas').first();
    await canvas.waitFor();
    const painted = await canvas.evaluate((el) => {
      const c = el as unknown as { width: number; height: number; getContext(t: string): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && (d[i]! < 200 || d[i + 1]! < 200)) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(500);
    await e2e.screenshot('checks-progress');
    expect(await page().content()).not.toContain(dead[0]!.id_number);
  });

  it('opens the household behind a finding', async () => {
    await page().getByRole('tab', { name: '核查问题' }).click();
    await pick('filter-state', '已整改');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    const link = rows().first().locator('a, .el-link').first();
    await link.click();
    await expect.poll(() => page().url(), { timeout: 10_000 }).toMatch(/#\/ledger\?household=\d+/);
  });
});

/**
 * 责任分工 in the browser against the real services: open the matrix, filter by 市人社局, open
 * measure 14, record a progress value and an indicator value, and find them in the database.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../shared/api/matrix.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let matrix: MatrixResult;

function deptId(name: string): number {
  const d = matrix.departments.find((x) => x.name === name);
  if (!d) throw new Error(`no department ${name}`);
  return d.id;
}

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  matrix = await e2e.session.call('matrix:get', { scope: 'city' });
  await e2e.open('/matrix');
  await e2e.page.getByTestId('matrix-row-22').waitFor();
});

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
});

async function text(testId: string): Promise<string> {
  return (await e2e.page.getByTestId(testId).innerText()).trim();
}

describe('responsibility matrix', () => {
  it('shows the 22 measures with the roles the plan gives', async () => {
    const page = e2e.page;
    await expect(text('matrix-count')).resolves.toBe('共 22 条');
    await expect(page.locator('[data-testid^="matrix-row-"]').count()).resolves.toBe(22);
    await expect(text(`cell-14-${deptId('市发展改革委')}`)).resolves.toBe('牵头');
    await expect(text(`cell-14-${deptId('市水务局')}`)).resolves.toBe('配合');
    await expect(text(`cell-14-${deptId('县区党委政府')}`)).resolves.toBe('主体');
    await expect(text(`dept-count-${deptId('市人社局')}`)).resolves.toBe('7·3');
    await e2e.screenshot('matrix');
  });

  it('filters by 市人社局 to the ten measures it leads or supports', async () => {
    const page = e2e.page;
    await page.getByTestId('filter-department').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^市人社局$/ }).click();
    await expect(text('matrix-count')).resolves.toBe('共 10 条');
    const shown = await page.locator('[data-testid^="matrix-row-"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-testid')?.slice(11))));
    expect(shown).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 17]);
    await e2e.screenshot('matrix-filter-hr');
    // Back to every measure for the next step.
    await page.getByTestId('filter-department').hover();
    await page.locator('[data-testid="filter-department"] .el-select__clear').click();
    await expect(text('matrix-count')).resolves.toBe('共 22 条');
  });

  it('opens measure 14 with its full text and records progress and an indicator value', async () => {
    const page = e2e.page;
    await page.getByTestId('open-measure-14').click();
    await page.getByTestId('measure-title').waitFor();
    await expect(text('measure-title')).resolves.toBe('14. 实施以工代赈项目');
    await expect(text('measure-body')).resolves.toContain('劳务报酬发放金额不低于中央投资的30%');
    await page.getByTestId('progress-year').getByText('2024 年').click();

    const lead = deptId('市发展改革委');
    await page.getByTestId(`progress-status-${lead}`).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^推进中$/ }).click();
    await page.getByTestId(`progress-note-${lead}`).fill('已下达以工代赈项目 12 个');
    // Text typed into another department's row must survive this row's save (it was erased before).
    const other = (await e2e.session.call('matrix:measure', { n: 14, scope: 'city' })).departments.find((d) => d.departmentId !== lead);
    if (!other) throw new Error('second department missing');
    await page.getByTestId(`progress-note-${other.departmentId}`).fill('配合落实务工报酬发放');
    await page.getByTestId(`progress-save-${lead}`).click();
    await page.getByText('已保存 市发展改革委 2024 年进展').waitFor();
    await page.getByTestId(`progress-unsaved-${other.departmentId}`).waitFor();
    await expect(page.getByTestId(`progress-note-${other.departmentId}`).inputValue()).resolves.toBe('配合落实务工报酬发放');
    await page.getByTestId(`progress-save-${other.departmentId}`).click();
    await page.getByText(`已保存 ${other.name} 2024 年进展`).waitFor();

    const detail = await e2e.session.call('matrix:measure', { n: 14, scope: 'city' });
    const share = detail.indicators[0];
    if (!share) throw new Error('indicator missing');
    await page.getByTestId(`indicator-actual-${share.id}`).fill('32.5');
    await page.getByTestId(`indicator-save-${share.id}`).click();
    await page.getByText(`已保存“${share.label}”2024 年数值`).waitFor();
    await expect(text(`indicator-met-${share.id}`)).resolves.toBe('达标');
    // The confirmations cover the measure's title; the screenshot waits until they have gone.
    await page.locator('.el-message').first().waitFor({ state: 'detached' });
    await e2e.screenshot('matrix-measure-14');

    const saved = (await e2e.session.call('matrix:measure', { n: 14, scope: 'city' })).progress;
    expect(saved.find((p) => p.departmentId === lead)).toMatchObject({ year: 2024, status: '推进中', note: '已下达以工代赈项目 12 个' });
    expect(saved.find((p) => p.indicatorId === share.id)).toMatchObject({ year: 2024, target: 30, actual: 32.5 });
    const audited = e2e.session.ctx.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'matrix' AND json_extract(detail, '$.change') = 'progress.set' AND operator = 'e2e测试'`).get() as { n: number };
    expect(saved.find((p) => p.departmentId === other.departmentId)).toMatchObject({ year: 2024, note: '配合落实务工报酬发放' });
    expect(audited.n).toBe(3);
  });

  it('shows a department\'s duties and the progress heatmap', async () => {
    const page = e2e.page;
    await page.keyboard.press('Escape');
    await page.getByTestId(`dept-head-${deptId('市人社局')}`).click();
    await page.getByTestId('duty-14').or(page.getByTestId('duty-7')).first().waitFor();
    await expect(text('duties-summary')).resolves.toContain('牵头 7 条，配合 3 条');
    await expect(page.getByTestId('duty-7').innerText()).resolves.toContain('脱贫劳动力务工就业规模稳定在11万人以上');
    await e2e.screenshot('matrix-department');
    // More reports, so the heatmap shows every colour: leads of 1–6 done, 7–10 under way, 11–13 not started.
    for (const m of matrix.measures.slice(0, 13)) {
      const lead = m.departments.find((d) => d.role === 'lead');
      const status = m.n <= 6 ? '已完成' : m.n <= 10 ? '推进中' : '未启动';
      await e2e.session.call('matrix:setProgress', { n: m.n, year: 2024, departmentId: lead?.departmentId ?? 0, status });
    }
    await page.getByRole('tab', { name: '推进热力图' }).click();
    await page.getByTestId('heatmap-year').getByText('2024 年').click();
    expect((await text('heatmap-totals')).split(/\s+/).join(' ')).toBe('未填报 75 未启动 4 推进中 5 已完成 6');
    const canvas = page.getByTestId('progress-heatmap').locator('canvas');
    expect((await canvas.first().boundingBox())?.height ?? 0).toBeGreaterThan(400);
    await e2e.screenshot('matrix-heatmap');
  });

  it('exports the 责任分工表 through the save dialog', async () => {
    const page = e2e.page;
    await page.getByRole('tab', { name: '分工矩阵' }).click();
    const out = join(e2e.dbPath, '..', '责任分工表.xlsx');
    e2e.platform.answers.saveFile.push(out);
    await page.getByTestId('matrix-export-menu').click();
    await page.getByTestId('export-matrix').click();
    await page.getByText(`已导出：${out}`).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('责任分工表');
    const numbered: number[] = [];
    sheet?.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === 'number') numbered.push(v);
    });
    expect(numbered).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('switches to 会宁县 and shows the county\'s own departments', async () => {
    const page = e2e.page;
    await page.getByTestId('matrix-scope').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '会宁县（县级分工）' }).click();
    await page.getByTestId('matrix-title').getByText('会宁县脱贫人口增收措施责任分工').waitFor();
    const county = await e2e.session.call('matrix:get', {});
    const hr = county.departments.find((d) => d.name === '县人社局');
    await expect(text(`cell-7-${hr?.id ?? 0}`)).resolves.toBe('牵头');
    const towns = county.departments.find((d) => d.name === '乡镇党委政府');
    await expect(text(`dept-count-${towns?.id ?? 0}`)).resolves.toBe('22');
    await e2e.screenshot('matrix-county');
  });
});

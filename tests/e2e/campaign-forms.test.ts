/**
 * The 年度采集 and 监测对象 forms from their buttons, on the small demo: 导出通报 on the board, 导出档案
 * on the case page and 导出月报 in the list each write the workbook the save dialog named (read back);
 * 时限与节假日 edits the home-check limit and a holiday, and the deadline shown in the list follows.
 */
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../helpers/db.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let tmp: TempDir;
let clueId = 0;

beforeAll(async () => {
  tmp = tempDir('e2e-campaign-forms-');
  e2e = await startE2e({ scale: 'small' });
  const db = e2e.session.ctx.db;
  const hid = db.prepare('SELECT id FROM households ORDER BY id LIMIT 1').pluck().get() as number;
  clueId = (await e2e.session.call('cases:open', { householdId: hid, source: '一键报贫', date: '2025-09-26', riskTypes: ['因病'] })).id;
  await e2e.session.call('cases:advance', { id: clueId, to: '入户核实', date: '2025-10-13', note: '已入户' });
  await e2e.session.call('cases:open', { householdId: hid + 1, source: '排查', date: '2025-09-26' });
}, 120_000);

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
  tmp?.remove();
});

const text = async (testId: string): Promise<string> => (await e2e.page.getByTestId(testId).first().innerText()).trim();

/** The input of an Element Plus field: the test id lands on the <input> itself (el-input) or on a wrapper. */
async function input(testId: string): Promise<ReturnType<E2e['page']['getByTestId']>> {
  const el = e2e.page.getByTestId(testId).first();
  return (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input').first();
}

async function saved(path: string, message: RegExp): Promise<ExcelJS.Workbook> {
  await e2e.page.getByText(message).first().waitFor();
  expect(existsSync(path)).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('form buttons', () => {
  it('导出通报 writes the board as the bulletin workbook', async () => {
    await e2e.open('/campaign');
    await e2e.page.getByTestId('board-table').waitFor();
    const out = tmp.path('通报.xlsx');
    e2e.platform.answers.saveFile.push(out);
    await e2e.page.getByTestId('campaign-bulletin').click();
    const wb = await saved(out, /已导出采集进度通报/);
    expect(wb.getWorksheet('采集进度通报')!.getCell(1, 1).value).toMatch(/^会宁县\d{4}年脱贫人口收入信息采集进度通报（演示数据）$/);
    expect(e2e.platform.asked.at(-1)).toMatchObject({ kind: 'saveFile', title: '保存采集进度通报' });
    await e2e.screenshot('campaign-bulletin');
  });

  it('导出档案 on the case page and 导出月报 in the list write their workbooks', async () => {
    await e2e.open('/cases');
    await e2e.page.getByTestId(`case-state-${clueId}`).click();
    await e2e.page.getByTestId('case-page').waitFor();
    const file = tmp.path('档案.xlsx');
    e2e.platform.answers.saveFile.push(file);
    await e2e.page.getByTestId('case-file-export').click();
    const wb = await saved(file, /已导出监测档案/);
    const ws = wb.getWorksheet('监测档案')!;
    expect(String(ws.getCell(3, 1).value)).toMatch(/身份证号：\d{6}\*{8}[\dX]{4}/);
    expect([ws.getCell(7, 2).value, ws.getCell(7, 3).value, ws.getCell(7, 6).value, ws.getCell(7, 7).value]).toEqual(['入户核实', '2025-10-13', 'e2e测试', '已入户']);
    await e2e.screenshot('case-file-export');
    // 导出本村公示名单: the village's list at 村级评议公示 — this case is one step before, so none is listed yet.
    const notice = tmp.path('公示.xlsx');
    e2e.platform.answers.saveFile.push(notice);
    await e2e.page.getByTestId('case-notice-export').click();
    const nb = await saved(notice, /公示名单（0 户，不含身份证号码/);
    const cells: string[] = [];
    nb.getWorksheet('公示名单')!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? ''))));
    expect(cells.join('|')).toMatch(/防止返贫监测对象识别公示名单[\s\S]*本村当前没有处于村级评议公示阶段的监测对象/);
    await e2e.page.locator('.el-drawer__close-btn').click();
    await e2e.page.getByTestId('case-page').waitFor({ state: 'hidden' });

    const month = tmp.path('月报.xlsx');
    e2e.platform.answers.saveFile.push(month);
    await e2e.page.getByTestId('cases-monthly-export').click();
    const m = await saved(month, /监测对象月报（2 户）/);
    expect(m.worksheets.map((w) => w.name)).toEqual(['按状态', '按类别', '按风险类型']);
  });
});

describe('时限与节假日', () => {
  it('an edited limit and holiday change the deadline shown', async () => {
    await e2e.open('/cases');
    const other = (await e2e.session.call('cases:list', { state: '线索' })).rows[0]!.id;
    await expect(text(`case-deadline-${other}`)).resolves.toMatch(/^入户核实时限 2025-10-10，/);
    await e2e.page.getByTestId('open-rules').click();
    await e2e.page.getByTestId('rules-table').waitFor();
    await (await input('rule-days-homeCheckDays')).fill('3');
    await e2e.page.getByTestId('rule-save-homeCheckDays').click();
    await e2e.page.getByText(/时限已保存/).waitFor();
    await expect(text(`case-deadline-${other}`)).resolves.toMatch(/^入户核实时限 2025-09-30，/);
    await e2e.page.getByTestId('calendar-year').click();
    await e2e.page.getByRole('option', { name: '2025 年' }).click();
    await e2e.page.getByTestId('calendar-table').waitFor();
    const date = e2e.page.getByTestId('day-form').locator('.el-date-editor input').first();
    await date.fill('2025-09-29');
    await date.press('Enter');
    await (await input('day-name')).fill('县里停工');
    await e2e.page.getByTestId('day-save').click();
    await e2e.page.getByText(/工作日历已保存/).waitFor();
    await expect(text('calendar-table')).resolves.toMatch(/2025-09-29\s+放假\s+县里停工/);
    await e2e.screenshot('cases-rules-dialog');
    // 09-28 (a make-up Sunday), 09-30, then the National Day holiday to 10-08: the third working day is 10-09.
    await expect(text(`case-deadline-${other}`)).resolves.toMatch(/^入户核实时限 2025-10-09，/);
    const audit = e2e.session.ctx.db.prepare(`SELECT action, operator FROM audit_log WHERE action IN ('case:rule', 'case:calendar') ORDER BY id`).all();
    expect(audit).toEqual([{ action: 'case:rule', operator: 'e2e测试' }, { action: 'case:calendar', operator: 'e2e测试' }]);
  });
});

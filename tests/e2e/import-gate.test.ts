/**
 * 导入 of a township file whose wage header the catalogue does not know: the preview stops the file
 * (its own 家庭纯收入 disagrees with what the mapping gives on every row) and shows the 建议 for the
 * column; confirming the 建议 clears the stop, and the file imports with the file's own totals.
 * A corrected file then shows its change report (old → new) before commit, and after an undo from
 * the history the result card says 已撤销. Screenshots of each step are kept as artifacts.
 */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../shared/domain/id-number.ts';
import { tempDir, type TempDir } from '../helpers/db.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let tmp: TempDir;
let file: string;
const NAME = '郭城驿镇2024年收入台账（务工）.xlsx';
const rows = Array.from({ length: 8 }, (_, i) => ({
  code: `E2G-${String(i + 1).padStart(3, '0')}`, head: `门${i}`, id: makeIdNumber('620422', `1968${String(i + 1).padStart(2, '0')}08`, 2 * i + 1),
  size: 2 + (i % 3), wage: 9_000 + 500 * i, transfer: 1_800,
}));

async function writeFile(path: string, wageHeader = '务工所得工资额（元）', list = rows): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  ws.addRow(['会宁县郭城驿镇2024年脱贫户收入台账']);
  ws.addRow(['户编号', '户主姓名', '户主证件号码', '家庭人口数', '行政村', wageHeader, '转移性收入', '家庭纯收入']);
  for (const r of list) ws.addRow([r.code, r.head, r.id, r.size, '中大村', r.wage, r.transfer, r.wage + r.transfer]).getCell(3).numFmt = '@';
  await wb.xlsx.writeFile(path);
}

beforeAll(async () => {
  tmp = tempDir('import-gate-e2e-');
  file = tmp.path(NAME);
  await writeFile(file);
  e2e = await startE2e({ scale: 'small' });
  await e2e.open('/import');
  await e2e.page.getByTestId('import-choose').waitFor();
});
afterEach(() => {
  expect(e2e.errors).toEqual([]);
});
afterAll(async () => {
  await e2e?.close();
  tmp?.remove();
});

describe('import view: an unknown income header', () => {
  it('stops the file above the mapping and offers the 建议', async () => {
    e2e.platform.answers.openFiles.push([file]);
    await e2e.page.getByTestId('import-choose').click();
    const card = e2e.page.getByTestId(`file-${NAME}`);
    await card.getByTestId('consistency-gate').waitFor({ timeout: 120_000 });
    const gate = await card.getByTestId('consistency-gate').innerText();
    expect(gate).toContain('合计不一致：该文件不会导入');
    expect(gate).toContain('在 8 户中有 8 户不一致');
    expect(gate).toContain('“务工所得工资额（元）”（F 列）');
    await expect(e2e.page.getByTestId('import-commit').innerText()).resolves.toContain('1 个文件合计不一致，将停止');
    await card.getByTestId('suggest-务工所得工资额（元）').waitFor();
    await e2e.screenshot('import-gate-stop');
  });

  it('confirms the 建议: the stop goes away and the file imports with its own totals', async () => {
    await e2e.page.getByTestId('suggest-务工所得工资额（元）').click();
    const card = e2e.page.getByTestId(`file-${NAME}`);
    await card.getByText('已改').waitFor({ timeout: 120_000 });
    await expect(card.getByTestId('consistency-gate').count()).resolves.toBe(0);
    await e2e.screenshot('import-gate-confirmed');
    await e2e.page.getByTestId('import-commit').click();
    await e2e.page.getByTestId('import-done').waitFor({ timeout: 120_000 });
    await card.getByTestId('file-batch').waitFor();
    const sum = e2e.session.ctx.db.prepare(`SELECT sum(r.wage_fen + r.transfer_fen) FROM income_records r JOIN households h ON h.id = r.household_id WHERE h.code LIKE 'E2G-%'`).pluck().get();
    expect(sum).toBe(rows.reduce((a, r) => a + (r.wage + r.transfer) * 100, 0));
    await e2e.screenshot('import-gate-committed');
  });

  it('previews a corrected file with its change report, commits it, and the card follows an undo', async () => {
    const name = '郭城驿镇2024年收入台账（更正）.xlsx';
    const corrected = tmp.path(name);
    await writeFile(corrected, '工资性收入', rows.map((r, i) => (i === 2 ? { ...r, wage: 20_000 } : r)));
    e2e.platform.answers.openFiles.push([corrected]);
    await e2e.page.getByTestId('import-choose').click();
    const card = e2e.page.getByTestId(`file-${name}`);
    await card.locator('.el-tabs__item', { hasText: '变更 1' }).waitFor({ timeout: 120_000 });
    await card.locator('.el-tabs__item', { hasText: '变更 1' }).click();
    const table = card.getByTestId('changes-table');
    await table.getByText('E2G-003').waitFor();
    const text = await table.innerText();
    expect(text).toContain('2024 年工资性收入');
    expect(text).toContain('10000.00');
    expect(text).toContain('20000.00');
    await e2e.screenshot('import-change-report');
    await e2e.page.getByTestId('import-commit').click();
    await e2e.page.getByTestId('import-done').waitFor({ timeout: 120_000 });
    const batchId = Number(/#(\d+)/.exec(await card.getByTestId('file-batch').innerText())?.[1]);
    await e2e.page.getByTestId(`undo-${batchId}`).click();
    await e2e.page.locator('.el-message-box__btns .el-button--primary').click();
    await card.getByTestId('file-undone').waitFor({ timeout: 60_000 });
    const wage = e2e.session.ctx.db.prepare(`SELECT r.wage_fen FROM income_records r JOIN households h ON h.id = r.household_id WHERE h.code = 'E2G-003'`).pluck().get();
    expect(wage).toBe(1_000_000);
    await e2e.screenshot('import-change-undone');
  });
});

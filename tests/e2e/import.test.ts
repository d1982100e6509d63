/**
 * 导入 through the UI on the demo ledger: choose a township file, see the preview, correct one
 * column mapping, import, see the result and the batch in the history, undo it. Screenshots of
 * each step are kept as artifacts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook } from '../integration/import/fixtures.ts';
import { writeWideWorkbook } from '../integration/formats/wide-fixtures.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let tmp: TempDir;
let file: string;
const hh = makeHouseholds(15, { codePrefix: 'E2E-', addressCode: '620402' });

beforeAll(async () => {
  tmp = tempDir('import-e2e-');
  file = tmp.path('郭城驿镇2024年收入台账.xlsx');
  await writeMemberWorkbook(file, hh, { rename: { 劳动技能: '劳力类型' } });
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

const members = hh.reduce((a, h) => a + h.members.length, 0);

describe('import view', () => {
  it('previews a chosen file: header, mapping, counts', async () => {
    e2e.platform.answers.openFiles.push([file]);
    await e2e.page.getByTestId('import-choose').click();
    const card = e2e.page.getByTestId(`file-郭城驿镇2024年收入台账.xlsx`);
    await card.getByTestId('households-added').waitFor({ timeout: 120_000 });
    await expect(card.getByTestId('households-added').innerText()).resolves.toBe('15');
    await expect(card.getByTestId('members-added').innerText()).resolves.toBe(String(members));
    await expect(card.innerText()).resolves.toContain('会宁县郭城驿镇');
    await expect(card.innerText()).resolves.toContain('未识别');
    await e2e.screenshot('import-preview');
  });

  it('corrects one column mapping, and the preview is checked again with it', async () => {
    await e2e.page.getByTestId('map-劳力类型').click();
    await e2e.page.locator('.el-select-dropdown__item:visible', { hasText: /^劳动技能$/ }).click();
    const card = e2e.page.getByTestId(`file-郭城驿镇2024年收入台账.xlsx`);
    await card.getByText('已改').waitFor({ timeout: 120_000 });
    await e2e.page.getByTestId('import-commit').waitFor();
    await e2e.screenshot('import-mapping');
  });

  it('imports with the corrected mapping, shows the batch, and the ledger holds the values', async () => {
    await e2e.page.getByTestId('import-commit').click();
    await e2e.page.getByTestId('import-done').waitFor({ timeout: 120_000 });
    const tag = await e2e.page.getByTestId('file-batch').innerText();
    const batchId = Number(/#(\d+)/.exec(tag)?.[1]);
    expect(batchId).toBeGreaterThan(0);
    const labour = e2e.session.ctx.db.prepare(`SELECT m.labour FROM members m JOIN households h ON h.id = m.household_id WHERE h.code = ? ORDER BY m.id LIMIT 1`).get(hh[0]!.code) as { labour: string };
    expect(labour.labour).toBe('普通劳动力');
    await e2e.page.getByTestId(`undo-${batchId}`).waitFor();
    await e2e.screenshot('import-result');
  });

  it('previews a corrected file that no longer lists a member: the removal is counted and explained', async () => {
    const corrected = tmp.path('郭城驿镇2024年收入台账（更正）.xlsx');
    await writeMemberWorkbook(corrected, hh.map((h, i) => (i === 3 ? { ...h, size: 3, members: h.members.slice(0, 3) } : h)), { rename: { 劳动技能: '劳力类型' } });
    e2e.platform.answers.openFiles.push([corrected]);
    await e2e.page.getByTestId('import-choose').click();
    const card = e2e.page.getByTestId('file-郭城驿镇2024年收入台账（更正）.xlsx');
    await card.getByTestId('members-removed').waitFor({ timeout: 120_000 });
    await expect(card.getByTestId('members-removed').innerText()).resolves.toContain('另有 1 人');
    await e2e.screenshot('import-roster');
  });

  it('undoes the batch from the history after a confirmation', async () => {
    const batch = (await e2e.session.call('import:batches', {}))[0]!;
    await e2e.page.getByTestId(`undo-${batch.id}`).click();
    await e2e.page.locator('.el-message-box__btns .el-button--primary').click();
    await e2e.page.locator('[data-testid="import-history"]').getByText('已撤销').waitFor({ timeout: 60_000 });
    const left = e2e.session.ctx.db.prepare(`SELECT count(*) AS n FROM households WHERE code LIKE 'E2E-%'`).get() as { n: number };
    expect(left.n).toBe(0);
    await e2e.screenshot('import-undone');
  });

  it('previews a wide household list and says in words how it was read', async () => {
    const wide = tmp.path('郭城驿镇2024年家庭成员（一户一行）.xlsx');
    const rows = makeHouseholds(5, { codePrefix: 'E2EW-', addressCode: '620402', seed: 5000 });
    await writeWideWorkbook(wide, rows, { groups: 6, style: 'numbered' });
    e2e.platform.answers.openFiles.push([wide]);
    await e2e.page.getByTestId('import-choose').click();
    const card = e2e.page.getByTestId('file-郭城驿镇2024年家庭成员（一户一行）.xlsx');
    await card.getByTestId('layout-note').waitFor({ timeout: 120_000 });
    const people = rows.reduce((a, h) => a + h.members.length, 0);
    await expect(card.getByTestId('layout-note').innerText()).resolves.toContain(`按“一户一行”宽表读取`);
    await expect(card.getByTestId('layout-note').innerText()).resolves.toContain(`共 5 行读出 ${people} 名成员`);
    await expect(card.getByTestId('members-added').innerText()).resolves.toBe(String(people));
    await e2e.screenshot('import-wide');
  });
});

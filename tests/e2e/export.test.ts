/**
 * 导出 end to end: pick the income summary, see its preview, export it through the (test) save
 * dialog, watch the job finish, read the file back and compare its 合计 with `stats`; then ask for
 * full IDs, which needs a reason and leaves an audit entry.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInt } from '../../shared/domain/format.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let dir: string;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  dir = mkdtempSync(join(tmpdir(), 'export-e2e-'));
  await e2e.open('/export');
  await e2e.page.getByTestId('export-preview').waitFor();
});

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await e2e?.close();
});

describe('导出', () => {
  it('previews the income summary and exports it to the chosen file', async () => {
    const page = e2e.page;
    await expect(page.getByTestId('export-preview').innerText()).resolves.toContain('2024年脱贫人口收入情况统计表');
    await e2e.screenshot('export-view');
    const out = join(dir, '收入情况统计表.xlsx');
    e2e.platform.answers.saveFile.push(out);
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
    const stats = await e2e.session.call('stats:get', { year: 2024, by: 'county' });
    await expect(page.getByTestId('export-result').innerText()).resolves.toContain(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('白银市2024年脱贫人口收入情况统计表（演示数据）');
    expect(ws.getCell('B5').value).toBe('全市合计');
    expect(ws.getCell('C5').value).toBe(stats.total.households);
    expect(ws.getCell('E5').value).toBe(stats.total.perCapitaNet);
    await page.getByTestId('export-reveal').click();
    expect(e2e.platform.revealed).toEqual([out]);
    await e2e.screenshot('export-done');
  });

  it('exports the two-groups ledger with full IDs only with a reason, and audits it', async () => {
    const page = e2e.page;
    await page.getByTestId('export-form-two-groups').click();
    await page.getByTestId('export-preview').getByText('2024年两类群体及易地搬迁户工作台账').waitFor();
    await page.getByTestId('export-show-ids').click();
    await expect(page.getByTestId('export-start').isDisabled()).resolves.toBe(true);
    await page.getByTestId('export-reason').fill('与市局核对搬迁户');
    const out = join(dir, '工作台账.xlsx');
    e2e.platform.answers.saveFile.push(out);
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
    const audit = e2e.session.ctx.db.prepare(`SELECT operator, detail FROM audit_log WHERE action = 'export-full-ids'`).all() as Array<{ operator: string; detail: string }>;
    expect(audit).toHaveLength(1);
    const detail = JSON.parse(audit[0]!.detail) as { file: string; rows: number; reason: string };
    expect(detail).toMatchObject({ file: '工作台账.xlsx', reason: '与市局核对搬迁户' });
    await expect(page.getByTestId('export-result').innerText()).resolves.toContain(`已导出 ${formatInt(detail.rows)} 行`);
  });

  it('writes a full-ID export password-protected when asked, and it opens with that password', async () => {
    const page = e2e.page;
    await page.getByTestId('export-protect').click();
    await page.getByTestId('export-password').fill('短密码');
    await expect(page.getByTestId('export-start').isDisabled()).resolves.toBe(true);
    await page.getByTestId('export-password').fill('市局核对2024');
    const out = join(dir, '工作台账-加密.xlsx');
    e2e.platform.answers.saveFile.push(out);
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-protected').waitFor({ timeout: 120_000 });
    expect(readFileSync(out).subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    const plain = join(dir, '解密.xlsx');
    const dec = spawnSync('/usr/bin/msoffcrypto-tool', ['-p', '市局核对2024', out, plain], { encoding: 'utf8' });
    expect(dec.status, dec.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(plain);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    await e2e.screenshot('export-protected');
  });
});

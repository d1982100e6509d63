/**
 * 设置 in the browser against the real services: the operator is required and saved (audited), a
 * manual backup goes through the save dialog and is a verified copy, a restore through the open
 * dialog brings back exactly the backed-up figures, and the database tab runs the full check.
 */
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyCopy } from '../../electron/db/backup.ts';
import { dropIncomeYear } from '../integration/integrity/helpers.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let backupPath: string;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small', firstStart: true });
  backupPath = e2e.dbPath.replace(/ledger\.db$/, 'u盘/台账备份.db');
  await e2e.open('/settings');
  await e2e.page.getByTestId('settings-tabs').waitFor();
});

afterEach(() => {
  expect(e2e.errors.join('\n')).toBe('');
});

afterAll(async () => {
  await e2e?.close();
});

async function openTab(label: string): Promise<void> {
  await e2e.page.getByRole('tab', { name: label }).click();
}

/** Waits for the success message holding `text` (earlier messages may still be fading out). */
async function successToast(text: string): Promise<void> {
  await e2e.page.locator('.el-message--success', { hasText: text }).first().waitFor();
}

describe('操作员与单位', () => {
  it('asks for the operator and 本单位 at first start, then saves the unit fields, and audits each change', async () => {
    const first = e2e.page.getByTestId('first-start');
    await first.waitFor();
    await e2e.page.getByTestId('first-save').click();
    await e2e.page.getByTestId('first-error').filter({ hasText: '请填写操作员姓名' }).waitFor();
    await e2e.page.getByTestId('first-operator').fill('王芳');
    await e2e.page.getByTestId('first-county').click();
    await e2e.page.locator('.el-select-dropdown__item:visible', { hasText: /^会宁县$/ }).click();
    await expect(e2e.page.getByTestId('first-unit').inputValue()).resolves.toBe('会宁县乡村振兴局');
    await e2e.page.getByTestId('first-operator').press('Enter');
    await first.waitFor({ state: 'hidden' });
    await e2e.page.getByTestId('status-unit').filter({ hasText: '本单位：会宁县乡村振兴局' }).waitFor();
    await e2e.page.getByTestId('setting-contact_phone').fill('0943-5221234');
    await e2e.page.getByTestId('settings-save').click();
    await successToast('已保存');
    expect(await e2e.session.call('settings:get', {})).toMatchObject({ operator: '王芳', unit_name: '会宁县乡村振兴局', unit_county: '620422', contact_phone: '0943-5221234' });
    // operator, 本单位, its county, the matrix scope set to that county, and the phone.
    expect((await e2e.session.call('audit:list', { action: 'settings' })).total).toBe(5);
    await e2e.screenshot('settings-operator');
  });
});

describe('备份与恢复', () => {
  it('backs up through the save dialog to a verified copy', async () => {
    await openTab('备份与恢复');
    e2e.platform.answers.saveFile.push(backupPath);
    await e2e.page.getByTestId('backup-now').click();
    await successToast('已备份并通过完整性检查');
    await expect(e2e.page.getByTestId('last-backup').innerText()).resolves.toContain(backupPath);
    expect(existsSync(backupPath)).toBe(true);
    expect(verifyCopy(backupPath, 'full').schemaVersion).toBeGreaterThan(0);
    expect(e2e.platform.asked.at(-1)).toMatchObject({ kind: 'saveFile', title: '备份数据库到…' });
  });

  it('restores through the open dialog after a confirmation: figures back to the backup', async () => {
    const atBackup = await e2e.session.call('stats:get', { by: 'township' });
    dropIncomeYear(e2e.session.ctx.db, atBackup.year, 100);
    expect((await e2e.session.call('stats:get', { by: 'township' })).total.households).toBe(atBackup.total.households - 100);

    e2e.platform.answers.openFiles.push([backupPath]);
    await e2e.page.getByTestId('restore-file').click();
    const box = e2e.page.locator('.el-message-box');
    await expect(box.innerText()).resolves.toContain('恢复前会先把当前数据自动备份');
    await box.getByRole('button', { name: '恢复' }).click();
    await successToast(`已从 ${backupPath} 恢复`);
    expect(await e2e.session.call('stats:get', { by: 'township' })).toEqual(atBackup);
    // The automatic backup of the state before the restore is listed and can be restored in turn.
    const list = e2e.page.getByTestId('backup-list');
    await expect(list.innerText()).resolves.toContain('恢复前');
    await e2e.screenshot('settings-backup');
  });

  it('changes how many automatic backups are kept', async () => {
    await e2e.page.getByTestId('backup-keep').locator('input').fill('5');
    await e2e.page.getByTestId('backup-keep-save').click();
    await successToast('保留最近 5 份');
    expect((await e2e.session.call('settings:get', {})).backup_keep).toBe(5);
  });
});

describe('数据库', () => {
  it('shows the file and version, and runs the full check including the audit chain', async () => {
    await openTab('数据库');
    await expect(e2e.page.getByTestId('db-path').innerText()).resolves.toBe(e2e.dbPath);
    const info = await e2e.session.call('system:info', {});
    await expect(e2e.page.getByTestId('db-schema-version').innerText()).resolves.toBe(String(info.schemaVersion));
    await e2e.page.getByTestId('check-full').click();
    const result = e2e.page.getByTestId('check-result');
    await result.waitFor();
    await expect(result.innerText()).resolves.toContain('检查通过');
    const entries = (await e2e.session.call('audit:verify', {})).entries;
    await expect(e2e.page.getByTestId('check-audit').innerText()).resolves.toContain(`完好（${entries} 条）`);
    await e2e.screenshot('settings-database');
  });

  it('shows the reference-values tab (its own component, or a note until it exists)', async () => {
    await openTab('参考值');
    const pane = e2e.page.locator('#pane-references');
    await pane.waitFor({ state: 'visible' });
    await expect.poll(async () => (await pane.innerText()).trim().length, { timeout: 15_000 }).toBeGreaterThan(0);
  });
});

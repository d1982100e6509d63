/**
 * The form dialog shell (components/common/FormDialog.vue) as the steward meets it in 台账: Esc closes
 * an untouched dialog at once; with typed input it asks first, and "留在此页" keeps what was typed;
 * Enter in a field saves (the figure reaches the database); a refused save keeps the dialog open with
 * main's message in it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let hid: number;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  hid = (e2e.session.ctx.db.prepare('SELECT id FROM households ORDER BY id LIMIT 1 OFFSET 7').get() as { id: number }).id;
  await e2e.open(`/ledger?household=${hid}`);
  await e2e.page.getByTestId('household-members').waitFor();
});

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
});

const dialog = () => e2e.page.getByTestId('household-dialog');
const confirmBox = () => e2e.page.locator('.el-message-box').filter({ hasText: '有未保存的填写' });
const groupInput = () => dialog().locator('.el-form-item').filter({ hasText: '组' }).first().locator('input');

async function openHouseholdDialog(): Promise<void> {
  await e2e.page.getByRole('button', { name: '修改户信息' }).click();
  await dialog().getByText('修改户信息：').waitFor();
}

describe('form dialog shell', () => {
  it('closes an untouched dialog on Esc without asking', async () => {
    await openHouseholdDialog();
    await groupInput().focus();
    await e2e.page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await expect(confirmBox().count()).resolves.toBe(0);
  });

  it('asks before Esc throws typed input away, and keeps it when the steward stays', async () => {
    await openHouseholdDialog();
    await groupInput().fill('测试七组');
    await e2e.page.keyboard.press('Escape');
    await confirmBox().waitFor();
    await e2e.screenshot('form-dialog-unsaved');
    await confirmBox().getByRole('button', { name: '留在此页' }).click();
    await confirmBox().waitFor({ state: 'hidden' });
    await expect(dialog().isVisible()).resolves.toBe(true);
    await expect(groupInput().inputValue()).resolves.toBe('测试七组');
  });

  it('saves on Enter in a field', async () => {
    await groupInput().focus();
    await e2e.page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'hidden' });
    const row = e2e.session.ctx.db.prepare('SELECT group_name FROM households WHERE id = ?').get(hid) as { group_name: string };
    expect(row.group_name).toBe('测试七组');
  });

  it('keeps the dialog open with main’s message when the save is refused', async () => {
    await e2e.page.getByTestId('member-add').click();
    await e2e.page.getByTestId('member-name').fill('新成员');
    await e2e.page.getByTestId('member-id').fill('123');
    await e2e.page.getByTestId('member-id').press('Enter');
    await e2e.page.getByTestId('member-error').waitFor();
    expect((await e2e.page.getByTestId('member-error').innerText()).trim()).toBe('身份证号码应为 18 位（当前 3 位）（123）');
    await expect(e2e.page.getByTestId('member-dialog').isVisible()).resolves.toBe(true);
    // Discarding on purpose: the confirm box offers it, and the dialog closes.
    await e2e.page.keyboard.press('Escape');
    await confirmBox().getByRole('button', { name: '放弃填写并离开' }).click();
    await e2e.page.getByTestId('member-dialog').waitFor({ state: 'hidden' });
  });
});

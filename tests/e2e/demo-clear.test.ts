/**
 * Leaving the demo from the banner: confirm with the typed words, the banner goes, the ledger is
 * empty and the start page says to import, with no page errors.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  await e2e.open('/');
  await e2e.page.getByTestId('demo-banner').waitFor();
});
afterEach(() => {
  expect(e2e.errors).toEqual([]);
});
afterAll(async () => {
  await e2e?.close();
});

describe('start the real ledger', () => {
  it('clears the demo after a typed confirmation, and the banner disappears', async () => {
    const page = e2e.page;
    await page.getByTestId('demo-clear').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await box.locator('input').fill('清空');
    await box.getByRole('button', { name: '清空并开始' }).click();
    await box.locator('.el-message-box__errormsg').getByText('请输入“清空演示数据”').waitFor();
    expect((await e2e.session.call('app:info', {})).households).toBe(1000);
    await box.locator('input').fill('清空演示数据');
    await box.getByRole('button', { name: '清空并开始' }).click();
    await page.getByTestId('demo-banner').waitFor({ state: 'detached' });
    const info = await e2e.session.call('app:info', {});
    expect(info).toMatchObject({ isDemo: false, households: 0 });
    await e2e.screenshot('demo-cleared');
  });
});

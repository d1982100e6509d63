/** The shell: the left navigation reaches every view without a page error, in Chinese. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2e } from './harness.ts';

/** Runs in the page; this file is type-checked without the DOM library, hence the cast. */
const hashIs = (expected: string): boolean => (globalThis as unknown as { location: { hash: string } }).location.hash === expected;

const NAV = [
  ['首页', '/'],
  ['台账', '/ledger'],
  ['导入', '/import'],
  ['增收分析', '/analysis'],
  ['责任分工', '/matrix'],
  ['监测帮扶', '/monitoring'],
  ['年度采集', '/campaign'],
  ['监测对象', '/cases'],
  ['数据核查', '/checks'],
  ['导出', '/export'],
  ['审计日志', '/audit'],
  ['设置', '/settings'],
] as const;

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  await e2e.open('/');
  await e2e.page.getByTestId('nav').waitFor();
});

afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
});

describe('navigation', () => {
  it('lists the nine sections in order', async () => {
    const items = await e2e.page.getByTestId('nav').locator('.el-menu-item').allInnerTexts();
    expect(items.map((s) => s.trim())).toEqual(NAV.map(([title]) => title));
  });

  it('opens each section from the menu', async () => {
    for (const [title, path] of NAV) {
      await e2e.page.getByTestId('nav').getByText(title, { exact: true }).click();
      await e2e.page.waitForFunction(hashIs, `#${path}`);
      await expect(e2e.page.title()).resolves.toBe(`${title} - 脱贫人口增收台账`);
    }
  });

  it('sends an unknown route to the start page', async () => {
    await e2e.open('/no-such-page');
    await e2e.page.waitForFunction(hashIs, '#/');
  });

  it('reloads app:info when main reports a data change', async () => {
    await e2e.open('/');
    await e2e.page.getByTestId('row-total-households').waitFor();
    e2e.session.ctx.db.prepare("UPDATE meta SET value = 'city' WHERE key = 'demo_scale'").run();
    await e2e.emit('data:changed', { reason: 'test' });
    await e2e.page.getByTestId('demo-banner').getByText('演示规模：全市').waitFor();
  });
});

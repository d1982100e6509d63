/**
 * 审计日志 in the browser: entries newest first with masked ID numbers, filters answered by main,
 * and the chain check — intact, then broken after an entry is edited behind the app's back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditWriter } from '../../electron/db/audit.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  const db = e2e.session.ctx.db;
  const hh = (db.prepare('SELECT id FROM households ORDER BY id LIMIT 1').get() as { id: number }).id;
  db.transaction(() => {
    const w = auditWriter(db, '王芳');
    w({ action: 'ledger:update', table: 'members', key: 1, field: 'id_number', old: '620422198001011234', new: '62042219800101123X', householdId: hh });
    for (let i = 0; i < 60; i++) w({ action: 'import:update', table: 'households', key: `H${i}`, batchId: 1 });
  })();
  await e2e.open('/audit');
  await e2e.page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
});

afterEach(() => {
  expect(e2e.errors.join('\n')).toBe('');
});

afterAll(async () => {
  await e2e?.close();
});

const rows = () => e2e.page.getByTestId('audit-table').locator('tbody tr.el-table__row');

describe('audit view', () => {
  it('lists the newest entries first, one page at a time, with the total', async () => {
    await expect(rows().count()).resolves.toBe(50);
    await expect(e2e.page.getByTestId('audit-pager').innerText()).resolves.toContain('共 62 条');
    await expect(rows().first().innerText()).resolves.toContain('导入');
    await e2e.screenshot('audit');
  });

  it('filters by action in main and never shows a full ID number', async () => {
    await e2e.page.getByTestId('filter-action').click();
    await e2e.page.getByRole('option', { name: '修改', exact: true }).click();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    const text = await rows().first().innerText();
    expect(text).toContain('620422********1234');
    expect(text).toContain('王芳');
    expect(await e2e.page.content()).not.toContain('620422198001011234');
  });

  it('filters by free text', async () => {
    await e2e.page.getByTestId('filter-text').fill('H59');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(0);
    await e2e.page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(50);
    await e2e.page.getByTestId('filter-text').fill('H59');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
  });

  it('verifies the hash chain, and names the entry edited behind its back', async () => {
    await e2e.page.getByTestId('audit-verify').click();
    await expect(e2e.page.getByTestId('audit-ok').innerText()).resolves.toContain('共 62 条');

    const db = e2e.session.ctx.db;
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = '张三' WHERE id = 2;");
    await e2e.page.getByTestId('audit-verify').click();
    const broken = e2e.page.getByTestId('audit-broken');
    await broken.waitFor();
    await expect(broken.innerText()).resolves.toMatch(/可能被篡改.*第 2 条.*篡改/);
    await e2e.screenshot('audit-broken');
  });
});

/**
 * The recovery key at setup (#24), in the browser on an encrypted ledger: after the operator and
 * 本单位 the key is shown once in groups of four; printing prints a clean sheet holding only the
 * key and its instructions; saving writes a sheet that reads back to the key; 完成 needs the
 * "kept" checkbox, is audited, and the key is never shown (nor handed out by main) again.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDigitRun } from '../../electron/db/encrypt.ts';
import { formatRecoveryKey, generateLedgerKey, parseRecoveryKey } from '../../electron/db/recovery-key.ts';
import { startE2e, type E2e } from './harness.ts';

const key = generateLedgerKey();
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small', firstStart: true, ledgerKey: key });
  await e2e.open('/');
});

afterAll(async () => {
  await e2e?.close();
});

describe('recovery key at first start', () => {
  it('comes after the operator form, in groups, and the ledger file holds no ID number', async () => {
    await e2e.page.getByTestId('first-start').waitFor();
    await e2e.page.getByTestId('first-operator').fill('王芳');
    await e2e.page.getByTestId('first-save').click();
    await e2e.page.getByTestId('first-start').waitFor({ state: 'hidden' });
    const groups = e2e.page.getByTestId('recovery-key-groups');
    await groups.waitFor();
    const shown = await groups.locator('.group').allInnerTexts();
    expect(shown.join('-')).toBe(formatRecoveryKey(key));
    expect(shown).toHaveLength(9);
    expect(await e2e.page.getByTestId('recovery-key-confirm').isDisabled()).toBe(true);
    expect(findDigitRun(readFileSync(e2e.dbPath))).toBe(-1);
    await e2e.screenshot('recovery-key-dialog');
  });

  it('prints a clean sheet with the key and nothing of the ledger', async () => {
    await e2e.page.evaluate(() => {
      const w = globalThis as unknown as { printed: number; print(): void };
      w.printed = 0;
      w.print = () => { w.printed += 1; };
    });
    await e2e.page.getByTestId('recovery-key-print').click();
    expect(await e2e.page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
    await e2e.page.emulateMedia({ media: 'print' });
    const sheet = e2e.page.getByTestId('recovery-key-sheet');
    expect(await sheet.isVisible()).toBe(true);
    expect(await sheet.innerText()).toContain(formatRecoveryKey(key));
    expect(await e2e.page.getByTestId('recovery-key').isVisible()).toBe(false);
    expect(await e2e.page.getByTestId('nav').isVisible()).toBe(false);
    await e2e.screenshot('recovery-key-print');
    await e2e.page.emulateMedia({ media: 'screen' });
    expect(await sheet.isVisible()).toBe(false);
  });

  it('saves a sheet that reads back to the key', async () => {
    const dest = e2e.dbPath.replace(/ledger\.db$/, '恢复密钥.txt');
    e2e.platform.answers.saveFile.push(dest);
    await e2e.page.getByTestId('recovery-key-save').click();
    await e2e.page.getByTestId('recovery-key-saved').filter({ hasText: dest }).waitFor();
    expect(parseRecoveryKey(readFileSync(dest, 'utf8'))).toBe(key);
  });

  it('is confirmed once (audited) and never shown again', async () => {
    await e2e.page.getByTestId('recovery-key-kept').click();
    await e2e.page.getByTestId('recovery-key-confirm').click();
    await e2e.page.getByTestId('recovery-key').waitFor({ state: 'hidden' });
    expect((await e2e.session.call('audit:list', { action: 'crypt:recovery-key-confirmed' })).total).toBe(1);
    expect(await e2e.session.call('crypt:status', {})).toMatchObject({ encrypted: true, recoveryKey: null });
    await e2e.page.reload();
    await e2e.page.getByTestId('status-operator').waitFor();
    expect(await e2e.page.getByTestId('recovery-key').count()).toBe(0);
    expect(await e2e.page.getByTestId('recovery-key-sheet').count()).toBe(0);
  });
});

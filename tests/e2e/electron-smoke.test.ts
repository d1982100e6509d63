/**
 * The real app in a real Electron, for machines that have the binary (issue #18): playwright's
 * `_electron` starts the built app on a fresh user-data folder, the first start builds the demo
 * ledger, and the window shows the home view marked 演示数据库. Skipped, with the reason, where no
 * Electron binary is installed (this project's machines: the zip cannot be fetched, and
 * `require('electron')` would try to download it, so the path is read without requiring it).
 * LEDGER_ELECTRON_BINARY names a binary explicitly.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBundles } from '../../scripts/bundle-options.ts';
import { SCREENSHOT_DIR } from './harness.ts';

const REPO = join(import.meta.dirname, '..', '..');

function electronBinary(): string | null {
  if (process.env.LEDGER_ELECTRON_BINARY) return existsSync(process.env.LEDGER_ELECTRON_BINARY) ? process.env.LEDGER_ELECTRON_BINARY : null;
  const pathTxt = join(REPO, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const bin = join(REPO, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const binary = electronBinary();

describe.skipIf(binary === null)('the app in Electron (skipped: no Electron binary on this machine)', () => {
  it('starts, builds the demo ledger on first start and shows the home view', async () => {
    await Promise.all(electronBundles(REPO, join(REPO, 'out')).map((o) => esbuild.build({ ...o, logLevel: 'error' })));
    const userData = mkdtempSync(join(tmpdir(), 'ledger-electron-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: [REPO, `--user-data-dir=${userData}`, '--no-sandbox'],
      env: { ...process.env, LEDGER_DEMO_SCALE: 'small' } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      await page.getByText('演示数据库').first().waitFor({ timeout: 120_000 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'electron-smoke.png') });
      expect(await page.title()).toContain('台账');
      expect(existsSync(join(userData, 'ledger.db'))).toBe(true);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});

/**
 * Loads the built main bundle (out/main/index.cjs, as Electron would) in plain Node against a fake
 * `electron` module, and drives what it registered: first start creates the demo ledger in a
 * worker while IPC answers `busy`; then IPC serves only the app's own page, the app:// protocol
 * serves the renderer with the CSP, permissions are denied, and quitting closes the database.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBundle } from '../../../scripts/bundle-options.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/protocol.ts';
import { WEB_PREFERENCES } from '../../../electron/main/window.ts';
import { FAKE_ELECTRON_INDEX, FakeElectron } from './fake-electron.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
// Under the repository, so the bundle's require('better-sqlite3') finds node_modules.
mkdirSync(join(REPO, 'out'), { recursive: true });
const dir = mkdtempSync(join(REPO, 'out', 'test-main-'));
const fake = new FakeElectron(join(dir, 'userData'));
const APP = 'app://renderer/index.html';
const trusted = { senderFrame: { url: APP, parent: null } };

async function waitFor<T>(what: string, fn: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (errors: ${fake.errors.join("; ") || "none"})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function invoke(event: unknown, name: string, args: unknown): Promise<unknown> {
  const handler = fake.ipcHandlers.get('api:invoke');
  if (!handler) throw new Error('api:invoke not registered');
  return Promise.resolve(handler(event, name, args));
}

beforeAll(async () => {
  // Main and its first-run worker only: other workers are other features' business.
  const main = join(REPO, 'electron', 'main');
  await esbuild.build(nodeBundle({ index: join(main, 'index.ts'), 'first-run.worker': join(main, 'first-run.worker.ts') }, join(dir, 'out', 'main')));
  mkdirSync(join(dir, 'out', 'renderer'), { recursive: true });
  writeFileSync(join(dir, 'out', 'renderer', 'index.html'), '<!doctype html><title>台账</title>');
  mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'electron', 'index.js'), FAKE_ELECTRON_INDEX);
  (globalThis as Record<string, unknown>).__ledgerFakeElectron = fake;
  process.env.LEDGER_DEMO_SCALE = 'small';
  createRequire(import.meta.url)(join(dir, 'out', 'main', 'index.cjs'));
});

afterAll(() => {
  delete process.env.LEDGER_DEMO_SCALE;
  rmSync(dir, { recursive: true, force: true });
});

describe('electron main bundle', () => {
  it('registers the privileged scheme, sandbox and a hardened window before the database is ready', async () => {
    expect(fake.sandboxed).toBe(true);
    expect(fake.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    const win = await waitFor('window', () => fake.windows[0]);
    expect(win.options.webPreferences).toMatchObject(WEB_PREFERENCES);
    expect(win.url).toBe(APP);
    expect(win.webContents.listenerCount('will-navigate')).toBeGreaterThan(0);
  });

  it('creates the demo ledger on first start, answering busy meanwhile', async () => {
    const first = (await invoke(trusted, 'app:info', {})) as { ok: boolean; error?: { code: string } };
    const win = fake.windows[0]!;
    await waitFor('data:changed', () => win.webContents.sent.find((m) => m[1] === 'data:changed'));
    if (!first.ok) expect(first.error?.code).toBe('busy');
    const env = (await invoke(trusted, 'app:info', {})) as { ok: true; data: { isDemo: boolean; demoScale: string; dbPath: string } };
    expect(env.ok).toBe(true);
    expect(env.data).toMatchObject({ isDemo: true, demoScale: 'small', dbPath: join(dir, 'userData', 'ledger.db') });
    expect(win.webContents.sent.some((m) => m[0] === 'api:event' && m[1] === 'job:progress')).toBe(true);
    expect(fake.errors).toEqual([]);
    // #24: the first-start ledger is encrypted, its key sealed in userData, its recovery key pending.
    expect(readFileSync(join(dir, 'userData', 'ledger.db')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(readFileSync(join(dir, 'userData', 'ledger.key'), 'utf8')).toMatch(/^sealed:/);
    const crypt = (await invoke(trusted, 'crypt:status', {})) as { ok: true; data: { encrypted: boolean; recoveryKey: string | null } };
    expect(crypt.data).toMatchObject({ encrypted: true, recoveryKey: expect.stringMatching(/^(\w{4}-){8}\w{4}$/) });
  });

  it('refuses IPC from any other frame and validates arguments', async () => {
    const foreign = await invoke({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'app:info', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const sub = await invoke({ senderFrame: { url: APP, parent: {} } }, 'app:info', {});
    expect(sub).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await invoke(trusted, 'stats:get', { by: 'nation' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await invoke(trusted, 'fs:readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const ok = await handler!(new Request(APP));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toContain('台账');
    expect((await handler!(new Request('app://renderer/..%2f..%2fpackage.json'))).status).toBe(403);
    expect((await handler!(new Request(APP, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('denies every permission', () => {
    let granted: boolean | null = null;
    fake.permission.request?.(...([null, 'media', (g: boolean) => (granted = g)] as never[]));
    expect(granted).toBe(false);
    expect(fake.permission.check?.()).toBe(false);
    expect(fake.permission.device?.()).toBe(false);
  });

  it('closes the database before quitting', async () => {
    let prevented = false;
    fake.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await waitFor('quit', () => (fake.quitCalls > 0 ? true : undefined));
    expect(await invoke(trusted, 'app:info', {})).toMatchObject({ ok: false, error: { code: 'busy' } });
  });
});

/**
 * Electron hardening as shipped, without starting Electron (importing it throws offline): the
 * window's exported preferences, the CSP and resources of the BUILT page (out/renderer/index.html,
 * which is what users load — the source template can differ from what Vite emits), navigation and
 * new windows denied, and IPC from any other sender refused before dispatch.
 */
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleInvoke } from '../../../electron/main/ipc.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/protocol.ts';
import { APP_ENTRY_URL, hardenWebContents, isTrustedUrl } from '../../../electron/main/security.ts';
import { WEB_PREFERENCES, windowOptions } from '../../../electron/main/window.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const BUILT = join(REPO, 'out', 'renderer', 'index.html');
let html = '';

beforeAll(() => {
  // `npm test` builds first; a lone unit run builds here so the test never checks a stale page.
  if (!existsSync(BUILT)) execFileSync('npm', ['run', '-s', 'build:web'], { cwd: REPO, stdio: 'ignore', timeout: 300_000 });
  html = readFileSync(BUILT, 'utf8');
}, 300_000);

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name = '', ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

describe('BrowserWindow preferences', () => {
  it('isolate, sandbox and deny Node to the page', () => {
    expect(WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
    expect(windowOptions('/p/preload.cjs').webPreferences).toMatchObject({ ...WEB_PREFERENCES, preload: '/p/preload.cjs' });
  });
});

describe('the built page', () => {
  it('carries a strict CSP meta tag: only own scripts, no eval or inline script, no plugins, no base', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'CSP meta tag in out/renderer/index.html').not.toBeNull();
    const d = directives(meta?.[1] ?? '');
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    for (const values of d.values()) for (const v of values) expect(v).not.toMatch(/^(https?:|ws:|\*)|unsafe-eval/);
    // The protocol header says the same, plus frame-ancestors (which a meta tag cannot).
    const header = directives(CONTENT_SECURITY_POLICY);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [k, v] of d) expect(header.get(k), k).toEqual(v);
  });

  it('loads only its own files: no remote URL, no inline script', () => {
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r, r).toMatch(/^\.?\/?assets\//);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attrs = '', body = ''] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
  });
});

describe('navigation, windows and IPC senders', () => {
  function fakeContents(): EventEmitter & { openHandler?: () => unknown; setWindowOpenHandler(h: () => unknown): void } {
    const c = new EventEmitter() as EventEmitter & { openHandler?: () => unknown; setWindowOpenHandler(h: () => unknown): void };
    c.setWindowOpenHandler = (h) => {
      c.openHandler = h;
    };
    return c;
  }

  it('denies leaving the app origin, new windows and <webview>', () => {
    const c = fakeContents();
    hardenWebContents(c as never);
    const attempt = (event: string, url: string): boolean => {
      let prevented = false;
      c.emit(event, { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://renderer.evil.example/', 'app://renderer@evil/', 'javascript:alert(1)']) {
      expect(attempt('will-navigate', url), url).toBe(true);
      expect(attempt('will-redirect', url), url).toBe(true);
      expect(attempt('will-frame-navigate', url), url).toBe(true);
    }
    expect(attempt('will-navigate', APP_ENTRY_URL)).toBe(false);
    expect(attempt('will-attach-webview', APP_ENTRY_URL)).toBe(true);
    expect(c.openHandler?.()).toEqual({ action: 'deny' });
    expect(isTrustedUrl(APP_ENTRY_URL)).toBe(true);
  });

  it('refuses IPC from another origin or a sub-frame without calling any service', async () => {
    let calls = 0;
    const dispatch = (): Promise<{ ok: true; data: null }> => {
      calls++;
      return Promise.resolve({ ok: true, data: null });
    };
    for (const sender of [{ url: 'https://evil.example/', isTopFrame: true }, { url: APP_ENTRY_URL, isTopFrame: false }, { url: null, isTopFrame: true }, { url: 'file:///x/index.html', isTopFrame: true }]) {
      expect(await handleInvoke(sender, dispatch, 'system:restore', { path: '/tmp/evil.db' })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(calls).toBe(0);
    expect(await handleInvoke({ url: APP_ENTRY_URL, isTopFrame: true }, dispatch, 'app:info', {})).toEqual({ ok: true, data: null });
    expect(calls).toBe(1);
  });
});

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { APP_ENTRY_URL, hardenWebContents, isTrustedUrl, senderFault } from '../../../electron/main/security.ts';

describe('isTrustedUrl', () => {
  it.each([APP_ENTRY_URL, 'app://renderer/', 'app://renderer/index.html#/ledger', 'app://renderer/assets/a.js?x=1', 'APP://RENDERER/index.html'])(
    'trusts %s',
    (url) => expect(isTrustedUrl(url)).toBe(true),
  );

  it.each([
    'https://renderer/index.html',
    'http://127.0.0.1:5173/',
    'file:///C:/Windows/index.html',
    'app://renderer.evil.example/index.html',
    'app://evil.example/renderer/index.html',
    'app://renderer@evil.example/',
    'app://user:pw@renderer/',
    'app://renderer:8080/',
    'app:renderer/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
    'not a url',
    `app://renderer/${'a'.repeat(9000)}`,
  ])('refuses %s', (url) => expect(isTrustedUrl(url)).toBe(false));

  it('refuses non-strings', () => {
    expect(isTrustedUrl(null)).toBe(false);
    expect(isTrustedUrl(undefined)).toBe(false);
    expect(isTrustedUrl(42 as unknown as string)).toBe(false);
  });
});

describe('senderFault', () => {
  it('accepts the app page in the top frame', () => {
    expect(senderFault(APP_ENTRY_URL, true)).toBeNull();
  });

  it('refuses a foreign page, a sub-frame of the app and an unknown sender with forbidden-sender', () => {
    for (const [url, top] of [['https://evil.example/', true], [APP_ENTRY_URL, false], [undefined, true]] as const) {
      const fault = senderFault(url, top);
      expect(fault?.code).toBe('forbidden-sender');
      expect(fault?.message).toMatch(/拒绝访问/);
    }
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
}

function fire(contents: FakeContents, name: string, url: string): boolean {
  let prevented = false;
  contents.emit(name, { url, preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('hardenWebContents', () => {
  const contents = new FakeContents();
  hardenWebContents(contents as unknown as WebContents);

  it('blocks navigation and redirects away from the app origin', () => {
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(fire(contents, name, 'https://evil.example/')).toBe(true);
      expect(fire(contents, name, 'file:///etc/passwd')).toBe(true);
      expect(fire(contents, name, 'app://renderer/index.html#/ledger')).toBe(false);
    }
  });

  it('blocks every <webview> and every new window', () => {
    expect(fire(contents, 'will-attach-webview', 'app://renderer/index.html')).toBe(true);
    expect(contents.openHandler?.({ url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  resolveAppPath,
  resolveAppUrl,
  serveAppRequest,
} from '../../../electron/main/protocol.ts';

const base = mkdtempSync(join(tmpdir(), 'ledger-protocol-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
writeFileSync(join(base, 'secret.txt'), 'secret');

describe('resolveAppPath', () => {
  it('maps URL paths to files under the root', () => {
    expect(resolveAppPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, '/assets/%E4%B8%AD.js')).toBe(join(root, 'assets', '中.js'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/index.html%00.js',
    '/C:/Windows/win.ini',
    '/%E0%A4%A',
    '/..',
  ])('refuses %s', (p) => expect(resolveAppPath(root, p)).toBeNull());

  it('never returns a path outside the root', () => {
    for (const p of ['/a/b/../../../x', '/./././../x', '//etc/passwd', '/assets/./app.js']) {
      const file = resolveAppPath(root, p);
      if (file !== null) expect(file.startsWith(resolve(root))).toBe(true);
    }
  });
});

describe('resolveAppUrl', () => {
  it('serves only the app host', () => {
    expect(resolveAppUrl(root, 'app://renderer/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppUrl(root, 'app://other/assets/app.js')).toBeNull();
    expect(resolveAppUrl(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppUrl(root, 'nonsense')).toBeNull();
  });
});

describe('serveAppRequest', () => {
  it('returns the file with its type and the CSP header', async () => {
    const res = await serveAppRequest(root, 'app://renderer/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('export {}');
  });

  it('answers 403 for traversal and 404 for a missing file', async () => {
    expect((await serveAppRequest(root, 'app://renderer/..%2fsecret.txt')).status).toBe(403);
    // The URL parser itself folds %2e%2e segments, which then stay inside the root.
    expect((await serveAppRequest(root, 'app://renderer/%2e%2e/secret.txt')).status).toBe(404);
    expect((await serveAppRequest(root, 'app://renderer/missing.js')).status).toBe(404);
  });
});

describe('content security policy', () => {
  it('is strict: no inline or eval script, no plugins, no framing, no base or form targets', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(d);
    }
  });

  it('matches the meta tag in renderer/index.html (which cannot carry frame-ancestors)', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const headerWithoutFraming = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(meta).toBe(headerWithoutFraming);
  });

  it('gives module scripts a JavaScript MIME type', () => {
    expect(contentTypeFor('a.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('a.MJS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('a.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

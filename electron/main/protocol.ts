/**
 * Serves the built renderer from `app://renderer/…` (checklist: prefer a custom protocol to file://,
 * which would expose the whole disk to a page). The resolver is pure and also serves the e2e
 * harness's static server, so both read files through the same traversal-safe rule.
 * Only `import type` from electron: the caller passes the `protocol` module in.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './security.ts';

/** Mirrors the meta tag in renderer/index.html; sent as a header too, since a header also covers workers. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** Module scripts are refused by Chromium unless served with a JavaScript MIME type. */
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path ("/assets/a.js", "/") to a file under `root`, or null when the path is malformed
 * or would leave `root` (`..`, encoded `%2e%2e`, backslashes, NUL, absolute drive paths).
 */
export function resolveAppPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded.replace(/^\/+/, '') || 'index.html';
  const segments = rel.split('/');
  if (segments.some((s) => s === '..' || /^[a-zA-Z]:$/.test(s))) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const back = relative(base, file);
  if (back === '' || back.startsWith(`..${sep}`) || back === '..' || isAbsolute(back)) return null;
  return file;
}

/** Resolves a full `app://renderer/…` URL; anything on another host is refused. */
export function resolveAppUrl(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST) return null;
  return resolveAppPath(root, parsed.pathname);
}

/**
 * Must run before `app.whenReady()`. `standard` gives the scheme real origins (so 'self' in the CSP
 * and relative URLs work); `secure` lets it count as a secure context; `corsEnabled` is needed
 * because module scripts are always fetched in CORS mode.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

/** The request handler, separate from registration so it can be exercised without Electron. */
export async function serveAppRequest(root: string, url: string): Promise<Response> {
  const file = resolveAppUrl(root, url);
  if (file === null) return textResponse(403, 'Forbidden');
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), { status: 200, headers: { 'Content-Type': contentTypeFor(file), ...SECURITY_HEADERS } });
  } catch {
    return textResponse(404, 'Not found');
  }
}

export function registerAppProtocol(protocol: Protocol, root: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    return serveAppRequest(root, request.url);
  });
}

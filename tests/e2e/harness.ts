/**
 * e2e harness: the built renderer (out/renderer, from `npm run build:web`) in Debian's Chromium via
 * playwright-core, with `window.api` bound to the real services on a temporary demo database.
 * Only the Electron glue (preload, contextBridge, IPC sender check) is left out; the bridge below
 * has the preload's exact shape. Any page error, console error, failed asset or attempt to reach
 * another origin fails the test when `close()` runs.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { generateDemo, type DemoScale } from '../../electron/demo/generate.ts';
import { setLedgerKey } from '../../electron/db/cipher.ts';
import { setSetting } from '../../electron/db/meta.ts';
import { contentTypeFor, resolveAppPath, SECURITY_HEADERS } from '../../electron/main/protocol.ts';
import type { FileFilter, Platform } from '../../electron/services/context.ts';
import { openSession, type Session } from '../../electron/services/session.ts';
import { EVENT_NAMES, type AppEvents, type EventName } from '../../shared/events.ts';

const REPO = join(import.meta.dirname, '..', '..');
const RENDERER = join(REPO, 'out', 'renderer');
export const SCREENSHOT_DIR = join(REPO, 'artifacts', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

/** A Platform whose dialogs answer from queues the test fills in advance, and which records what it was asked. */
export interface TestPlatform extends Platform {
  answers: { openFiles: string[][]; saveFile: Array<string | null> };
  asked: Array<{ kind: 'openFiles' | 'saveFile'; title: string; filters: FileFilter[] }>;
  revealed: string[];
}

export function testPlatform(): TestPlatform {
  const p: TestPlatform = {
    answers: { openFiles: [], saveFile: [] },
    asked: [],
    revealed: [],
    openFiles: ({ title, filters }) => {
      p.asked.push({ kind: 'openFiles', title, filters });
      return Promise.resolve(p.answers.openFiles.shift() ?? []);
    },
    saveFile: ({ title, filters }) => {
      p.asked.push({ kind: 'saveFile', title, filters });
      return Promise.resolve(p.answers.saveFile.shift() ?? null);
    },
    showItemInFolder: (path) => {
      p.revealed.push(path);
    },
  };
  return p;
}

/** The preload's `window.api`, as plain page JS (a TS function would be serialised after transpiling). */
const BRIDGE_SCRIPT = `(() => {
  const EVENTS = new Set(${JSON.stringify(EVENT_NAMES)});
  const listeners = new Map();
  const invoke = (name, args) => {
    if (typeof name !== 'string') return Promise.reject(new TypeError('method name must be a string'));
    return window.__ledgerInvoke(name, args);
  };
  const on = (event, cb) => {
    if (!EVENTS.has(event)) throw new TypeError('unknown event: ' + String(event));
    if (typeof cb !== 'function') throw new TypeError('callback must be a function');
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const entry = (payload) => cb(payload);
    set.add(entry);
    return () => { set.delete(entry); };
  };
  Object.defineProperty(window, '__ledgerEmit', {
    value: (event, payload) => { for (const cb of listeners.get(event) ?? []) cb(payload); },
  });
  Object.defineProperty(window, 'api', { value: Object.freeze({ invoke, on }), enumerable: true });
})();`;

async function serveStatic(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
    const file = resolveAppPath(root, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (file === null) return send(403, 'Forbidden');
    readFile(file).then(
      (body) => send(200, body, contentTypeFor(file)),
      () => send(404, 'Not found'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface E2eOptions {
  scale?: DemoScale;
  seed?: number;
  /** Leave the operator unset, so the app opens on its first-start dialog (operator and 本单位). */
  firstStart?: boolean;
  /** An encrypted ledger with this key (set process-wide until close), as the app opens one. */
  ledgerKey?: string;
  /** Default 1440×900; the steward's day runs at an office laptop's 1366×768. */
  viewport?: { width: number; height: number };
  /** Open this existing ledger (left in place on close) instead of generating a demo into a temporary one. */
  ledger?: string;
}

export interface E2e {
  page: Page;
  session: Session;
  dbPath: string;
  platform: TestPlatform;
  origin: string;
  /** Page errors, console errors, failed or foreign requests seen so far. */
  errors: string[];
  /** Opens a route of the app ("/", "/ledger"), as a click in the navigation would. */
  open(route: string): Promise<void>;
  /** Pushes an event to the page as main would. */
  emit<E extends EventName>(event: E, payload: AppEvents[E]): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** Tears everything down, then throws if the page reported any error. */
  close(): Promise<void>;
}

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
}

/** The app must work offline: a request to any other origin is refused and reported. */
async function fenceOrigin(context: BrowserContext, origin: string, errors: string[]): Promise<void> {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    errors.push(`foreign request: ${url}`);
    return route.abort('blockedbyclient');
  });
}

export async function startE2e(opts: E2eOptions = {}): Promise<E2e> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build:web` first');
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const dbPath = opts.ledger ?? join(dir, 'ledger.db');
  const platform = testPlatform();
  let page: Page | null = null;
  if (opts.ledgerKey !== undefined) setLedgerKey(opts.ledgerKey);
  const emitToPage = async <E extends EventName>(event: E, payload: AppEvents[E]): Promise<void> => {
    await page?.evaluate(([e, p]) => (globalThis as unknown as { __ledgerEmit(e: unknown, p: unknown): void }).__ledgerEmit(e, p), [event, payload] as const);
  };
  const session = openSession(dbPath, { operator: 'e2e测试', platform, emit: (e, p) => void emitToPage(e, p).catch(() => undefined) });
  let browser: Browser | null = null;
  let server: Server | null = null;
  try {
    if (opts.ledger === undefined) generateDemo(session.ctx.db, { scale: opts.scale ?? 'small', ...(opts.seed === undefined ? {} : { seed: opts.seed }) });
    // The steward of a set-up install has an operator; written directly (not audited) so that the
    // other suites' audit counts stay those of the demo alone.
    if (!opts.firstStart) setSetting(session.ctx.db, 'operator', 'e2e测试');
    const served = await serveStatic(RENDERER);
    server = served.server;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.exposeBinding('__ledgerInvoke', (_source, name: unknown, args: unknown) => session.dispatchFromWindow(name, args));
    await context.addInitScript({ content: BRIDGE_SCRIPT });
    const errors: string[] = [];
    await fenceOrigin(context, served.origin, errors);
    page = await context.newPage();
    watchErrors(page, errors);
    return makeE2e({ page, session, dbPath, platform, origin: served.origin, errors, emit: emitToPage }, async () => {
      await browser?.close();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      await session.close();
      if (opts.ledgerKey !== undefined) setLedgerKey(null);
      rmSync(dir, { recursive: true, force: true });
    });
  } catch (e) {
    await browser?.close();
    server?.close();
    await session.close();
    if (opts.ledgerKey !== undefined) setLedgerKey(null);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

type E2eCore = Pick<E2e, 'page' | 'session' | 'dbPath' | 'platform' | 'origin' | 'errors' | 'emit'>;

function makeE2e(core: E2eCore, teardown: () => Promise<void>): E2e {
  return {
    ...core,
    async open(route) {
      await core.page.goto(`${core.origin}/index.html#${route}`);
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await core.page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await teardown();
      if (core.errors.length) throw new Error(`the page reported errors:\n${core.errors.join('\n')}`);
    },
  };
}

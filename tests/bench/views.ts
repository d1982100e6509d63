/**
 * Every view in Chromium on a county ledger (issue #23, aim ≤ 500 ms): the time from an in-app
 * navigation (as a click in the navigation does) to the view settled — its last service call
 * answered and two frames drawn after it — against the service calls alone (the sum of their
 * times in the main process), with requests sent twice counted. Needs `npm run build:web`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startE2e, type E2e } from '../e2e/harness.ts';
import { report } from './util.ts';

const ROUTES = ['/', '/ledger', '/analysis', '/matrix', '/monitoring', '/export', '/audit', '/settings'];

interface Call {
  key: string;
  start: number;
  end: number | null;
}

/** Wraps the session's dispatch so the page's calls are timed where the services run. */
export function record(e2e: E2e): Call[] {
  const calls: Call[] = [];
  // The page's calls arrive through dispatchFromWindow (the path checks of the window), not dispatch.
  const inner = e2e.session.dispatchFromWindow.bind(e2e.session);
  e2e.session.dispatchFromWindow = async (name, args) => {
    const call: Call = { key: `${String(name)} ${JSON.stringify(args)}`, start: performance.now(), end: null };
    calls.push(call);
    try {
      return await inner(name, args);
    } finally {
      call.end = performance.now();
    }
  };
  return calls;
}

/**
 * Waits until no call is pending for `quietMs` (a view may chain calls), then times two frames:
 * the view is ready when its last answer arrived plus the time to draw after it.
 */
export async function settle(e2e: E2e, calls: Call[], quietMs = 300): Promise<number> {
  // Every view asks for something; its lazily loaded chunk may take a moment to mount.
  for (let waited = 0; calls.length === 0 && waited < 5000; waited += 25) await new Promise((r) => setTimeout(r, 25));
  for (;;) {
    await new Promise((r) => setTimeout(r, 25));
    const last = Math.max(0, ...calls.map((c) => c.end ?? Number.POSITIVE_INFINITY));
    if (Number.isFinite(last) && performance.now() - last >= quietMs) break;
  }
  const f0 = performance.now();
  await e2e.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return Math.max(0, ...calls.map((c) => c.end ?? 0)) + (performance.now() - f0);
}

async function measure(e2e: E2e, calls: Call[], route: string, detail: boolean): Promise<void> {
  calls.length = 0;
  const t0 = performance.now();
  await e2e.page.evaluate(`location.hash = '#${route}'`);
  const ready = (await settle(e2e, calls)) - t0;
  const service = calls.reduce((s, c) => s + ((c.end ?? c.start) - c.start), 0);
  const keys = calls.map((c) => c.key);
  const dups = keys.length - new Set(keys).size;
  report(`${route.padEnd(12)} ${calls.length} 次调用${dups ? `（重复 ${dups}）` : ''}`, ready, Math.max(service, 0.1), '服务调用合计');
  if (detail) for (const c of calls) process.stdout.write(`    ${((c.end ?? c.start) - c.start).toFixed(1).padStart(8)} ms  ${c.key.slice(0, 100)}\n`);
}

export async function run(): Promise<void> {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'renderer', 'index.html'))) {
    process.stdout.write('\n(views: 没有 out/renderer，先运行 npm run build:web；跳过)\n');
    return;
  }
  process.stdout.write('\n== 各页面就绪时间（Chromium，县级规模演示库）==\n');
  const e2e = await startE2e({ scale: 'county' });
  try {
    const calls = record(e2e);
    await e2e.open('/settings');
    await settle(e2e, calls);
    const detail = process.env.BENCH_DETAIL === '1';
    for (const route of ROUTES) await measure(e2e, calls, route, detail);
  } finally {
    await e2e.close().catch((e: unknown) => process.stdout.write(`(页面报告了错误：${(e as Error).message})\n`));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();

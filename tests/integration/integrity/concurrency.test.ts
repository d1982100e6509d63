/**
 * Concurrency: two imports started together are queued (jobs.ts exclusive queue) and run one after
 * the other — the second job's first progress event comes after the first job is done — and the
 * ledger keeps answering queries while an import is being written, showing the last committed state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFileFailure } from '../../../shared/api/import.ts';
import type { AppEvents, EventName } from '../../../shared/events.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { writeTownshipWorkbook } from './workbooks.ts';

interface Seen {
  event: EventName;
  jobId: string;
  at: number;
}

let t: TempDir;
let s: Session;
const events: Seen[] = [];
let fileA = '';
let fileB = '';

beforeAll(async () => {
  t = tempDir('ledger-concurrency-');
  makeDemoDb(t.path('ledger.db'));
  s = openSession(t.path('ledger.db'), {
    operator: '测试员',
    emit: <E extends EventName>(event: E, payload: AppEvents[E]) => {
      const jobId = (payload as { jobId?: string }).jobId;
      if (jobId) events.push({ event, jobId, at: performance.now() });
    },
  });
  fileA = t.path('甲-郭城驿镇.xlsx');
  fileB = t.path('乙-郭城驿镇.xlsx');
  await writeTownshipWorkbook(fileA, 800, { codePrefix: '6204221018', addressCode: '620402' });
  await writeTownshipWorkbook(fileB, 800, { codePrefix: '6204221017', addressCode: '620403' });
}, 300_000);

afterAll(async () => {
  await s?.close();
  t?.remove();
});

describe('two imports started together', () => {
  it('run one after the other, while queries keep answering with the committed state', async () => {
    const statsBefore = await s.call('stats:get', { by: 'township' });
    const [a, b] = await Promise.all([s.call('import:commit', { paths: [fileA] }), s.call('import:commit', { paths: [fileB] })]);
    const both = Promise.all([s.call('import:result', { jobId: a.jobId }), s.call('import:result', { jobId: b.jobId })]);
    let finished = false;
    void both.finally(() => (finished = true));

    // Query the whole time the imports run: every answer comes quickly and shows a committed state.
    const latencies: number[] = [];
    const households = new Set<number>();
    while (!finished) {
      const started = performance.now();
      const st = await s.call('stats:get', { by: 'township' });
      await s.call('audit:list', { pageSize: 20 });
      latencies.push(performance.now() - started);
      households.add(st.total.households);
      await new Promise((r) => setTimeout(r, 20));
    }
    const [ra, rb] = await both;
    for (const r of [ra?.[0], rb?.[0]]) {
      expect(r && !isFileFailure(r) ? r.households.added : r).toBe(800);
    }

    const first = (id: string, event: EventName): number => events.find((e) => e.jobId === id && e.event === event)?.at ?? NaN;
    const progressOf = (id: string): number[] => events.filter((e) => e.jobId === id && e.event === 'job:progress').map((e) => e.at);
    const [earlier, later] = first(a.jobId, 'job:done') < first(b.jobId, 'job:done') ? [a.jobId, b.jobId] : [b.jobId, a.jobId];
    expect(progressOf(later).length).toBeGreaterThan(0);
    expect(Math.min(...progressOf(later))).toBeGreaterThan(first(earlier, 'job:done'));

    // Several answers came back while the imports were still running, so no query waited for an
    // import to finish (a fixed latency bound would fail on a loaded machine; speed is `npm run bench`).
    expect(latencies.length).toBeGreaterThan(3);
    // Only whole imports are ever visible: before, after one, after both.
    const base = statsBefore.total.households;
    for (const h of households) expect([base, base + 800, base + 1600]).toContain(h);
    expect((await s.call('stats:get', { by: 'township' })).total.households).toBe(base + 1600);
    expect((await s.call('audit:verify', {})).ok).toBe(true);
     
    console.log(`queries answered during the imports: ${latencies.length}, slowest ${Math.round(Math.max(...latencies))} ms`);
  }, 600_000);
});

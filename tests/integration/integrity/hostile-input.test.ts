/**
 * Hostile input: every file of the generated corpus, imported through the real import service
 * (commit mode, worker with limits), must end in a clear Chinese error naming the file, within a
 * time limit, with this process alive and the database exactly as it was.
 */
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFileFailure, type FileOutcome } from '../../../shared/api/import.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import { countsOf } from './helpers.ts';
import { buildCorpus, type HostileCase } from './hostile-corpus.ts';

const SEED = Number(process.env.HOSTILE_SEED ?? 20_251_129);
/** Generous for a loaded 2-core machine; each case normally ends in well under a second or two. */
const LIMIT_MS = 90_000;

let t: TempDir;
let s: Session;
let cases: HostileCase[] = [];
const results: Array<{ name: string; ms: number; code: string; message?: string }> = [];

beforeAll(async () => {
  t = tempDir('ledger-hostile-');
  s = demoSession(t.path('ledger.db'));
  cases = await buildCorpus(t.dir, SEED);
}, 600_000);

afterAll(async () => {
   
  console.log(`hostile-input cases run: ${results.length} (seed ${SEED})\n${results.map((r) => `  ${r.code.padEnd(16)} ${String(r.ms).padStart(6)} ms  ${r.name} — ${(r.message ?? '').slice(0, 90)}`).join('\n')}`);
  await s?.close();
  t?.remove();
});

/**
 * The clear error of an outcome: a refused file, or a report that wrote nothing and says why in its
 * first issue (e.g. no header row found in what could be read). Null when data was imported.
 */
function failureOf(o: FileOutcome): { code: string; message: string } | null {
  if (isFileFailure(o)) return { code: o.error.code, message: o.error.message };
  const first = o.errors[0];
  if (o.batchId === null && o.households.added + o.members.added === 0 && first) {
    return { code: `report:${first.code}`, message: `${o.file}：${first.message}` };
  }
  return null;
}

async function importWithin(path: string, ms: number): Promise<FileOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    const run = (async () => {
      const { jobId } = await s.call('import:commit', { paths: [path] });
      const [outcome] = await s.call('import:result', { jobId });
      if (!outcome) throw new Error('no outcome');
      return outcome;
    })();
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('hostile input corpus', () => {
  it('is generated', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('ends every case in a clear error, in time, with the database unchanged', async () => {
    const problems: string[] = [];
    for (const c of cases) {
      const before = countsOf(s.ctx.db);
      const started = Date.now();
      const outcome = await importWithin(c.path, LIMIT_MS);
      const ms = Date.now() - started;
      const failure = failureOf(outcome);
      results.push({ name: c.name, ms, code: failure?.code ?? 'IMPORTED', message: failure?.message ?? '' });
      const changed = JSON.stringify(countsOf(s.ctx.db)) !== JSON.stringify(before);
      if (!failure) problems.push(`${c.name}: no error — ${JSON.stringify(outcome).slice(0, 600)}`);
      else if (!failure.message.includes(basename(c.path)) || !/[\u4e00-\u9fff]/.test(failure.message)) problems.push(`${c.name}: unclear message ${failure.message}`);
      else if (failure.code === 'internal') problems.push(`${c.name}: internal error ${failure.message}`);
      if (changed) problems.push(`${c.name}: the database changed`);
      if (ms >= LIMIT_MS) problems.push(`${c.name}: took ${ms} ms`);
    }
    expect(problems).toEqual([]);
    expect(s.ctx.db.pragma('quick_check', { simple: true })).toBe('ok');
    expect((await s.call('audit:verify', {})).ok).toBe(true);
    // Still answering: the app process survived every case.
    expect((await s.call('stats:get', { by: 'county' })).total.households).toBe(1000);
  }, 1_800_000);
});

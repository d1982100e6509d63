/**
 * SIGKILL at random moments during a backup, an undo, an export and a demo build (10 runs each,
 * issue #18 "≥ 10 kills each"; restore and import have their own suites). After every kill the
 * next start (a session opened and closed on the ledger, which sweeps leftovers) leaves no temp
 * file, and the ledger passes integrity_check, the foreign-key check and the audit chain; what the
 * command was writing is either absent or complete under its final name — never half of it.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { sweepLeftovers } from '../../../electron/db/litter.ts';
import { openSession } from '../../../electron/services/session.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { countsOfFile, integrityOfFile, type Counts } from './helpers.ts';
import { rng, runKillable } from './kill.ts';
import { writeTownshipWorkbook } from './workbooks.ts';

const RUNS = 10;
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const CHILD = join(import.meta.dirname, 'children', 'cli-op.ts');
const LITTER = /\.tmp(-wal|-shm|-journal)?$|\.part$|\.importing-\d+$|\.pending-/;

let t: TempDir;
let template: string;
let withBatch: string;
let batchId: number;

beforeAll(async () => {
  t = tempDir('ledger-kills-');
  mkdirSync(t.path('template'));
  template = makeDemoDb(t.path('template/ledger.db'));
  mkdirSync(t.path('batch'));
  withBatch = t.path('batch/ledger.db');
  copyFileSync(template, withBatch);
  const file = t.path('郭城驿镇.xlsx');
  await writeTownshipWorkbook(file, 400);
  const s = openSession(withBatch, { operator: '测试员' });
  const { jobId } = await s.call('import:commit', { paths: [file] });
  const [o] = await s.call('import:result', { jobId });
  batchId = (o as { batchId: number }).batchId;
  await s.close();
}, 300_000);

afterAll(() => t.remove());

function litter(...dirs: string[]): string[] {
  return dirs.filter((d) => existsSync(d)).flatMap((d) => readdirSync(d).filter((n) => LITTER.test(n)).map((n) => join(d, n)));
}

/** The next start, then the ledger's three checks. */
async function startAndCheck(db: string, label: string): Promise<Counts> {
  await openSession(db, { operator: '测试员' }).close();
  expect(integrityOfFile(db), label).toEqual(['ok']);
  const r = new Database(db, { readonly: true });
  try {
    expect(r.pragma('foreign_key_check'), label).toEqual([]);
    expect(verifyAuditChain(r).ok, label).toBe(true);
  } finally {
    r.close();
  }
  return countsOfFile(db);
}

interface Kind {
  name: string;
  /** The ledger file the run works on (copied from `source` unless null). */
  source: string | null;
  args(run: string, db: string): string[];
  /** After the next start: what the command wrote is absent or whole; returns 'before' or 'after'. */
  check(run: string, db: string, label: string): Promise<'before' | 'after'>;
}

const KINDS: Kind[] = [
  {
    name: 'backup', source: null,
    args: (run, db) => ['backup', '--db', db, '--out', join(run, 'usb', '备份.db'), '--operator', '测试员'],
    async check(run, db, label) {
      await startAndCheck(db, label);
      const out = join(run, 'usb', '备份.db');
      if (!existsSync(out)) return 'before';
      expect(integrityOfFile(out), label).toEqual(['ok']);
      expect(countsOfFile(out).households, label).toBe(countsOfFile(template).households);
      return 'after';
    },
  },
  {
    name: 'undo', source: 'batch',
    args: (_run, db) => ['undo', String(batchId), '--db', db, '--operator', '测试员'],
    async check(_run, db, label) {
      const c = await startAndCheck(db, label);
      const before = countsOfFile(withBatch);
      if (c.households === before.households) {
        expect(c, label).toEqual(before);
        return 'before';
      }
      expect(c.households, label).toBe(countsOfFile(template).households);
      return 'after';
    },
  },
  {
    name: 'export', source: null,
    args: (run, db) => ['export', 'ledger', '--db', db, '--out', join(run, 'out', '台账.xlsx'), '--operator', '测试员'],
    async check(run, db, label) {
      await startAndCheck(db, label);
      const out = join(run, 'out', '台账.xlsx');
      if (!existsSync(out)) return 'before';
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.worksheets.length, label).toBeGreaterThan(0);
      return 'after';
    },
  },
  {
    name: 'demo', source: 'none',
    args: (_run, db) => ['demo', '--db', db],
    async check(_run, db, label) {
      // The next start of that path: the app or the next `demo` sweeps first.
      sweepLeftovers(db);
      if (!existsSync(db)) return 'before';
      const c = await startAndCheck(db, label);
      expect(c.households, label).toBe(countsOfFile(template).households);
      return 'after';
    },
  },
];

describe.each(KINDS)(`SIGKILL during $name (${RUNS} runs)`, (kind) => {
  it('the next start leaves no litter and an intact ledger; the output is absent or whole', async () => {
    const prepare = (run: string): string => {
      mkdirSync(join(run, 'usb'), { recursive: true });
      mkdirSync(join(run, 'out'), { recursive: true });
      const db = join(run, 'ledger.db');
      if (kind.source !== 'none') copyFileSync(kind.source === 'batch' ? withBatch : template, db);
      return db;
    };
    const refRun = t.path(`${kind.name}-ref`);
    const windowMs = (await runKillable([CHILD, ...kind.args(refRun, prepare(refRun))], null)).ms;
    expect(await kind.check(refRun, join(refRun, 'ledger.db'), `${kind.name} reference`)).toBe('after');
    const random = rng(SEED);
    const tally = { before: 0, after: 0, killed: 0 };
    for (let i = 0; i < RUNS; i++) {
      const run = t.path(`${kind.name}-${i}`);
      const db = prepare(run);
      const delay = Math.round(windowMs * (0.02 + 0.98 * random()));
      const outcome = await runKillable([CHILD, ...kind.args(run, db)], delay);
      const label = `${kind.name} run ${i} (seed ${SEED}, kill after ${delay} ms of ${windowMs}, killed=${outcome.killed})`;
      tally[await kind.check(run, db, label)]++;
      if (outcome.killed) tally.killed++;
      expect(litter(run, join(run, 'backups'), join(run, 'usb'), join(run, 'out')), label).toEqual([]);
    }
    console.log(`${kind.name} kill runs: ${RUNS} (seed ${SEED}, window ${windowMs} ms): ${tally.killed} killed, ${tally.before} as before, ${tally.after} complete`);
    expect(tally.killed).toBeGreaterThanOrEqual(RUNS / 2);
  }, 600_000);
});

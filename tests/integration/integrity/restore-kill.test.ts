/**
 * A restore killed with SIGKILL at random moments (10 runs): afterwards the database passes
 * integrity_check and its audit chain verifies, and it is either exactly as before the restore or
 * the restored state with every earlier audit entry carried over and the restore's own entry last —
 * never a restore nobody recorded, never a shorter history. The next start leaves no temp copy.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession } from '../../../electron/services/session.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { countsOfFile, dropIncomeYear, integrityOfFile, type Counts } from './helpers.ts';
import { rng, runKillable } from './kill.ts';

const RUNS = 10;
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const CHILD = join(import.meta.dirname, 'children', 'restore.ts');

let t: TempDir;
let template: string;
let backup: string;
let before: Counts;
let restored: Counts;
let windowMs: number;

interface Entry { at: string; action: string; row_key: string | null }

function entries(path: string): Entry[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT at, action, row_key FROM audit_log ORDER BY id').all() as Entry[];
  } finally {
    db.close();
  }
}

function chainOk(path: string): boolean {
  const db = new Database(path, { readonly: true });
  try {
    return verifyAuditChain(db).ok;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  t = tempDir('ledger-restore-kill-');
  mkdirSync(t.path('template'));
  template = makeDemoDb(t.path('template/ledger.db'));
  backup = t.path('usb/backup.db');
  const s = openSession(template, { operator: '测试员' });
  await s.call('system:backup', { path: backup });
  const year = s.ctx.db.prepare('SELECT max(year) FROM income_records').pluck().get() as number;
  expect(dropIncomeYear(s.ctx.db, year, 40)).toBe(40);
  await s.close();
  before = countsOfFile(template);
  const ref = t.path('ref/ledger.db');
  mkdirSync(t.path('ref'));
  copyFileSync(template, ref);
  windowMs = (await runKillable([CHILD, ref, backup], null)).ms;
  restored = countsOfFile(ref);
  expect(restored.income_records).toBeGreaterThan(before.income_records);
  expect(restored.audit_log).toBe(before.audit_log + 1);
}, 300_000);

afterAll(() => t.remove());

describe(`SIGKILL during a restore (${RUNS} runs)`, () => {
  it('leaves the ledger as it was, or restored with its whole history and the restore entry', async () => {
    const random = rng(SEED);
    const history = entries(template);
    const tally = { before: 0, restored: 0 };
    for (let i = 0; i < RUNS; i++) {
      mkdirSync(t.path(`run-${i}`));
      const db = t.path(`run-${i}/ledger.db`);
      copyFileSync(template, db);
      const delay = Math.round(windowMs * (0.02 + 1.0 * random()));
      const outcome = await runKillable([CHILD, db, backup], delay);
      const label = `run ${i} (seed ${SEED}, kill after ${delay} ms of ${windowMs}, killed=${outcome.killed})`;
      // The next start: its sweep removes what the killed run left in the backup folder.
      await openSession(db, { operator: '测试员' }).close();
      expect(integrityOfFile(db), label).toEqual(['ok']);
      expect(chainOk(db), label).toBe(true);
      const counts = countsOfFile(db);
      const log = entries(db);
      if (counts.income_records === before.income_records) {
        expect(counts, label).toEqual(before);
        tally.before++;
      } else {
        expect(counts, label).toEqual(restored);
        expect(log.at(-1)?.action, label).toBe('restore');
        tally.restored++;
      }
      // Every entry made before the restore is still there, in order, with its own time.
      expect(log.slice(0, history.length).map((e) => [e.at, e.action, e.row_key]), label).toEqual(history.map((e) => [e.at, e.action, e.row_key]));
      const dir = t.path(`run-${i}/backups`);
      const litter = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.includes('.tmp-')) : [];
      expect(litter, label).toEqual([]);
    }
    console.log(`restore kill runs: ${RUNS} (seed ${SEED}, window ${windowMs} ms): ${tally.before} as before, ${tally.restored} restored`);
    expect(tally.before).toBeGreaterThanOrEqual(2);
  }, 300_000);
});

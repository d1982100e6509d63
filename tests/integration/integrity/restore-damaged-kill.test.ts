/**
 * A restore over a DAMAGED ledger killed with SIGKILL at random moments (10 runs). The damaged file
 * used to be moved aside first, so a kill before the restored copy was complete left no ledger at its
 * path. Now: there is always a ledger at the path — either the damaged one (which opens read-only and
 * says so, as before the restore) or the restored one, passing integrity_check with its chain intact.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession } from '../../../electron/services/session.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { corruptPages, countsOfFile, integrityOfFile } from './helpers.ts';
import { rng, runKillable } from './kill.ts';

const RUNS = 10;
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const CHILD = join(import.meta.dirname, 'children', 'restore.ts');

let t: TempDir;
let damaged: string;
let backup: string;
let windowMs: number;

beforeAll(async () => {
  t = tempDir('ledger-restore-damaged-kill-');
  mkdirSync(t.path('template'));
  damaged = makeDemoDb(t.path('template/ledger.db'));
  backup = t.path('usb/backup.db');
  const s = openSession(damaged, { operator: '测试员' });
  await s.call('system:backup', { path: backup });
  await s.close();
  const db = new Database(damaged);
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.close();
  corruptPages(damaged, [Math.floor(pages / 3), Math.floor(pages / 2), Math.floor((pages * 2) / 3)]);
  mkdirSync(t.path('ref'));
  copyFileSync(damaged, t.path('ref/ledger.db'));
  const ref = await runKillable([CHILD, t.path('ref/ledger.db'), backup, 'damaged'], null);
  expect(ref.killed).toBe(false);
  windowMs = ref.ms;
}, 300_000);

afterAll(() => t.remove());

describe(`SIGKILL during a restore over a damaged ledger (${RUNS} runs)`, () => {
  it('always leaves a ledger at its path: the damaged one (read-only, explained) or the restored one', async () => {
    const random = rng(SEED);
    const tally = { damaged: 0, restored: 0 };
    for (let i = 0; i < RUNS; i++) {
      mkdirSync(t.path(`run-${i}`));
      const db = t.path(`run-${i}/ledger.db`);
      copyFileSync(damaged, db);
      const delay = Math.round(windowMs * (0.05 + 1.0 * random()));
      const outcome = await runKillable([CHILD, db, backup, 'damaged'], delay);
      const label = `run ${i} (seed ${SEED}, kill after ${delay} ms of ${windowMs}, killed=${outcome.killed})`;
      expect(existsSync(db), label).toBe(true);
      const next = openSession(db, { operator: '测试员', checkAtOpen: 'always' });
      const reason = next.ctx.readOnlyReason;
      await next.close();
      if (reason !== null) {
        expect(reason, label).toContain('完整性检查未通过');
        tally.damaged++;
      } else {
        expect(integrityOfFile(db), label).toEqual(['ok']);
        const r = new Database(db, { readonly: true });
        expect(verifyAuditChain(r).ok, label).toBe(true);
        expect(r.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get(), label).toBe('restore');
        r.close();
        expect(countsOfFile(db).households, label).toBe(countsOfFile(backup).households);
        tally.restored++;
      }
      const litter = readdirSync(t.path(`run-${i}`)).filter((n) => n.endsWith('.tmp'));
      expect(litter, label).toEqual([]);
    }
    console.log(`damaged restore kill runs: ${RUNS} (seed ${SEED}, window ${windowMs} ms): ${tally.damaged} still damaged, ${tally.restored} restored`);
    expect(tally.damaged + tally.restored).toBe(RUNS);
  }, 300_000);
});

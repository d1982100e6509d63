/**
 * "database is locked" (issue #18 item 5): a write that finds the ledger locked waits SQLite's
 * busy_timeout, then says why. While an import writes, its marker stands beside the ledger and the
 * message is 正在导入，请稍后; another holder of the lock gets the general message. Reads go on.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInProgress, markImporting } from '../../../electron/db/import-marker.ts';
import { sweepLeftovers } from '../../../electron/db/litter.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import type { AppEvents, EventName } from '../../../shared/events.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { writeTownshipWorkbook } from './workbooks.ts';

let t: TempDir;
let db: string;
let s: Session;

const markers = (): string[] => readdirSync(t.dir).filter((n) => n.startsWith(`.${basename(db)}.importing-`));

beforeAll(() => {
  t = tempDir('ledger-busy-');
  db = makeDemoDb(t.path('ledger.db'));
  s = openSession(db, { operator: '测试员' });
});

afterAll(async () => {
  await s.close();
  t.remove();
});

/** Holds the write lock from a second connection, as another window's import transaction does. */
function holdLock(): () => void {
  const other = new Database(db);
  other.prepare('BEGIN IMMEDIATE').run();
  return () => {
    other.prepare('ROLLBACK').run();
    other.close();
  };
}

async function refusedWrite(): Promise<{ code: string; message: string }> {
  const env = await s.dispatch('settings:set', { operator: '测试员' });
  if (env.ok) throw new Error('the write went through a held lock');
  return env.error;
}

describe('a write while the ledger is locked', () => {
  it('during an import waits, then says 正在导入，请稍后; reads still answer', async () => {
    const release = holdLock();
    const unmark = markImporting(db);
    try {
      expect(importInProgress(db)).toBe(true);
      const stats = await s.call('stats:get', { by: 'township' });
      expect(stats.rows.length).toBeGreaterThan(0);
      const error = await refusedWrite();
      expect(error.code).toBe('busy');
      expect(error.message).toContain('正在导入，请稍后');
    } finally {
      unmark();
      release();
    }
    expect(markers()).toEqual([]);
  });

  it('held by something else says the database is in use, not 正在导入', async () => {
    const release = holdLock();
    try {
      const error = await refusedWrite();
      expect(error.code).toBe('busy');
      expect(error.message).toContain('数据库正被其他程序占用');
      expect(error.message).not.toContain('正在导入');
    } finally {
      release();
    }
  });

  it('the import puts its marker up while it writes and takes it down after', async () => {
    const file = t.path('郭城驿镇.xlsx');
    await writeTownshipWorkbook(file, 300);
    let seenDuringWrite = false;
    const watcher = openSession(db, {
      operator: '测试员',
      emit: <E extends EventName>(event: E, payload: AppEvents[E]) => {
        if (event === 'job:progress' && (payload as { kind?: string }).kind === 'import:commit' && markers().length > 0) seenDuringWrite = true;
      },
    });
    try {
      const { jobId } = await watcher.call('import:commit', { paths: [file] });
      const [outcome] = await watcher.call('import:result', { jobId });
      expect(outcome && 'batchId' in outcome && outcome.batchId).toBeTruthy();
    } finally {
      await watcher.close();
    }
    expect(seenDuringWrite).toBe(true);
    expect(markers()).toEqual([]);
  });

  it('a marker left by a killed import (its process gone) means nothing and is swept at start', () => {
    const stale = t.path(`.${basename(db)}.importing-999999`);
    writeFileSync(stale, 'x');
    expect(importInProgress(db)).toBe(false);
    expect(sweepLeftovers(db)).toContain(stale);
    expect(existsSync(stale)).toBe(false);
  });
});

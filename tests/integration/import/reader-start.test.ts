/**
 * A large file's reader thread starts before the writer begins its transaction, so that it opens the
 * file meanwhile. When the writer then fails before reading a single event (here: another
 * connection holds the write lock), the import must end the thread too: a thread left waiting
 * for the writer's credits would keep its memory and its connection to the ledger.
 */
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/db/connection.ts';
import { importFile } from '../../../electron/import/pipeline.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir('import-reader-start-');
});
afterAll(() => tmp.remove());

/** Threads of this process (Linux): a worker thread is one of them while it lives. */
const threads = (): number => readdirSync('/proc/self/task').length;

describe('the early-started reader thread', () => {
  it('is stopped when the writer fails before reading from it', async () => {
    const file = tmp.path('郭城驿镇.xlsx');
    // Far more than the reader may send ahead of the writer (8 batches), so it would block, file open.
    await writeMemberWorkbook(file, makeHouseholds(800));
    const dbPath = tmp.path('ledger.db');
    const db = openDatabase(dbPath);
    db.pragma('busy_timeout = 300');
    const blocker = new Database(dbPath);
    blocker.exec('BEGIN IMMEDIATE');
    const before = threads();
    try {
      await expect(importFile(db, { path: file, mode: 'commit', operator: '测试员', dbPath, threads: 'always' })).rejects.toThrow(/locked|busy/i);
      // After the failure the reader goes away. Polled rather than one fixed sleep, which a loaded
      // machine could outlast; a reader left blocked on its full window would fail the wait.
      await vi.waitFor(() => expect(threads()).toBeLessThanOrEqual(before), { timeout: 60_000, interval: 100 });
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
      db.close();
    }
    // The ledger is as it was: no batch, no household.
    const check = openDatabase(dbPath);
    expect(check.prepare('SELECT (SELECT count(*) FROM import_batches) + (SELECT count(*) FROM households)').pluck().get()).toBe(0);
    check.close();
  });
});

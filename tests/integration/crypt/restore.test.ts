/**
 * Encrypted ledgers (#24, second slice): a backup of an encrypted ledger restores into it (the copy
 * stays encrypted, the stats come back, the audit chain verifies), and an encrypted ledger opened
 * without a key says a key is needed instead of calling the file damaged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLedgerKey } from '../../../electron/db/cipher.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { findDigitRun } from '../../../electron/db/encrypt.ts';
import type { Session } from '../../../electron/services/session.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import { countsOf, dropIncomeYear } from '../integrity/helpers.ts';

const KEY = 'restore-test-key 钥';
let t: TempDir;
let s: Session;

beforeEach(() => {
  t = tempDir('ledger-crypt-restore-');
  setLedgerKey(KEY);
  s = demoSession(t.path('ledger.db'));
});

afterEach(async () => {
  await s.close();
  setLedgerKey(null);
  t.remove();
});

describe('encrypted restore', () => {
  it('restores an encrypted backup into the encrypted ledger, which stays encrypted', async () => {
    const statsBefore = await s.call('stats:get', { by: 'township' });
    const countsBefore = countsOf(s.ctx.db);
    await s.call('system:backup', { path: t.path('usb/备份.db') });
    expect(findDigitRun(readFileSync(t.path('usb/备份.db')))).toBe(-1);

    expect(dropIncomeYear(s.ctx.db, statsBefore.year, 100)).toBe(100);
    const r = await s.call('system:restore', { path: t.path('usb/备份.db') });
    expect(r?.previousBackup).toMatch(/-restore\.db$/);
    expect(await s.call('stats:get', { by: 'township' })).toEqual(statsBefore);
    const after = countsOf(s.ctx.db);
    // The backup's entry and the 100 removals are carried over (#18), then the restore's own entry.
    expect(r?.carriedEntries).toBe(101);
    expect({ ...after, audit_log: after.audit_log - 102 }).toEqual(countsBefore);
    expect(await s.call('audit:verify', {})).toMatchObject({ ok: true });
    expect((await s.call('audit:list', { pageSize: 1 })).rows[0]).toMatchObject({ action: 'restore' });

    s.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = readFileSync(t.path('ledger.db'));
    expect(raw.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(findDigitRun(raw)).toBe(-1);

    // The state before the restore is an encrypted backup too, and restores back.
    await s.call('system:restore', { path: r?.previousBackup ?? '' });
    expect((await s.call('stats:get', { by: 'township' })).total.households).toBe(statsBefore.total.households - 100);
  });

  it('refuses a backup made with another key and leaves the ledger as it was', async () => {
    const before = countsOf(s.ctx.db);
    await s.call('system:backup', { path: t.path('mine.db') });
    await s.close();
    setLedgerKey('another key');
    const other = demoSession(t.path('other.db'));
    await other.call('system:backup', { path: t.path('theirs.db') });
    await other.close();
    setLedgerKey(KEY);
    s = demoSession(t.path('ledger.db'), null);
    await expect(s.call('system:restore', { path: t.path('theirs.db') })).rejects.toThrow(/密钥不正确/);
    expect(countsOf(s.ctx.db)).toEqual({ ...before, audit_log: before.audit_log + 1 });
  });

  it('says a key is needed when an encrypted ledger is opened without one', async () => {
    await s.close();
    setLedgerKey(null);
    expect(() => openDatabase(t.path('ledger.db'), { mustExist: true })).toThrow(/此台账已加密，需要密钥/);
    const cli = runCliProcess(['stats', '--db', t.path('ledger.db')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/此台账已加密，需要密钥/);
    expect(cli.stderr).not.toMatch(/可能不是本软件的数据库或已损坏/);
    // A file that is simply not a database keeps the ordinary message.
    writeFileSync(t.path('junk.db'), Buffer.alloc(4096, 'ab'));
    expect(() => openDatabase(t.path('junk.db'))).toThrow(/无法读取/);
    setLedgerKey(KEY);
    s = demoSession(t.path('ledger.db'), null);
  });
});

/**
 * Backup → change → restore → compare, on real files: the restored ledger has exactly the stats it
 * had when backed up, its audit chain verifies, and the restore itself is audited after the
 * backup's last entry. Plus the guards: verified copies only, no overwrite, rotation size.
 */
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRotation, pruneRotation, rotationName, verifyCopy } from '../../../electron/db/backup.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import { countsOf, dropIncomeYear, integrityOfFile } from './helpers.ts';

let t: TempDir;
let s: Session;

beforeEach(() => {
  t = tempDir('ledger-backup-');
  s = demoSession(t.path('ledger.db'));
});

afterEach(async () => {
  await s.close();
  t.remove();
});

describe('manual backup and restore', () => {
  it('restores exactly the backed-up state: same stats, same counts, audit chain intact', async () => {
    const statsBefore = await s.call('stats:get', { by: 'township' });
    const countsBefore = countsOf(s.ctx.db);
    const backup = await s.call('system:backup', { path: t.path('usb/台账备份.db') });
    expect(backup?.bytes).toBeGreaterThan(100_000);
    expect(integrityOfFile(t.path('usb/台账备份.db'))).toEqual(['ok']);

    expect(dropIncomeYear(s.ctx.db, statsBefore.year, 200)).toBe(200);
    await s.call('settings:set', { unit_name: '会宁县乡村振兴局' });
    const statsChanged = await s.call('stats:get', { by: 'township' });
    expect(statsChanged.total.households).toBe(statsBefore.total.households - 200);

    const r = await s.call('system:restore', { path: t.path('usb/台账备份.db') });
    expect(r?.previousBackup).toMatch(/-restore\.db$/);
    expect(await s.call('stats:get', { by: 'township' })).toEqual(statsBefore);
    const after = countsOf(s.ctx.db);
    // Every entry made after the backup (the backup's own, 200 removals, the setting) is carried
    // over, then the restore's own entry: the history is never shortened by a restore.
    expect(r?.carriedEntries).toBe(202);
    expect({ ...after, audit_log: after.audit_log - 203 }).toEqual(countsBefore);
    expect(await s.call('audit:verify', {})).toMatchObject({ ok: true, entries: countsBefore.audit_log + 203 });
    const last = (await s.call('audit:list', { pageSize: 1 })).rows[0];
    expect(last).toMatchObject({ action: 'restore', operator: '测试员' });
    expect(JSON.parse(last?.detail ?? '{}')).toMatchObject({ carriedEntries: 202, sharedUpTo: countsBefore.audit_log });
    expect(await s.call('settings:get', {})).toMatchObject({ unit_name: '' });

    // The state before the restore is itself a verified backup: restoring it brings the change back.
    await s.call('system:restore', { path: r?.previousBackup ?? '' });
    expect((await s.call('stats:get', { by: 'township' })).total.households).toBe(statsBefore.total.households - 200);
    // That backup holds the 202 entries itself: only the first restore's entry is carried back.
    expect(await s.call('audit:verify', {})).toMatchObject({ ok: true, entries: countsBefore.audit_log + 202 + 2 });
  });

  it('writes a self-contained single file (rollback journal, no -wal needed) and audits the backup', async () => {
    await s.call('system:backup', { path: t.path('b.db') });
    expect(existsSync(t.path('b.db-wal'))).toBe(false);
    const copy = new Database(t.path('b.db'), { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    const page = await s.call('audit:list', { action: 'backup' });
    expect(page.total).toBe(1);
    expect(page.rows[0]?.detail).toContain('b.db');
  });

  it('never overwrites an existing file and never writes over the live database', async () => {
    writeFileSync(t.path('exists.db'), 'keep me');
    await expect(s.call('system:backup', { path: t.path('exists.db') })).rejects.toMatchObject({ code: 'conflict' });
    await expect(s.call('system:backup', { path: t.path('ledger.db') })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses to restore from a file that is not a sound ledger, leaving the live data untouched', async () => {
    const before = countsOf(s.ctx.db);
    writeFileSync(t.path('junk.db'), 'PK\u0003\u0004 this is a spreadsheet, not a database');
    await expect(s.call('system:restore', { path: t.path('junk.db') })).rejects.toMatchObject({ code: 'file-unreadable' });
    const other = new Database(t.path('other.db'));
    other.exec('CREATE TABLE x (a)');
    other.pragma('user_version = 1');
    other.close();
    await expect(s.call('system:restore', { path: t.path('other.db') })).rejects.toMatchObject({ code: 'file-type' });
    await s.call('system:backup', { path: t.path('newer.db') });
    const newer = new Database(t.path('newer.db'));
    newer.pragma('user_version = 999');
    newer.close();
    await expect(s.call('system:restore', { path: t.path('newer.db') })).rejects.toMatchObject({ code: 'db-newer' });
    await expect(s.call('system:restore', { path: t.path('missing.db') })).rejects.toMatchObject({ code: 'file-unreadable' });
    expect(countsOf(s.ctx.db)).toEqual({ ...before, audit_log: before.audit_log + 1 });
    expect(listRotation(t.path('ledger.db'))).toHaveLength(0);
  });

  it('asks for the file through the platform dialog and does nothing when the user cancels', async () => {
    expect(await s.call('system:backup', {})).toBeNull();
    expect(await s.call('system:restore', {})).toBeNull();
  });

  it('requires an operator before a backup is recorded', async () => {
    const { openSession } = await import('../../../electron/services/session.ts');
    const anon = openSession(t.path('ledger.db'));
    try {
      await expect(anon.call('system:backup', { path: t.path('x.db') })).rejects.toMatchObject({ code: 'operator-required' });
    } finally {
      await anon.close();
    }
  });
});

describe('automatic backups', () => {
  it('beforeWrite keeps a rotation of verified copies of the configured size', async () => {
    await s.call('settings:set', { backup_keep: 3 });
    const taken: string[] = [];
    for (const reason of ['clear-demo', 'restore', 'clear-demo', 'restore', 'clear-demo']) taken.push(await s.ctx.beforeWrite(reason));
    const kept = listRotation(t.path('ledger.db'));
    expect(kept.map((k) => k.path)).toEqual(taken.slice(-3).reverse());
    expect(kept.map((k) => k.reason)).toEqual(['clear-demo', 'restore', 'clear-demo']);
    for (const k of kept) expect(verifyCopy(k.path, 'full').schemaVersion).toBeGreaterThan(0);
    expect(pruneRotation(t.path('ledger.db'), 1)).toHaveLength(2);
  });

  it('names backups by time and reason, and only its own names count as rotation', () => {
    const name = rotationName('/x/台账.db', '导入 import!', new Date(2025, 0, 2, 3, 4, 5, 6));
    expect(name).toBe('台账-20250102-030405-006-import.db');
  });
});

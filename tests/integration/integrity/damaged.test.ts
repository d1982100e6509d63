/**
 * A damaged database: found by quick_check (at open after an unclean shutdown, else by the app's
 * background check at start), opened read-only with a Chinese reason that
 * names the newest good backup, every write refused as 'db-readonly' by SQLite itself, and a
 * restore that moves the damaged file aside and brings back a writable ledger.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection.ts';
import { MIGRATIONS } from '../../../electron/db/migrations/index.ts';
import { listRotation } from '../../../electron/db/backup.ts';
import { openSession } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import Database from 'better-sqlite3';
import { corruptPages, countsOf, countsOfFile } from './helpers.ts';

let t: TempDir;

beforeEach(() => {
  t = tempDir('ledger-damaged-');
});
afterEach(() => t.remove());

/** A demo ledger with one automatic backup, then damaged on disk while closed. */
async function damagedLedger(): Promise<{ path: string; backup: string; counts: ReturnType<typeof countsOf> }> {
  const path = t.path('ledger.db');
  const s = demoSession(path);
  const backup = await s.ctx.beforeWrite('import');
  const counts = countsOf(s.ctx.db);
  await s.close();
  const db = new Database(path);
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.close();
  corruptPages(path, [Math.floor(pages / 3), Math.floor(pages / 2), Math.floor((pages * 2) / 3)]);
  return { path, backup, counts };
}

describe('damaged database', () => {
  it('opens read-only, says why in Chinese and offers the latest good backup', async () => {
    const { path, backup } = await damagedLedger();
    const s = openSession(path, { operator: '测试员' });
    try {
      // A clean shutdown: no check on the open path; the app's background check finds the damage.
      expect(s.ctx.readOnlyReason).toBeNull();
      const events: string[] = [];
      s.ctx.emit = (_e, payload) => void events.push((payload as { reason: string }).reason);
      expect((await s.checkInBackground())?.ok).toBe(false);
      expect(events).toEqual(['damaged']);
      const info = await s.call('app:info', {});
      expect(info.readOnly).toBe(true);
      expect(info.readOnlyReason).toMatch(/完整性检查未通过.*只读.*最近一份完好的自动备份是 /);
      expect(info.readOnlyReason).toContain(backup.split(/[\\/]/).pop());
      const sys = await s.call('system:info', {});
      expect(sys.readOnly).toBe(true);

      // A service that forgets to ask is still stopped: the connection itself is read-only.
      const env = await s.dispatch('settings:set', { unit_name: '某单位' });
      expect(env).toMatchObject({ ok: false, error: { code: 'db-readonly' } });
      expect(() => s.ctx.assertWritable()).toThrow(/不能修改/);
      await expect(s.ctx.beforeWrite('import')).rejects.toMatchObject({ code: 'db-readonly' });
      const check = await s.call('system:check', { full: true });
      expect(check.ok).toBe(false);
      expect(check.problems.length).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });

  it('restores the latest good backup over it: damaged file kept aside, ledger writable again', async () => {
    const { path, backup, counts } = await damagedLedger();
    const s = openSession(path, { operator: '测试员', checkAtOpen: 'always' });
    try {
      expect(s.ctx.readOnlyReason).not.toBeNull();
      const r = await s.call('system:restore', { path: backup });
      expect(r?.previousBackup).toBeNull();
      expect(r?.damagedMovedTo && existsSync(r.damagedMovedTo)).toBe(true);
      expect(s.ctx.readOnlyReason).toBeNull();
      expect((await s.call('system:check', { full: true })).ok).toBe(true);
      expect(countsOf(s.ctx.db)).toEqual({ ...counts, audit_log: counts.audit_log + 1 });
      await s.call('settings:set', { unit_name: '会宁县乡村振兴局' });
      expect((await s.call('audit:verify', {})).ok).toBe(true);
      // The damaged file is not mistaken for a backup.
      expect(listRotation(path).every((e) => !e.name.startsWith('damaged-'))).toBe(true);
    } finally {
      await s.close();
    }
    expect(countsOfFile(path).settings).toBeGreaterThan(0);
  });

  it('says when there is no good backup', async () => {
    const path = t.path('ledger.db');
    const s = demoSession(path);
    await s.close();
    const db = new Database(path);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close();
    corruptPages(path, [Math.floor(pages / 2)]);
    const again = openSession(path, { checkAtOpen: 'always' });
    try {
      expect(again.ctx.readOnlyReason).toMatch(/没有找到完好的自动备份/);
    } finally {
      await again.close();
    }
  });
});

describe('when the file is checked', () => {
  it('checks at open after an unclean shutdown (a -wal left behind), not after a clean one', async () => {
    const path = t.path('ledger.db');
    const s = demoSession(path);
    await s.call('settings:set', { unit_name: '会宁县乡村振兴局' });
    // Copying the file and its WAL while the session is open gives the image a crash leaves.
    const crashed = t.path('crashed.db');
    copyFileSync(path, crashed);
    copyFileSync(`${path}-wal`, `${crashed}-wal`);
    await s.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const db = new Database(crashed, { readonly: true });
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close();
    corruptPages(crashed, [Math.floor(pages / 2)]);
    const afterCrash = openSession(crashed);
    try {
      expect(afterCrash.ctx.readOnlyReason).toMatch(/完整性检查未通过/);
    } finally {
      await afterCrash.close();
    }
    // The cleanly closed file passes its background check, which is recorded.
    const clean = openSession(path);
    try {
      expect((await clean.checkInBackground())?.ok).toBe(true);
      const at = clean.ctx.db.prepare(`SELECT value FROM meta WHERE key = 'integrity_checked_at'`).pluck().get() as string;
      expect(Date.now() - Date.parse(at)).toBeLessThan(60_000);
    } finally {
      await clean.close();
    }
  });
});

describe('backup before migration', () => {
  it('copies an older ledger into the rotation before upgrading it', () => {
    const path = t.path('old.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    const [first, second] = MIGRATIONS;
    if (!first || !second) throw new Error('needs two migrations');
    // A ledger from before named steps, at version 1.
    db.transaction(() => {
      first.up(db);
      db.pragma('user_version = 1');
    })();
    db.close();
    openDatabase(path).close();
    const rotation = listRotation(path);
    expect(rotation).toHaveLength(1);
    expect(rotation[0]?.reason).toBe(`migration-${second.name}`);
    const copy = new Database(rotation[0]?.path ?? '', { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    copy.close();
  });
});

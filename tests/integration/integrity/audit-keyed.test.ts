/**
 * The keyed, anchored chain (issue #18 item 3), attacked as someone with the file would: with the
 * triggers dropped, cutting off the tail, emptying the log, editing an entry and recomputing the
 * whole chain (unkeyed, or with a guessed key) — each found. A chain written before step 011 is
 * kept, sealed by the first keyed entry, and a rewrite of that old part is found too. A chain
 * signed with another installation's key is named as such, not as tampering.
 */
import Database from 'better-sqlite3';
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

let t: TempDir;
let s: Session;
let path: string;

interface Row { id: number; at: string; operator: string; action: string; table_name: string | null; row_key: string | null; field: string | null; old_value: string | null; new_value: string | null; household_id: number | null; batch_id: number | null; detail: string | null }

/** Rewrites every hash from `fromId` on, as an attacker who knows the algorithm (and maybe a key) would. */
function recompute(db: Database.Database, chain: 'sha256' | 'hmac', key = 'guessed key'): void {
  let prev = '0'.repeat(64);
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  const upd = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, chain = ? WHERE id = ?');
  for (const r of rows) {
    const canonical = JSON.stringify([r.at, r.operator, r.action, r.table_name, r.row_key, r.field, r.old_value, r.new_value, r.household_id, r.batch_id, r.detail, prev]);
    const hash = chain === 'hmac' ? createHmac('sha256', key).update(canonical).digest('hex') : createHash('sha256').update(canonical).digest('hex');
    upd.run(prev, hash, chain, r.id);
    prev = hash;
  }
}

function attack(sql: (db: Database.Database) => void): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  sql(db);
  db.close();
}

function verifyFile(): ReturnType<typeof verifyAuditChain> {
  const db = new Database(path, { readonly: true });
  try {
    return verifyAuditChain(db, path);
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  t = tempDir('ledger-keyed-');
  path = t.path('ledger.db');
  s = demoSession(path);
  for (let i = 0; i < 5; i++) await s.call('settings:set', { unit_name: `会宁县乡村振兴局${i}` });
  expect(await s.call('audit:verify', {})).toMatchObject({ ok: true, entries: 6 });
  await s.close();
});

afterEach(() => t.remove());

describe('keyed, anchored audit chain', () => {
  it('writes keyed entries and anchors the head beside the file', () => {
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT DISTINCT chain FROM audit_log').pluck().all()).toEqual(['hmac']);
    db.close();
    expect(verifyFile()).toMatchObject({ ok: true, entries: 6 });
  });

  it('finds a cut-off tail and an emptied log', () => {
    attack((db) => db.exec('DELETE FROM audit_log WHERE id > 3'));
    expect(verifyFile()).toMatchObject({ ok: false, reason: expect.stringMatching(/截断.*第 6 条，现在只有 3 条/) });
    attack((db) => db.exec('DELETE FROM audit_log'));
    expect(verifyFile()).toMatchObject({ ok: false, reason: expect.stringMatching(/截断或被清空/) });
  });

  it('does not move the anchor past a cut: later writes keep the evidence', async () => {
    attack((db) => db.exec('DELETE FROM audit_log WHERE id > 3'));
    s = openSession(path, { operator: '测试员' });
    await s.call('settings:set', { unit_name: '靖远县乡村振兴局' });
    expect((await s.call('audit:verify', {})).ok).toBe(false);
    await s.close();
    expect(verifyFile().ok).toBe(false);
  });

  it('finds an edited entry whose chain was recomputed, unkeyed or with a guessed key', () => {
    attack((db) => {
      db.exec("UPDATE audit_log SET operator = '张三' WHERE id = 2");
      recompute(db, 'sha256');
    });
    expect(verifyFile()).toMatchObject({ ok: false, reason: expect.stringMatching(/改写/) });
    attack((db) => recompute(db, 'hmac'));
    expect(verifyFile()).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringMatching(/篡改/) });
  });

  it('finds a downgraded entry after keyed ones', () => {
    attack((db) => {
      const r = db.prepare('SELECT * FROM audit_log WHERE id = 6').get() as Row & { prev_hash: string };
      const canonical = JSON.stringify([r.at, r.operator, r.action, r.table_name, r.row_key, r.field, r.old_value, '"x"', r.household_id, r.batch_id, r.detail, r.prev_hash]);
      db.prepare("UPDATE audit_log SET new_value = '\"x\"', chain = 'sha256', hash = ? WHERE id = 6").run(createHash('sha256').update(canonical).digest('hex'));
    });
    expect(verifyFile()).toMatchObject({ ok: false, brokenAt: 6, reason: expect.stringMatching(/不带密钥/) });
  });

  it('names a chain signed with another key as such', () => {
    process.env.LEDGER_AUDIT_KEY = 'another installation key';
    try {
      expect(verifyFile()).toMatchObject({ ok: false, reason: expect.stringMatching(/另一把审计密钥/) });
    } finally {
      delete process.env.LEDGER_AUDIT_KEY;
    }
  });
});

describe('a chain from before step 011', () => {
  it('is kept, sealed by the first keyed entry; a rewrite of the old part is found', async () => {
    const old = t.path('v7.db');
    copyFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'db', 'v7-release.db'), old);
    const legacy = openSession(old, { operator: '测试员' });
    const before = legacy.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE chain = 'sha256'").pluck().get() as number;
    expect(before).toBeGreaterThan(0);
    await legacy.call('settings:set', { unit_name: '会宁县乡村振兴局' });
    expect(await legacy.call('audit:verify', {})).toMatchObject({ ok: true, entries: before + 1 });
    const [lastOld, firstKeyed] = legacy.ctx.db.prepare('SELECT hash, prev_hash, chain FROM audit_log ORDER BY id DESC LIMIT 2').all().reverse() as Array<{ hash: string; prev_hash: string; chain: string }>;
    expect([lastOld?.chain, firstKeyed?.chain]).toEqual(['sha256', 'hmac']);
    expect(firstKeyed?.prev_hash).toBe(lastOld?.hash);
    await legacy.close();

    path = old;
    attack((db) => {
      db.exec("UPDATE audit_log SET operator = '张三' WHERE id = 1");
      // The attacker recomputes the unkeyed part only (the keyed entry needs the key).
      let prev = '0'.repeat(64);
      for (const r of db.prepare("SELECT * FROM audit_log WHERE chain = 'sha256' ORDER BY id").all() as Row[]) {
        const canonical = JSON.stringify([r.at, r.operator, r.action, r.table_name, r.row_key, r.field, r.old_value, r.new_value, r.household_id, r.batch_id, r.detail, prev]);
        const hash = createHash('sha256').update(canonical).digest('hex');
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
        prev = hash;
      }
    });
    expect(verifyFile()).toMatchObject({ ok: false, brokenAt: before + 1 });
  });
});

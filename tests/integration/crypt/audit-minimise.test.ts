/**
 * Audit minimisation (#24): entries store ID numbers masked, a keyed digest finds them (`audit:list`
 * by ID, `audit --id`), and the step 'audit-minimised' masks an older log's IDs while
 * `audit --verify` stays green — on a real file, reopened as the app reopens it. A chain that was
 * already broken is not re-linked (that would hide the tampering), and tampering after the rewrite
 * is still found.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorHead } from '../../../electron/db/audit-anchor.ts';
import { auditWriter, verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession } from '../../../electron/services/session.ts';
import { maskIdNumber } from '../../../shared/domain/id-number.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { demoSession, makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

let t: TempDir;
beforeAll(() => {
  t = tempDir('ledger-audit-min-');
});
afterAll(() => t.remove());

const ID_RUN = /(?<![0-9])[1-9][0-9]{16}[0-9X](?![0-9])/;

/** Every audit text column holding a full ID number, as stored. */
function fullIdsInLog(db: Database.Database): number {
  const rows = db.prepare('SELECT row_key, old_value, new_value, detail FROM audit_log').all() as Array<Record<string, string | null>>;
  return rows.filter((r) => Object.values(r).some((v) => v !== null && ID_RUN.test(v))).length;
}

function someMember(db: Database.Database): { id: number; id_number: string } {
  return db.prepare("SELECT id, id_number FROM members WHERE length(id_number) = 18 ORDER BY id LIMIT 1").get() as { id: number; id_number: string };
}

describe('new audit entries', () => {
  it('store the ID masked, and the full ID finds them by its keyed digest (API and CLI)', async () => {
    const path = t.path('new.db');
    const s = demoSession(path);
    const m = someMember(s.ctx.db);
    const other = s.ctx.db.prepare('SELECT id_number FROM members WHERE id <> ? AND length(id_number) = 18 LIMIT 1').pluck().get(m.id) as string;
    s.ctx.db.transaction(() => auditWriter(s.ctx.db, '测试员')({ action: 'ledger:update', table: 'members', key: m.id, field: 'id_number', old: m.id_number, new: other })).immediate();
    const stored = s.ctx.db.prepare("SELECT old_value, new_value FROM audit_log WHERE action = 'ledger:update' ORDER BY id DESC LIMIT 1").get();
    expect(stored).toEqual({ old_value: maskIdNumber(m.id_number), new_value: maskIdNumber(other) });
    expect(fullIdsInLog(s.ctx.db)).toBe(0);
    const byId = await s.call('audit:list', { idNumber: m.id_number });
    expect(byId.rows.map((r) => r.field)).toContain('id_number');
    expect(byId.rows.every((r) => r.old === maskIdNumber(m.id_number) || r.new === maskIdNumber(m.id_number) || r.detail?.includes(maskIdNumber(m.id_number)))).toBe(true);
    // Typed into the audit view's search box with spaces, it is looked up the same way.
    const spaced = `${m.id_number.slice(0, 6)} ${m.id_number.slice(6, 14)} ${m.id_number.slice(14)}`;
    expect((await s.call('audit:list', { text: spaced })).total).toBe(byId.total);
    await expect(s.call('audit:list', { idNumber: '1234' })).rejects.toThrow(/证件号码应为 18 位/);
    expect(verifyAuditChain(s.ctx.db)).toMatchObject({ ok: true });
    await s.close();

    const cli = runCliProcess(['audit', '--db', path, '--id', m.id_number, '--json']);
    expect(cli.code).toBe(0);
    const page = JSON.parse(cli.stdout) as { total: number; rows: Array<{ field: string | null }> };
    expect(page.total).toBe(byId.total);
    expect(cli.stdout).not.toMatch(ID_RUN);
  });
});

/** Turns a current demo file back into one from before the step: full IDs in its log. */
function asBeforeStep(path: string, extra: (db: Database.Database) => void): void {
  const db = new Database(path);
  db.exec(`DROP TABLE audit_id_refs; DROP TABLE audit_full_values; DELETE FROM schema_migrations WHERE name = 'audit-minimised'`);
  db.pragma('user_version = 12');
  const m = someMember(db);
  db.transaction(() => {
    const w = auditWriter(db, '旧版本');
    w({ action: 'ledger:update', table: 'members', key: m.id, field: 'name', old: '旧名', new: '新名', detail: { reason: '核对' } });
    w({ action: 'ledger:remove', table: 'members', key: m.id, old: { id: m.id, id_number: m.id_number, name: '张三' } });
    w({ action: 'export-full-ids', detail: { reason: '上报', ids: [m.id_number] } });
    w({ action: 'settings', field: 'operator', old: null, new: '王芳' });
  }).immediate();
  extra(db);
  anchorHead(db, path);
  db.close();
}

describe("step 'audit-minimised' on an older log", () => {
  it('masks every ID, keeps the chain and its anchor verifiable, audits itself, and still finds tampering', async () => {
    const path = makeDemoDb(t.path('old.db'));
    asBeforeStep(path, () => undefined);
    const before = new Database(path);
    const m = someMember(before);
    expect(fullIdsInLog(before)).toBeGreaterThanOrEqual(2);
    const entries = before.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    before.close();

    const s = openSession(path, { operator: '测试员' });
    const db = s.ctx.db;
    expect(fullIdsInLog(db)).toBe(0);
    expect(verifyAuditChain(db, path)).toMatchObject({ ok: true, entries: entries + 1 });
    const mark = (await s.call('audit:list', { action: 'audit:minimised' })).rows[0];
    expect(JSON.parse(mark?.detail ?? '{}')).toMatchObject({ masked: 2, previousHead: { id: entries } });
    expect((await s.call('audit:list', { idNumber: m.id_number })).total).toBe(2);
    await s.call('audit:verify', {});
    await s.close();
    expect(runCliProcess(['audit', '--db', path, '--verify']).code).toBe(0);

    // Tampering after the rewrite breaks the chain as before.
    const raw = new Database(path);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = '篡改' WHERE field = 'name' AND new_value = '新名'");
    expect(verifyAuditChain(raw, path)).toMatchObject({ ok: false, reason: expect.stringMatching(/篡改/) });
    raw.close();
  });

  it('leaves a log whose chain was already broken as it is, and says why', () => {
    const path = makeDemoDb(t.path('tampered.db'));
    asBeforeStep(path, (db) => db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = '改过' WHERE new_value = '新名'"));
    const s = openSession(path, { operator: '测试员' });
    expect(fullIdsInLog(s.ctx.db)).toBeGreaterThanOrEqual(2);
    expect(verifyAuditChain(s.ctx.db, path)).toMatchObject({ ok: false });
    expect(s.ctx.db.prepare("SELECT value FROM meta WHERE key = 'audit_minimise_skipped'").pluck().get()).toMatch(/篡改/);
    expect(s.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit:minimised'").pluck().get()).toBe(0);
    void s.close();
  });
});

/**
 * The audit trail: filters and paging of the list, masked IDs, the triggers that refuse UPDATE and
 * DELETE, and tampering found by the chain check (after the triggers are dropped, as an attacker
 * with the file would) — through the service and through `audit --verify`'s exit code.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditWriter } from '../../../electron/db/audit.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
let t: TempDir;
let s: Session;

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'electron/cli/main.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function household(n: number): number {
  return (s.ctx.db.prepare('SELECT id FROM households ORDER BY id LIMIT 1 OFFSET ?').get(n) as { id: number }).id;
}

beforeEach(async () => {
  t = tempDir('ledger-audit-');
  s = demoSession(t.path('ledger.db'));
  await s.call('settings:set', { operator: '王芳', unit_name: '会宁县乡村振兴局' });
  const write = (operator: string, entries: Array<Parameters<ReturnType<typeof auditWriter>>[0]>): void => {
    s.ctx.db.transaction(() => {
      const w = auditWriter(s.ctx.db, operator);
      for (const e of entries) w(e);
    })();
  };
  write('王芳', [
    { action: 'ledger:update', table: 'members', key: 7, field: 'id_number', old: '620422198001011234', new: '62042219800101123X', householdId: household(0) },
    { action: 'ledger:update', table: 'households', key: household(1), field: 'phone', old: '13900000000', new: '13911111111', householdId: household(1) },
  ]);
  write('李强', Array.from({ length: 120 }, (_, i) => ({ action: 'import:update', table: 'households', key: i, householdId: household(2), batchId: 9 })));
});

afterEach(async () => {
  await s.close();
  t.remove();
});

describe('audit:list', () => {
  it('filters by operator, action, household, batch, text and date, newest first, with paging', async () => {
    const all = await s.call('audit:list', {});
    expect(all.total).toBe(1 + 2 + 2 + 120); // demo + two settings + two edits + import rows
    expect(all.rows).toHaveLength(50);
    expect(all.rows[0]?.id).toBeGreaterThan(all.rows[1]?.id ?? Infinity);
    expect(all.operators).toEqual(expect.arrayContaining(['王芳', '李强', '系统']));
    expect(all.actions).toEqual(expect.arrayContaining(['import:update', 'ledger:update', 'settings', 'demo']));

    expect((await s.call('audit:list', { operator: '李强' })).total).toBe(120);
    const p3 = await s.call('audit:list', { operator: '李强', page: 3, pageSize: 50 });
    expect(p3.rows).toHaveLength(20);
    expect((await s.call('audit:list', { action: 'settings' })).total).toBe(2);
    expect((await s.call('audit:list', { householdId: household(1) })).total).toBe(1);
    expect((await s.call('audit:list', { batchId: 9, action: 'ledger:update' })).total).toBe(0);
    expect((await s.call('audit:list', { text: '1391111' })).total).toBe(1);
    expect((await s.call('audit:list', { text: '%' })).total).toBe(0);

    const today = new Date();
    const d = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect((await s.call('audit:list', { from: d, to: d })).total).toBe(all.total);
    expect((await s.call('audit:list', { to: '2020-01-01' })).total).toBe(0);
    expect((await s.call('audit:list', { from: '2099-01-01' })).total).toBe(0);
  });

  it('never sends a full ID number to the renderer', async () => {
    const page = await s.call('audit:list', { action: 'ledger:update' });
    const edit = page.rows.find((r) => r.field === 'id_number');
    expect(edit?.old).toBe('620422********1234');
    expect(edit?.new).toBe('620422********123X');
    expect(JSON.stringify(page)).not.toMatch(/62042219800101/);
  });
});

describe('append-only and tamper-evident', () => {
  it('refuses UPDATE and DELETE on the log', () => {
    expect(() => s.ctx.db.prepare("UPDATE audit_log SET operator = 'x' WHERE id = 2").run()).toThrow(/只能追加/);
    expect(() => s.ctx.db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/只能追加/);
  });

  it('finds an edited entry and a deleted entry', async () => {
    const db = s.ctx.db;
    expect(await s.call('audit:verify', {})).toMatchObject({ ok: true, entries: 125 });
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');

    db.prepare("UPDATE audit_log SET new_value = '13922222222' WHERE field = 'phone'").run();
    const edited = await s.call('audit:verify', {});
    const phoneId = (db.prepare("SELECT id FROM audit_log WHERE field = 'phone'").get() as { id: number }).id;
    expect(edited).toMatchObject({ ok: false, brokenAt: phoneId });
    expect(edited.reason).toMatch(/篡改/);
    db.prepare("UPDATE audit_log SET new_value = '13911111111' WHERE field = 'phone'").run();
    expect((await s.call('audit:verify', {})).ok).toBe(true);

    db.prepare('DELETE FROM audit_log WHERE id = 60').run();
    const deleted = await s.call('audit:verify', {});
    expect(deleted).toMatchObject({ ok: false, brokenAt: 61 });
    expect(deleted.reason).toMatch(/删除或插入/);
  });

  it('`audit --verify` exits 1 on a broken chain, 0 on an intact one; `check` agrees', async () => {
    await s.close();
    const path = t.path('ledger.db');
    const ok = cli('audit', '--db', path, '--verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/完好：125 条/);
    expect(cli('check', '--db', path).code).toBe(0);

    const { openDatabase } = await import('../../../electron/db/connection.ts');
    const db = openDatabase(path);
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = '张三' WHERE id = 3;");
    db.close();
    const broken = cli('audit', '--db', path, '--verify', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)).toMatchObject({ ok: false, brokenAt: 3 });
    const check = cli('check', '--db', path);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/哈希链：断裂/);

    const list = cli('audit', '--db', path, '--json', '--limit', '5');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out).rows).toHaveLength(5);
    s = (await import('../../../electron/services/session.ts')).openSession(path);
  });
});

import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
let session: Session;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  await session?.close();
  tmp.remove();
});

const count = (s: Session, table: string): number => (s.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('leaving the demo', () => {
  it('empties the ledger after a backup, keeps the catalogue, and is audited', async () => {
    session = demoSession(tmp.path('demo.db'), 'small');
    const measuresBefore = count(session, 'measures');
    // A natural change and the checks' findings of demo households must not outlive the demo.
    const hh = session.ctx.db.prepare('SELECT id FROM households ORDER BY id LIMIT 1').pluck().get() as number;
    await session.call('campaign:recordChange', { year: 2024, date: '2024-03-01', reason: '出生', householdId: hh });
    await session.call('checks:run', { year: 2024 });
    expect(count(session, 'natural_changes')).toBe(1);
    expect(count(session, 'check_findings')).toBeGreaterThan(0);
    const r = await session.call('demo:clear', { confirm: '清空演示数据' });
    expect(r.households).toBe(1000);
    expect(existsSync(r.backup)).toBe(true);
    for (const t of ['households', 'members', 'income_records', 'plans', 'import_batches', 'natural_changes', 'check_findings', 'check_runs', 'monitoring_cases']) expect(count(session, t)).toBe(0);
    expect(count(session, "regions WHERE level = 'village'")).toBe(0);
    expect(count(session, 'measures')).toBe(measuresBefore);
    expect(count(session, "regions WHERE level = 'township'")).toBeGreaterThan(40);
    const info = await session.call('app:info', {});
    expect(info.isDemo).toBe(false);
    expect(info.households).toBe(0);
    expect(verifyAuditChain(session.ctx.db).ok).toBe(true);
    const last = session.ctx.db.prepare('SELECT action, operator FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'demo-clear', operator: '测试员' });
    // The backup still holds the demo.
    const backup = openSession(r.backup, { readonly: true });
    expect(count(backup, 'households')).toBe(1000);
    await backup.close();
  });

  it('is refused on a real ledger, and without the confirmation words', async () => {
    session = demoSession(tmp.path('demo2.db'), 'small');
    await expect(session.call('demo:clear', { confirm: '好' })).rejects.toMatchObject({ code: 'validation' });
    expect(count(session, 'households')).toBe(1000);
    await session.call('demo:clear', { confirm: '清空演示数据' });
    await expect(session.call('demo:clear', { confirm: '清空演示数据' })).rejects.toThrow(/不是演示数据库/);
  });
});

describe('CLI init', () => {
  it('creates an empty ledger with the catalogue and refuses to overwrite', () => {
    const path = tmp.path('new.db');
    const r = runCliProcess(['init', '--db', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已创建空数据库/);
    session = openSession(path);
    expect(count(session, 'households')).toBe(0);
    expect(count(session, 'measures')).toBe(22);
    expect(runCliProcess(['init', '--db', path]).code).toBe(2);
  });
});

/**
 * The write rules declared in the API table and applied by dispatch (electron/services/writes.ts),
 * on a real database: a read-only file is refused before anything runs, a handler that fails leaves
 * nothing behind, an undeclared audit action is a programming error that rolls back, the steward's
 * reason reaches every entry, and the windows are told what changed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../../shared/api/index.ts';
import { getSetting, setSetting } from '../../../electron/db/meta.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { runTx } from '../../../electron/services/writes.ts';
import { demoSession, makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
let s: Session;
const events: string[] = [];
beforeEach(() => {
  tmp = tempDir();
  makeDemoDb(tmp.path('a.db'));
  events.length = 0;
  s = openSession(tmp.path('a.db'), { operator: '测试员', emit: (name, payload) => events.push(`${name}:${(payload as { reason?: string }).reason ?? ''}`) });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

const auditCount = (x: Session): number => x.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
const firstHousehold = (x: Session): number => x.ctx.db.prepare('SELECT id FROM households ORDER BY id LIMIT 1').pluck().get() as number;

describe('write rules applied by dispatch', () => {
  it('runs a correction in one transaction with its audit entries, carrying the reason, and announces it', async () => {
    const id = firstHousehold(s);
    const before = auditCount(s);
    await s.call('ledger:updateHousehold', { id, patch: { phone: '13912345678' }, reason: '电话号码更正' });
    const entry = s.ctx.db.prepare('SELECT action, operator, detail FROM audit_log ORDER BY id DESC LIMIT 1').get() as { action: string; operator: string; detail: string };
    expect(auditCount(s)).toBe(before + 1);
    expect(entry).toMatchObject({ action: 'ledger:update', operator: '测试员' });
    expect(JSON.parse(entry.detail)).toMatchObject({ reason: '电话号码更正' });
    expect(events).toEqual(['data:changed:ledger']);
  });

  it('refuses a write on a read-only database before the handler runs', async () => {
    const ro = openSession(tmp.path('a.db'), { readonly: true, operator: '测试员' });
    try {
      const before = auditCount(ro);
      await expect(ro.call('ledger:updateHousehold', { id: firstHousehold(ro), patch: { phone: '13900000000' }, reason: '测试只读' }))
        .rejects.toMatchObject({ code: 'db-readonly' });
      expect(auditCount(ro)).toBe(before);
    } finally {
      await ro.close();
    }
  });

  it('refuses a write without an operator, and accepts the operator being saved as its own author', async () => {
    const anon = demoSession(tmp.path('b.db'));
    await anon.close();
    const x = openSession(tmp.path('b.db'));
    try {
      await expect(x.call('ledger:updateHousehold', { id: firstHousehold(x), patch: { phone: '13900000000' }, reason: '没有操作员' }))
        .rejects.toMatchObject({ code: 'operator-required' });
      await x.call('settings:set', { operator: '王芳' });
      const entry = x.ctx.db.prepare("SELECT operator, new_value FROM audit_log WHERE action = 'settings' ORDER BY id DESC LIMIT 1").get();
      expect(entry).toEqual({ operator: '王芳', new_value: '王芳' });
    } finally {
      await x.close();
    }
  });

  it('rolls back everything when a handler writes an audit action its rules do not declare', () => {
    const before = auditCount(s);
    expect(() =>
      runTx(s.ctx, 'test:undeclared', { writes: 'tx', audit: ['settings'] }, {}, ({ audit }) => {
        setSetting(s.ctx.db, 'unit_name', '不应保存');
        audit({ action: 'settings', table: 'settings', key: 'unit_name' });
        audit({ action: 'ledger:remove', table: 'households', key: 1 });
      }),
    ).toThrow(/do not declare/);
    expect(getSetting(s.ctx.db, 'unit_name')).toBeNull();
    expect(auditCount(s)).toBe(before);
    expect(events).toEqual([]);
  });

  it('refuses an async handler for a transaction it could not finish inside', () => {
    expect(() => runTx(s.ctx, 'test:async', { writes: 'tx', audit: [] }, {}, () => Promise.resolve(1))).toThrow(/async/);
  });

  it('declares rules for every method that writes an audit entry through dispatch', () => {
    const writes = Object.entries(api).filter(([, m]) => m.rules !== undefined).map(([name]) => name);
    expect(writes).toEqual(expect.arrayContaining(['ledger:updateHousehold', 'ledger:revealId', 'settings:set', 'refs:update', 'matrix:setRole', 'monitoring:plan:save', 'import:commit', 'import:undo', 'demo:clear']));
    for (const name of writes) expect(api[name as keyof typeof api].rules?.audit.length, name).toBeGreaterThan(0);
  });
});

/**
 * Issue #18 item 1: a reason or name with a lone surrogate, control or bidi characters is stored
 * normalised and the audit chain still verifies — later real tampering is still found.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

let t: TempDir;
let s: Session;

beforeEach(async () => {
  t = tempDir('ledger-audit-text-');
  s = demoSession(join(t.path('ledger.db')));
  await s.call('settings:set', { operator: '王\u202E芳', unit_name: '会宁县乡村振兴局' });
});

afterEach(async () => {
  await s.close();
  t.remove();
});

function firstHousehold(): number {
  return (s.ctx.db.prepare('SELECT id FROM households ORDER BY id LIMIT 1').get() as { id: number }).id;
}

describe('text normalised at the API boundary', () => {
  it('keeps the chain valid with the reason 更正\\uD800 and a note with controls', async () => {
    const id = firstHousehold();
    await s.call('ledger:updateHousehold', { id, patch: { note: '备注\uD800\u0000\u200B' }, reason: '更正\uD800' });
    const stored = s.ctx.db.prepare('SELECT note FROM households WHERE id = ?').get(id) as { note: string };
    expect(stored.note).toBe('备注\uFFFD');
    // The session's CLI-style operator wins; the saved one (sent with a bidi override) is stored clean.
    expect((s.ctx.db.prepare("SELECT value FROM settings WHERE key = 'operator'").get() as { value: string }).value).toBe('王芳');
    const last = s.ctx.db.prepare("SELECT operator, detail, new_value FROM audit_log WHERE action = 'ledger:update' ORDER BY id DESC LIMIT 1").get() as
      { operator: string; detail: string; new_value: string };
    expect(last.detail).toContain('更正\uFFFD');
    expect(last.new_value).toBe('备注\uFFFD');
    expect(verifyAuditChain(s.ctx.db)).toMatchObject({ ok: true, brokenAt: null });

    // Real tampering after the entry is still found (the triggers dropped, as an attacker with the file would).
    await s.call('ledger:updateHousehold', { id, patch: { note: '第二次' }, reason: '再次更正' });
    const tail = s.ctx.db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number };
    const triggers = s.ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as Array<{ name: string }>;
    for (const tr of triggers) s.ctx.db.exec(`DROP TRIGGER "${tr.name}"`);
    s.ctx.db.prepare("UPDATE audit_log SET new_value = '篡改' WHERE id = ?").run(tail.id);
    expect(verifyAuditChain(s.ctx.db)).toMatchObject({ ok: false, brokenAt: tail.id });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';
import { importOne, snapshot } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeEach(() => {
  tmp = tempDir('import-undo-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

describe('re-import and undo', () => {
  it('an identical re-import changes nothing and reports everything unchanged', async () => {
    const file = tmp.path('郭城驿镇.xlsx');
    await writeMemberWorkbook(file, makeHouseholds(8));
    const first = await importOne(s, 'commit', file);
    const before = snapshot(s);
    const audit = (s.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const again = await importOne(s, 'commit', file);
    expect(again.batchId).toBeNull();
    expect(again.sameAsBatch).toBe(first.batchId);
    expect(again.households).toEqual({ added: 0, updated: 0, unchanged: 8, refused: 0 });
    expect(again.members.unchanged).toBe(first.members.added);
    expect(snapshot(s)).toBe(before);
    expect((s.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(audit);
  });

  it('a corrected file updates what changed, audits old values, and undo restores the previous state exactly', async () => {
    const hh = makeHouseholds(6);
    const v1 = tmp.path('v1.xlsx');
    await writeMemberWorkbook(v1, hh);
    await importOne(s, 'commit', v1);
    const afterFirst = snapshot(s);

    const fixed = structuredClone(hh);
    fixed[2]!.income[0] = 12345.67;
    fixed[3]!.members[1]!.labour = '技能劳动力';
    fixed[4]!.village = '新建村';
    const extra = makeHouseholds(1, { seed: 500, codePrefix: '6204221019' })[0]!;
    fixed.push(extra);
    const v2 = tmp.path('v2.xlsx');
    await writeMemberWorkbook(v2, fixed);
    const r = await importOne(s, 'commit', v2);
    expect(r.households).toEqual({ added: 1, updated: 2, unchanged: 4, refused: 0 });
    expect(r.members.updated).toBe(1);
    const wage = s.ctx.db.prepare(`SELECT r.wage_fen FROM income_records r JOIN households h ON h.id = r.household_id WHERE h.code = ?`).get(hh[2]!.code) as { wage_fen: number };
    expect(wage.wage_fen).toBe(1234567);
    const log = s.ctx.db.prepare(`SELECT field, old_value, new_value FROM audit_log WHERE batch_id = ? AND action = 'import:update' AND field = 'wage_fen'`).get(r.batchId) as Record<string, string>;
    expect(log).toEqual({ field: 'wage_fen', old_value: String(Math.round(hh[2]!.income[0] * 100)), new_value: '1234567' });

    const undo = await s.call('import:undo', { batchId: r.batchId! });
    expect(undo.householdsRemoved).toBe(1);
    expect(undo.valuesRestored).toBeGreaterThanOrEqual(3);
    expect(snapshot(s).replace(/"status":"undone"/g, '"status":"committed"')).toBe(
      afterFirst.replace(/\]\]$/, `,{"id":${r.batchId},"status":"committed"}]]`),
    );
    const batches = await s.call('import:batches', {});
    expect(batches.find((b) => b.id === r.batchId)?.status).toBe('undone');
    expect(verifyAuditChain(s.ctx.db).ok).toBe(true);
    await expect(s.call('import:undo', { batchId: r.batchId! })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses to undo a batch whose households a later batch changed again', async () => {
    const hh = makeHouseholds(3);
    const a = tmp.path('a.xlsx');
    await writeMemberWorkbook(a, hh);
    const ra = await importOne(s, 'commit', a);
    const changed = structuredClone(hh);
    changed[0]!.income[4] = 999;
    const b = tmp.path('b.xlsx');
    await writeMemberWorkbook(b, changed);
    const rb = await importOne(s, 'commit', b);
    await expect(s.call('import:undo', { batchId: ra.batchId! })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`第 ${rb.batchId} 号`) });
    await s.call('import:undo', { batchId: rb.batchId! });
    await s.call('import:undo', { batchId: ra.batchId! });
    expect((s.ctx.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(0);
    expect((s.ctx.db.prepare(`SELECT count(*) AS n FROM regions WHERE level = 'village'`).get() as { n: number }).n).toBe(0);
  });
});

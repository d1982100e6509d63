/**
 * The writer puts a run of households in one savepoint (writer.group); when the database refuses one
 * of them the run is rolled back and written again household by household. Only that household may
 * be refused, everything else must be written exactly once, and the audit chain must stay intact even
 * when the refused household had already written audit entries. The refusal is provoked with a
 * trigger in the real ledger file: the reader checks everything the schema does, so a database
 * refusal otherwise takes a bug.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import type { Db } from '../../../electron/services/context.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { householdId, OPERATOR } from './batch-helpers.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;
let db: Db;

beforeEach(() => {
  tmp = tempDir('import-group-');
  s = openSession(tmp.path('ledger.db'), { operator: OPERATOR });
  db = s.ctx.db;
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

const count = (sql: string, ...args: unknown[]): number => (db.prepare(sql).pluck().get(...args) as number);

/** Data rows start at Excel row 5 (two title lines, a two-row header); a household takes one row per member. */
function firstRow(sizes: readonly number[], index: number): number {
  return 5 + sizes.slice(0, index).reduce((a, n) => a + n, 0);
}

describe('a household the database refuses inside a run of households', () => {
  it('is refused alone; the others are written once', async () => {
    const hh = makeHouseholds(6);
    hh[3]!.members[1]!.name = '拒收测试';
    db.exec(`CREATE TRIGGER test_refuse BEFORE INSERT ON members WHEN NEW.name = '拒收测试' BEGIN SELECT RAISE(ABORT, '测试：拒绝写入'); END`);
    const file = tmp.path('v1.xlsx');
    await writeMemberWorkbook(file, hh);
    const r = await importOne(s, 'commit', file);
    const members = hh.reduce((a, h) => a + h.members.length, 0);
    expect(r.households).toEqual({ added: 5, updated: 0, unchanged: 0, refused: 1 });
    expect(r.members).toMatchObject({ added: members - hh[3]!.members.length, refused: hh[3]!.members.length });
    expect(r.errors.map((e) => [e.code, e.row])).toEqual([['db-constraint', firstRow(hh.map((h) => h.members.length), 3)]]);
    expect(r.errors[0]!.message).toContain('测试：拒绝写入');
    expect(count('SELECT count(*) FROM households')).toBe(5);
    expect(count('SELECT count(*) FROM members')).toBe(members - hh[3]!.members.length);
    expect(count('SELECT count(*) FROM households WHERE code = ?', hh[3]!.code)).toBe(0);
    expect(count('SELECT count(*) FROM income_records')).toBe(5);
    // Ids are handed out once, in file order: nothing written twice, no gap left by the rollback.
    expect(db.prepare('SELECT code FROM households ORDER BY id').pluck().all()).toEqual(hh.filter((_, i) => i !== 3).map((h) => h.code));
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it('keeps the audit chain intact when the refused household had already written audit entries', async () => {
    const hh = makeHouseholds(6);
    const v1 = tmp.path('v1.xlsx');
    await writeMemberWorkbook(v1, hh);
    await importOne(s, 'commit', v1);
    const refusedId = householdId(db, hh[2]!.code);
    db.exec(`CREATE TRIGGER test_refuse BEFORE UPDATE ON income_records WHEN NEW.household_id = ${refusedId} BEGIN SELECT RAISE(ABORT, '测试：拒绝更新'); END`);
    const v2 = structuredClone(hh);
    // Members are compared and audited before income: household 2's audit entries exist when it fails.
    for (const h of v2.slice(1, 5)) {
      h.income[0] += 100;
      h.members[0]!.labour = '技能劳动力';
    }
    const file = tmp.path('v2.xlsx');
    await writeMemberWorkbook(file, v2);
    const r = await importOne(s, 'commit', file);
    expect(r.households).toEqual({ added: 0, updated: 3, unchanged: 2, refused: 1 });
    expect(r.errors.map((e) => e.code)).toEqual(['db-constraint']);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    expect(count('SELECT count(*) FROM audit_log WHERE batch_id = ? AND household_id = ?', r.batchId, refusedId)).toBe(0);
    expect(db.prepare('SELECT labour FROM members WHERE household_id = ? ORDER BY id LIMIT 1').pluck().get(refusedId)).toBe('普通劳动力');
    expect(db.prepare('SELECT labour FROM members WHERE household_id = ? ORDER BY id LIMIT 1').pluck().get(householdId(db, hh[1]!.code))).toBe('技能劳动力');
    // Undo takes back exactly the three households that were updated.
    db.exec('DROP TRIGGER test_refuse');
    await s.call('import:undo', { batchId: r.batchId! });
    expect(count(`SELECT count(*) FROM members WHERE labour = '技能劳动力'`)).toBe(0);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

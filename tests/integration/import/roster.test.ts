/**
 * Members missing from a corrected re-import (roster.ts): removal under the complete-roster rule,
 * audited with the whole row, and put back exactly by undo or by a revert of the household.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import type { Db } from '../../../electron/services/context.ts';
import { missingMembers, notRemovedMessage, removedMessage, removeMembers, rosterIsComplete } from '../../../electron/import/write/roster.ts';
import { revertHousehold } from '../../../electron/import/write/revert.ts';
import { makeIdNumber, maskIdNumber } from '../../../shared/domain/id-number.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from './fixtures.ts';
import { importOne } from './helpers.ts';
import { householdId, inBatch, inNewBatch, ledgerRows, memberRow, OPERATOR } from './batch-helpers.ts';

let tmp: TempDir;
let s: Session;
let db: Db;
let hh: FxHousehold[];

async function setUp(): Promise<void> {
  tmp = tempDir('import-roster-');
  s = openSession(tmp.path('ledger.db'), { operator: OPERATOR });
  db = s.ctx.db;
  hh = makeHouseholds(4);
  const file = tmp.path('v1.xlsx');
  await writeMemberWorkbook(file, hh);
  await importOne(s, 'commit', file);
}

const ids = (h: FxHousehold): string[] => h.members.map((m) => String(m.id));

/** In a new batch: the members of `h` the file (all but `dropped`) no longer lists are removed. */
function removeDropped(h: FxHousehold, dropped: number): { batch: number; removed: number } {
  return inNewBatch(db, (batch, audit) => {
    const hid = householdId(db, h.code);
    const present = ids(h).filter((_, k) => k !== dropped);
    expect(rosterIsComplete(present.length, present.length)).toBe(true);
    const missing = missingMembers(db, hid, present);
    expect(missing).toEqual([{ id: memberRow(db, ids(h)[dropped]!)!.id, idNumber: ids(h)[dropped], name: h.members[dropped]!.name }]);
    return { batch, removed: removeMembers(db, batch, audit, hid, missing.map((m) => m.id)) };
  });
}

describe('members missing from a complete roster', () => {
  beforeEach(setUp);
  afterEach(async () => {
    await s.close();
    tmp.remove();
  });

  it('removes the member with its whole row audited, and undo puts back the identical row and its dismissed hints', async () => {
    const h = hh[3]!;
    const m = memberRow(db, ids(h)[2]!)!;
    db.prepare(`INSERT INTO risk_dismissals (household_id, member_id, year, rule, note, operator) VALUES (?, ?, 2024, 'no-labour-income', '已核实：在校学生', ?)`).run(m.household_id, m.id, OPERATOR);
    const before = ledgerRows(db);
    const { batch, removed } = removeDropped(h, 2);
    expect(removed).toBe(1);
    expect(memberRow(db, ids(h)[2]!)).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM risk_dismissals').get()).toEqual({ n: 0 });
    const entry = db.prepare(`SELECT table_name, row_key, old_value, new_value, household_id, batch_id, detail FROM audit_log WHERE action = 'import:remove'`).get() as Record<string, string | number | null>;
    const { sex: _sex, birth_date: _birth, id_digits: _digits, ...stored } = m;
    expect(entry).toMatchObject({ table_name: 'members', row_key: String(m.id), new_value: null, household_id: m.household_id, batch_id: batch });
    // Every stored column, none of the generated ones (sex, birth date, the ID digits); the log keeps
    // the ID masked (#24), the batch's full values keep it whole for undo.
    expect(JSON.parse(String(entry.old_value))).toEqual({ ...stored, id_number: maskIdNumber(stored.id_number as string) });
    const full = db.prepare(`SELECT f.old_value FROM audit_full_values f JOIN audit_log l ON l.id = f.audit_id WHERE l.action = 'import:remove'`).pluck().get();
    expect(JSON.parse(String(full))).toEqual(stored);
    expect(JSON.parse(String(entry.detail)).dismissals).toHaveLength(1);

    const undo = await s.call('import:undo', { batchId: batch });
    expect(undo).toEqual({ batchId: batch, householdsRemoved: 0, membersRemoved: 0, incomeRemoved: 0, valuesRestored: 0, membersRestored: 1 });
    expect(ledgerRows(db)).toBe(before);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('removes only members of the given household', () => {
    const other = memberRow(db, ids(hh[2]!)[0]!)!;
    const n = inNewBatch(db, (batch, audit) => removeMembers(db, batch, audit, householdId(db, hh[3]!.code), [Number(other.id), 999999]));
    expect(n).toBe(0);
    expect(memberRow(db, ids(hh[2]!)[0]!)).toEqual(other);
  });

  it('undo brings a removed member back even when the same file entered the person again (same ID number, reused rowid)', async () => {
    const h = hh[3]!;
    const last = h.members.length - 1;
    const before = ledgerRows(db);
    const m = memberRow(db, ids(h)[last]!)!;
    expect((db.prepare('SELECT max(id) AS m FROM members').get() as { m: number }).m).toBe(m.id);
    const { batch } = removeDropped(h, last);
    // As the writer would later in the file: the person is new to the ledger now, so a new row (with the freed rowid).
    inBatch(db, () => db.prepare('INSERT INTO members (household_id, name, id_number, relation, batch_id) VALUES (?, ?, ?, ?, ?)').run(householdId(db, hh[0]!.code), m.name, m.id_number, '其他', batch));
    expect(memberRow(db, String(m.id_number))?.id).toBe(m.id);
    const undo = await s.call('import:undo', { batchId: batch });
    expect(undo).toMatchObject({ membersRemoved: 1, membersRestored: 1 });
    expect(ledgerRows(db)).toBe(before);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('a revert of the household takes its removals back, and the batch undo then leaves them alone', async () => {
    const h = hh[2]!;
    const before = ledgerRows(db);
    const { batch } = removeDropped(h, 0);
    const r = inBatch(db, (audit) => revertHousehold(db, batch, householdId(db, h.code), audit));
    expect(r).toEqual({ householdAdded: false, householdChanged: false, membersAdded: 0, membersUpdated: 0, membersRestored: 1 });
    expect(ledgerRows(db)).toBe(before);
    const undo = await s.call('import:undo', { batchId: batch });
    expect(undo).toMatchObject({ membersRestored: 0, valuesRestored: 0 });
    expect(ledgerRows(db)).toBe(before);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('refuses to undo a removal whose person a later batch entered again, until that batch is undone', async () => {
    const h = hh[1]!;
    const before = ledgerRows(db);
    const { batch } = removeDropped(h, 1);
    const later: FxHousehold = { code: '6204221012000077', village: '郭城村', size: 1, income: [100, 0, 0, 0, 0], members: [{ ...h.members[1]!, relation: '户主' }] };
    const file = tmp.path('later.xlsx');
    await writeMemberWorkbook(file, [later]);
    const r = await importOne(s, 'commit', file);
    expect(r.members.added).toBe(1);
    await expect(s.call('import:undo', { batchId: batch })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('620422********') });
    await s.call('import:undo', { batchId: r.batchId! });
    await s.call('import:undo', { batchId: batch });
    expect(ledgerRows(db)).toBe(before);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe('roster messages', () => {
  const id = makeIdNumber('620422', '19800101', 123);
  it('mask the ID and say what happened', () => {
    expect(removedMessage('张三', id)).toBe(`成员“张三”（证件号码 620422********${id.slice(14)}）不在本次文件中，已从该户移除（可撤销本批次恢复）`);
    expect(notRemovedMessage([{ name: '张三', idNumber: id }], null, 3)).toBe(
      `台账中该户还有成员“张三”（620422********${id.slice(14)}）未出现在本文件中；本表没有该户的家庭人口数，无法确认所列成员是否完整，未删除，请核实`,
    );
    expect(notRemovedMessage([{ name: '张三', idNumber: id }, { name: '李四', idNumber: id }], 5, 4)).toContain('“张三”（620422********');
    expect(notRemovedMessage([{ name: '张三', idNumber: id }], 5, 4)).toContain('本表的家庭人口数（5）与所列成员数（4）不一致，未删除');
    expect(rosterIsComplete(null, 3)).toBe(false);
    expect(rosterIsComplete(4, 3)).toBe(false);
    expect(rosterIsComplete(3, 3)).toBe(true);
  });
});

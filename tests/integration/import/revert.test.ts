/**
 * revertHousehold: what a split household needs (the earlier part, already written, is taken back
 * inside the batch), checked on real databases against a snapshot of the ledger before the batch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import type { Db } from '../../../electron/services/context.ts';
import { revertHousehold, type RevertResult } from '../../../electron/import/write/revert.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from './fixtures.ts';
import { importOne } from './helpers.ts';
import { householdId, inBatch, ledgerRows, memberRow, OPERATOR } from './batch-helpers.ts';

let tmp: TempDir;
let s: Session;
let db: Db;

beforeEach(() => {
  tmp = tempDir('import-revert-');
  s = openSession(tmp.path('ledger.db'), { operator: OPERATOR });
  db = s.ctx.db;
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

const NEW_CODE = '6204221012000099';

/**
 * v1: five households (sizes 1–5). v2: hh[3] updated (wage, a member's labour, a new member), hh[2]
 * gets hh[4]'s fourth member, a new household takes hh[4]'s fifth member, hh[0] and hh[1] unchanged.
 */
async function twoBatches(): Promise<{ hh: FxHousehold[]; before: string; batch: number }> {
  const hh = makeHouseholds(5);
  const v1 = tmp.path('v1.xlsx');
  await writeMemberWorkbook(v1, hh);
  await importOne(s, 'commit', v1);
  const before = ledgerRows(db);
  const v2 = structuredClone(hh.slice(0, 4));
  v2[3]!.income[0] += 1000;
  v2[3]!.members[1]!.labour = '技能劳动力';
  v2[3]!.members.push({ name: '赵新生', id: makeIdNumber('620422', '20150505', 771), relation: '之女' });
  v2[3]!.size = 5;
  v2[2]!.members.push({ ...hh[4]!.members[3]! });
  v2[2]!.size = 4;
  v2.push({ code: NEW_CODE, village: '中大村', size: 2, income: [3000, 0, 0, 0, 500],
    members: [{ name: '钱分户', id: makeIdNumber('620422', '19880808', 772), relation: '户主' }, { ...hh[4]!.members[4]!, relation: '配偶' }] });
  const file = tmp.path('v2.xlsx');
  await writeMemberWorkbook(file, v2);
  const r = await importOne(s, 'commit', file);
  expect(r.households).toEqual({ added: 1, updated: 2, unchanged: 2, refused: 0 });
  expect(r.members).toMatchObject({ added: 2, updated: 3 });
  return { hh, before, batch: r.batchId! };
}

const auditCount = (action: string, batch: number): number =>
  (db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND batch_id = ?').get(action, batch) as { n: number }).n;

describe('revertHousehold', () => {
  it('takes back each household exactly and returns what its write had counted', async () => {
    const { hh, before, batch } = await twoBatches();
    const ids = { updated: householdId(db, hh[3]!.code), movedIn: householdId(db, hh[2]!.code), unchanged: householdId(db, hh[0]!.code), added: householdId(db, NEW_CODE) };
    const updates = auditCount('import:update', batch);
    const got = inBatch(db, (audit) => Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, revertHousehold(db, batch, id, audit)])) as Record<keyof typeof ids, RevertResult>);
    expect(got).toEqual({
      updated: { householdAdded: false, householdChanged: true, membersAdded: 1, membersUpdated: 1, membersRestored: 0 },
      // The moved-in member's new household_id is audited under this household; its size changed too.
      movedIn: { householdAdded: false, householdChanged: true, membersAdded: 0, membersUpdated: 1, membersRestored: 0 },
      unchanged: { householdAdded: false, householdChanged: false, membersAdded: 0, membersUpdated: 0, membersRestored: 0 },
      added: { householdAdded: true, householdChanged: false, membersAdded: 1, membersUpdated: 1, membersRestored: 0 },
    });
    expect(ledgerRows(db)).toBe(before);
    expect(memberRow(db, String(hh[4]!.members[4]!.id))?.household_id).toBe(householdId(db, hh[4]!.code));
    // Every audited change has its compensating entry, and each household its marker.
    expect(auditCount('import:revert', batch)).toBe(updates);
    expect(auditCount('import:revert-household', batch)).toBe(4);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('a second revert of the same household finds nothing left to take back', async () => {
    const { hh, batch } = await twoBatches();
    const id = householdId(db, hh[3]!.code);
    inBatch(db, (audit) => revertHousehold(db, batch, id, audit));
    const after = ledgerRows(db);
    const reverts = auditCount('import:revert', batch);
    const again = inBatch(db, (audit) => revertHousehold(db, batch, id, audit));
    expect(again).toEqual({ householdAdded: false, householdChanged: false, membersAdded: 0, membersUpdated: 0, membersRestored: 0 });
    expect(ledgerRows(db)).toBe(after);
    expect(auditCount('import:revert', batch)).toBe(reverts);
  });

  it('undo of a batch with reverted households restores the ledger before the batch', async () => {
    const { hh, before, batch } = await twoBatches();
    inBatch(db, (audit) => {
      revertHousehold(db, batch, householdId(db, NEW_CODE), audit);
      revertHousehold(db, batch, householdId(db, hh[2]!.code), audit);
    });
    const live = (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE batch_id = ? AND action = 'import:update' AND household_id = ?`).get(batch, householdId(db, hh[3]!.code)) as { n: number }).n;
    const stamps = (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE batch_id = ? AND action = 'import:update' AND field = 'updated_at' AND household_id = ?`).get(batch, householdId(db, hh[3]!.code)) as { n: number }).n;
    const undo = await s.call('import:undo', { batchId: batch });
    // Only the updated household was still in effect: its new member and its audited values.
    expect(undo).toEqual({ batchId: batch, householdsRemoved: 0, membersRemoved: 1, incomeRemoved: 0, valuesRestored: live - stamps, membersRestored: 0 });
    expect(auditCount('import:undo', batch)).toBe(live);
    expect(ledgerRows(db)).toBe(before);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('a household reverted inside the batch does not block its undo when a later batch changes it', async () => {
    const { hh, batch } = await twoBatches();
    const moved = householdId(db, hh[2]!.code);
    inBatch(db, (audit) => revertHousehold(db, batch, moved, audit));
    const v3 = [structuredClone(hh[2]!)];
    v3[0]!.income[4] = 4321;
    const file = tmp.path('v3.xlsx');
    await writeMemberWorkbook(file, v3);
    const r3 = await importOne(s, 'commit', file);
    expect(r3.households).toEqual({ added: 0, updated: 1, unchanged: 0, refused: 0 });
    await s.call('import:undo', { batchId: batch });
    const transfer = db.prepare('SELECT transfer_fen FROM income_records WHERE household_id = ?').get(moved) as { transfer_fen: number };
    expect(transfer.transfer_fen).toBe(432100);
    expect(db.prepare('SELECT count(*) AS n FROM households WHERE code = ?').get(NEW_CODE)).toEqual({ n: 0 });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('leaves no figures of a deleted household even with the triggers and foreign keys off', async () => {
    const { batch } = await twoBatches();
    const added = householdId(db, NEW_CODE);
    expect(db.prepare('SELECT count(*) AS n FROM household_year_figures WHERE household_id = ?').get(added)).toEqual({ n: 1 });
    db.pragma('foreign_keys = OFF');
    try {
      inBatch(db, (audit) => {
        db.exec('DROP TRIGGER income_records_figures_ad');
        return revertHousehold(db, batch, added, audit);
      });
    } finally {
      db.pragma('foreign_keys = ON');
    }
    for (const table of ['households WHERE id', 'members WHERE household_id', 'income_records WHERE household_id', 'household_year_figures WHERE household_id']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table} = ?`).get(added)).toEqual({ n: 0 });
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

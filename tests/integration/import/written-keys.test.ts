/**
 * WrittenKeys lets an import into an empty ledger skip asking whether a household exists. It must
 * never say "cannot be there" for a key it was given, must keep codes and head IDs apart, and must
 * switch itself off once the ledger holds households.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { CODE, HEAD_ID, WrittenKeys } from '../../../electron/import/write/written-keys.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;
beforeAll(() => {
  tmp = tempDir('import-written-keys-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterAll(async () => {
  await s.close();
  tmp.remove();
});

describe('WrittenKeys', () => {
  it('holds every key it was given, of its kind, and rules out nearly all others', () => {
    const w = new WrittenKeys();
    const codes = Array.from({ length: 50_000 }, (_, i) => `62042210${String(i).padStart(8, '0')}`);
    const heads = Array.from({ length: 50_000 }, (_, i) => makeIdNumber('620422', `19${50 + (i % 50)}0101`, i % 1000));
    codes.forEach((c) => w.add(CODE, c));
    heads.forEach((h) => w.add(HEAD_ID, h));
    expect(codes.every((c) => w.mayHold(CODE, c))).toBe(true);
    expect(heads.every((h) => w.mayHold(HEAD_ID, h))).toBe(true);
    // Unseen keys, and seen keys asked under the other kind: a "maybe" only costs a lookup, so a few
    // hash collisions are allowed, but the filter must rule out nearly all of them.
    const unseen = Array.from({ length: 50_000 }, (_, i) => `62042299${String(i).padStart(8, '0')}`);
    const falseMaybes = unseen.filter((c) => w.mayHold(CODE, c)).length + codes.filter((c) => w.mayHold(HEAD_ID, c)).length;
    expect(falseMaybes).toBeLessThan(100);
  });

  it('is used only while the ledger holds no households, and the import result is the same either way', async () => {
    expect(WrittenKeys.forLedger(s.ctx.db)).toBeInstanceOf(WrittenKeys);
    const file = tmp.path('郭城驿镇.xlsx');
    await writeMemberWorkbook(file, makeHouseholds(40));
    const first = await importOne(s, 'commit', file);
    expect(first.households).toMatchObject({ added: 40, refused: 0 });
    expect(WrittenKeys.forLedger(s.ctx.db)).toBeNull();
    // Into a ledger that holds them, the same households are found by code and left unchanged.
    const hh = makeHouseholds(40);
    hh[3]!.members[0]!.name = '改名';
    const again = tmp.path('郭城驿镇-改.xlsx');
    await writeMemberWorkbook(again, hh);
    const second = await importOne(s, 'commit', again);
    expect(second.households).toMatchObject({ added: 0, updated: 1, unchanged: 39, refused: 0 });
    expect(second.members.added).toBe(0);
  });
});

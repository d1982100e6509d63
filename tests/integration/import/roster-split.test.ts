/**
 * Through the real import service: members a corrected file no longer lists (removed only when the
 * file's roster of the household is complete, reported otherwise, never when the person moved), and
 * a household split across two places in one file (both parts refused, the earlier one taken back).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from './fixtures.ts';
import { importOne, snapshot } from './helpers.ts';

let tmp: TempDir;
let s: Session;
let hh: FxHousehold[];

beforeEach(async () => {
  tmp = tempDir('import-roster-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
  hh = makeHouseholds(8);
  const first = tmp.path('郭城驿镇2023年度.xlsx');
  await writeMemberWorkbook(first, hh);
  await importOne(s, 'commit', first);
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

const memberRow = (id: string | number): unknown => s.ctx.db.prepare('SELECT * FROM members WHERE id_number = ?').get(String(id));

describe('members missing from a corrected file', () => {
  it('removes a member when the roster is complete, reports it, and undo puts the identical row back', async () => {
    const gone = hh[3]!.members[3]!;
    const before = memberRow(gone.id);
    const edited = hh.map((h, i) => (i === 3 ? { ...h, size: 3, members: h.members.slice(0, 3) } : h));
    const file = tmp.path('郭城驿镇2023年度（更正）.xlsx');
    await writeMemberWorkbook(file, edited);
    const preview = await importOne(s, 'preview', file);
    expect(preview.members.removed).toBe(1);
    expect(memberRow(gone.id)).toEqual(before);
    const r = await importOne(s, 'commit', file);
    expect(r.members.removed).toBe(1);
    const w = r.warnings.find((x) => x.code === 'member-missing')!;
    expect(w.message).toContain(`“${gone.name}”`);
    expect(w.message).toContain('已从该户移除');
    expect(w.message).not.toContain(String(gone.id));
    expect(memberRow(gone.id)).toBeUndefined();
    const undo = await s.call('import:undo', { batchId: r.batchId! });
    expect(undo.membersRestored).toBe(1);
    expect(memberRow(gone.id)).toEqual(before);
    expect(verifyAuditChain(s.ctx.db).ok).toBe(true);
  });

  it('keeps and reports a missing member when the size does not match the rows listed', async () => {
    const gone = hh[3]!.members[3]!;
    const edited = hh.map((h, i) => (i === 3 ? { ...h, size: 4, members: h.members.slice(0, 3) } : h));
    const file = tmp.path('郭城驿镇2023年度（部分）.xlsx');
    await writeMemberWorkbook(file, edited);
    const r = await importOne(s, 'commit', file);
    expect(r.members.removed).toBe(0);
    const w = r.warnings.find((x) => x.code === 'member-missing')!;
    expect(w.message).toContain('未删除');
    expect(memberRow(gone.id)).toBeDefined();
  });

  it('moves a member to another household in the same file instead of removing it', async () => {
    const mover = hh[3]!.members[3]!;
    const edited = hh.map((h, i) => (i === 3 ? { ...h, size: 3, members: h.members.slice(0, 3) }
      : i === 5 ? { ...h, size: 7, members: [...h.members, { ...mover, relation: '其他' }] } : h));
    const file = tmp.path('郭城驿镇2023年度（迁移）.xlsx');
    await writeMemberWorkbook(file, edited);
    const r = await importOne(s, 'commit', file);
    expect(r.members.removed).toBe(0);
    expect(r.warnings.filter((x) => x.code === 'member-missing')).toEqual([]);
    const row = memberRow(mover.id) as { household_id: number };
    const target = s.ctx.db.prepare('SELECT id FROM households WHERE code = ?').pluck().get(hh[5]!.code);
    expect(row.household_id).toBe(target);
  });
});

describe('a household split across the file', () => {
  it('refuses both parts and leaves no trace of the earlier one', async () => {
    const fresh = makeHouseholds(3, { seed: 700, codePrefix: '6204221014' });
    const split = { ...fresh[2]!, village: '拆分村' }; // 3 members, in a village new to the ledger
    const rows = [fresh[0]!, { ...split, members: split.members.slice(0, 1) }, fresh[1]!, { ...split, members: split.members.slice(1) }];
    const file = tmp.path('郭城驿镇2023年度（新增）.xlsx');
    await writeMemberWorkbook(file, rows);
    const ledger = (): string => JSON.stringify((JSON.parse(snapshot(s)) as unknown[]).slice(0, 4));
    const before = ledger();
    const r = await importOne(s, 'commit', file);
    expect(r.households).toEqual({ added: 2, updated: 0, unchanged: 0, refused: 2 });
    expect(r.members).toMatchObject({ added: fresh[0]!.members.length + fresh[1]!.members.length, refused: 3 });
    const errors = r.errors.filter((e) => e.code === 'split-household');
    expect(errors).toHaveLength(2);
    expect(new Set(errors.map((e) => e.row)).size).toBe(2);
    expect(s.ctx.db.prepare('SELECT count(*) FROM households WHERE code = ?').pluck().get(split.code)).toBe(0);
    expect(s.ctx.db.prepare('SELECT count(*) FROM members WHERE id_number = ?').pluck().get(String(split.members[0]!.id))).toBe(0);
    // The village the earlier part created is gone with it.
    expect(s.ctx.db.prepare(`SELECT count(*) FROM regions WHERE name = '拆分村'`).pluck().get()).toBe(0);
    await s.call('import:undo', { batchId: r.batchId! });
    expect(ledger() === before).toBe(true);
    expect(verifyAuditChain(s.ctx.db).ok).toBe(true);
  });
});

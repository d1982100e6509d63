/**
 * Corrections on a real small database: each write changes the value, writes its audit entries with
 * old and new values in the same transaction, and keeps the figures the list sorts by in step; bad
 * input changes nothing at all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { round2 } from '../../../shared/domain/income.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
let s: Session;
beforeEach(() => {
  tmp = tempDir();
  s = demoSession(tmp.path('small.db'), 'small');
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

const count = (sql: string, ...p: unknown[]): number => (s.ctx.db.prepare(sql).get(...p) as { n: number }).n;
const auditCount = (): number => count('SELECT count(*) AS n FROM audit_log');
/** A snapshot of everything a write could touch, to prove a refused write touched nothing. */
const fingerprint = (): string => JSON.stringify([
  s.ctx.db.prepare('SELECT * FROM households ORDER BY id').all(), s.ctx.db.prepare('SELECT * FROM members ORDER BY id').all(),
  s.ctx.db.prepare('SELECT * FROM income_records ORDER BY household_id, year').all(), auditCount(),
]);

async function firstHousehold(): Promise<number> {
  const p = await s.call('ledger:households', { limit: 1 });
  return (p.rows[0] as { id: number }).id;
}

describe('ledger corrections', () => {
  it('corrects an income figure: new per-capita in the list and the page, old and new in the audit log', async () => {
    const id = await firstHousehold();
    const before = await s.call('ledger:household', { id });
    const y2024 = before.incomes.find((r) => r.year === 2024);
    expect(y2024).toBeDefined();
    const input = { householdId: id, year: 2024, size: y2024!.size, wage: 30000, welfarePostWage: 0, businessGross: 5000.5,
      businessExpense: 1000.25, property: 200, transfer: 1500 };
    const r = await s.call('ledger:upsertIncome', { income: input, reason: '乡镇复核更正' });
    expect(r.changes).toBeGreaterThan(0);
    const net = 30000 + 5000.5 - 1000.25 + 200 + 1500;
    const after = await s.call('ledger:household', { id });
    const row = after.incomes.find((x) => x.year === 2024)!;
    expect(row.net).toBe(35700.25);
    expect(row.perCapita).toBe(round2(net / y2024!.size));
    const list = await s.call('ledger:households', { q: after.code });
    expect(list.rows[0]?.perCapita).toBe(round2(net / y2024!.size));
    const wage = after.audit.find((a) => a.field === 'wage_fen');
    expect(wage).toMatchObject({ action: 'ledger:update', table: 'income_records', operator: '测试员', oldValue: String(Math.round(y2024!.wage * 100)), newValue: '3000000', year: 2024, reason: '乡镇复核更正' });
    const stored = s.ctx.db.prepare(`SELECT detail, household_id FROM audit_log WHERE field = 'wage_fen' ORDER BY id DESC`).get() as { detail: string; household_id: number };
    expect(stored.household_id).toBe(id);
    expect(JSON.parse(stored.detail)).toMatchObject({ year: 2024, reason: '乡镇复核更正' });
    expect(verifyAuditChain(s.ctx.db).ok).toBe(true);
  });

  it('keeps the per-household-year figures in step with any writer of income_records', async () => {
    const id = await firstHousehold();
    const db = s.ctx.db;
    const fig = (year: number): unknown => db.prepare('SELECT net_fen, prev_net_fen, decreased FROM household_year_figures WHERE household_id = ? AND year = ?').get(id, year);
    db.prepare('INSERT OR REPLACE INTO income_records (household_id, year, size, wage_fen) VALUES (?, 2023, 2, 100)').run(id);
    expect(fig(2023)).toMatchObject({ net_fen: 100 });
    expect(fig(2024)).toMatchObject({ prev_net_fen: 100, decreased: 0 });
    db.prepare('DELETE FROM income_records WHERE household_id = ? AND year = 2023').run(id);
    expect(fig(2023)).toBeUndefined();
    expect(fig(2024)).toMatchObject({ prev_net_fen: null, decreased: 0 });
    const stale = db.prepare(`SELECT count(*) AS n FROM household_year_figures f JOIN income_records r ON r.household_id = f.household_id AND r.year = f.year
      LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1
      WHERE f.net_fen <> r.net_fen OR f.size <> r.size OR f.prev_net_fen IS NOT p.net_fen`).get() as { n: number };
    expect(stale.n).toBe(0);
    expect(count('SELECT count(*) AS n FROM household_year_figures')).toBe(count('SELECT count(*) AS n FROM income_records'));
    // Moving the household to another county's township moves its figures too (county-wide lists use them).
    await s.call('ledger:updateHousehold', { id, patch: { township: '620421101' } });
    expect(db.prepare('SELECT DISTINCT county_code FROM household_year_figures WHERE household_id = ?').all(id)).toEqual([{ county_code: '620421' }]);
    expect(count(`SELECT count(*) AS n FROM household_year_figures f JOIN households h ON h.id = f.household_id WHERE f.county_code IS NOT h.county_code`)).toBe(0);
    const moved = await s.call('ledger:households', { county: '620421', sort: 'perCapita', limit: 10 });
    expect(moved.rows.map((r) => r.id)).toEqual([id]);
  });

  it('refuses bad input with a Chinese message and writes nothing', async () => {
    const id = await firstHousehold();
    const memberId = (await s.call('ledger:household', { id })).members[0]!.id;
    const other = s.ctx.db.prepare('SELECT id_number FROM members WHERE household_id <> ? LIMIT 1').get(id) as { id_number: string };
    const snap = fingerprint();
    const bad: Array<[string, unknown, RegExp]> = [
      ['ledger:upsertIncome', { income: { householdId: id, year: 2024, size: 3, wage: -1, businessGross: 0, businessExpense: 0, property: 0, transfer: 0 } }, /填写的内容不正确/],
      ['ledger:upsertIncome', { income: { householdId: id, year: 2024, size: 3, wage: 10, welfarePostWage: 20, businessGross: 0, businessExpense: 0, property: 0, transfer: 0 } }, /公益性岗位/],
      ['ledger:updateMember', { id: memberId, patch: { idNumber: '620422199001011234' } }, /校验位/],
      ['ledger:updateMember', { id: memberId, patch: { idNumber: other.id_number } }, /已登记在户/],
      ['ledger:updateMember', { id: memberId, patch: { name: '' } }, /姓名不能为空/],
      ['ledger:updateHousehold', { id, patch: { village: '620422999999' } }, /不在该乡镇下/],
      ['ledger:updateHousehold', { id: 999999, patch: { note: 'x' } }, /找不到该户/],
      ['ledger:removeMember', { id: memberId, reason: '' }, /删除原因/],
    ];
    for (const [name, args, message] of bad) {
      await expect(s.call(name as 'ledger:updateMember', args), name).rejects.toThrow(message);
    }
    expect(fingerprint()).toBe(snap);
  });

  it('changes a member ID, keeps the head on the household in step, and masks IDs in the history', async () => {
    const id = await firstHousehold();
    const head = (await s.call('ledger:household', { id })).members.find((m) => m.relation === '户主')!;
    const newId = makeIdNumber('620422', '19700315', 357);
    await s.call('ledger:updateMember', { id: head.id, patch: { idNumber: ` ${newId.toLowerCase()} `, name: '更正名' } });
    const row = s.ctx.db.prepare('SELECT head_name, head_id_number FROM households WHERE id = ?').get(id) as { head_name: string; head_id_number: string };
    expect(row).toEqual({ head_name: '更正名', head_id_number: newId });
    const detail = await s.call('ledger:household', { id });
    const idEntry = detail.audit.find((a) => a.table === 'members' && a.field === 'id_number')!;
    expect(idEntry.newValue).toBe(`${newId.slice(0, 6)}********${newId.slice(14)}`);
    expect(JSON.stringify(detail)).not.toContain(newId);
    expect(detail.members.find((m) => m.id === head.id)).toMatchObject({ sex: '男', birthDate: '1970-03-15' });
  });

  it('adds and removes members with the household size following, and refuses removing the last one', async () => {
    const id = await firstHousehold();
    const size = (await s.call('ledger:household', { id })).size;
    const added = await s.call('ledger:addMember', { householdId: id, member: { name: '新成员', idNumber: makeIdNumber('620422', '20200101', 222), relation: '之女' } });
    expect((await s.call('ledger:household', { id })).size).toBe(size + 1);
    await s.call('ledger:removeMember', { id: added.memberId!, reason: '迁出' });
    const after = await s.call('ledger:household', { id });
    expect(after.size).toBe(size);
    expect(after.audit.filter((a) => a.field === 'size').map((a) => [a.oldValue, a.newValue])).toEqual([[String(size + 1), String(size)], [String(size), String(size + 1)]]);
    const single = s.ctx.db.prepare('SELECT household_id AS id FROM members GROUP BY household_id HAVING count(*) = 1 LIMIT 1').get() as { id: number };
    const only = (await s.call('ledger:household', { id: single.id })).members[0]!;
    await expect(s.call('ledger:removeMember', { id: only.id, reason: '测试' })).rejects.toThrow(/唯一的成员/);
  });

  it('adds and removes a household; the removal keeps a snapshot in the audit log', async () => {
    const r = await s.call('ledger:addHousehold', {
      code: 'T-0001', township: '620422101', village: null, head: { name: '新户主', idNumber: makeIdNumber('620422', '19800101', 111) },
    });
    const hid = r.householdId!;
    const page = await s.call('ledger:household', { id: hid });
    expect(page).toMatchObject({ code: 'T-0001', county: '会宁县', township: '郭城驿镇', size: 1, headName: '新户主' });
    expect(page.members[0]?.relation).toBe('户主');
    await expect(s.call('ledger:addHousehold', { code: 'T-0001', township: '620422101', head: { name: '甲', idNumber: makeIdNumber('620422', '19800101', 113) } })).rejects.toThrow(/已存在/);
    await s.call('ledger:removeHousehold', { id: hid, reason: '重复录入' });
    expect(count('SELECT count(*) AS n FROM households WHERE id = ?', hid)).toBe(0);
    const entry = s.ctx.db.prepare(`SELECT detail FROM audit_log WHERE action = 'ledger:remove' AND table_name = 'households'`).get() as { detail: string };
    expect(JSON.parse(entry.detail)).toMatchObject({ reason: '重复录入', snapshot: { household: { code: 'T-0001' } } });
    expect(verifyAuditChain(s.ctx.db).ok).toBe(true);
  });

  it('reveals a full ID only with a reason, and records who asked', async () => {
    const id = await firstHousehold();
    const m = (await s.call('ledger:household', { id })).members[0]!;
    await expect(s.call('ledger:revealId', { memberId: m.id, reason: '' })).rejects.toThrow(/原因/);
    const r = await s.call('ledger:revealId', { memberId: m.id, reason: '核对低保名单' });
    expect(r.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(maskedMatches(m.idMasked, r.idNumber)).toBe(true);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'ledger:reveal-id' AND row_key = ? AND operator = '测试员'`, String(m.id))).toBe(1);
  });

  it('requires an operator before any correction', async () => {
    const path = s.ctx.dbPath;
    await s.close();
    s = openSession(path);
    const id = await firstHousehold();
    const before = auditCount();
    await expect(s.call('ledger:updateHousehold', { id, patch: { note: '无人操作' } })).rejects.toThrow(/操作员/);
    expect(auditCount()).toBe(before);
  });
});

function maskedMatches(masked: string, full: string): boolean {
  return masked.slice(0, 6) === full.slice(0, 6) && masked.slice(-4) === full.slice(-4);
}

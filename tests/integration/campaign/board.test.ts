/**
 * A two-year 郭城驿镇 imported from real workbooks (2023, then 2024 with two households missing, three
 * new, one larger household, one tripled wage, one vanished property income) and natural changes:
 * the board's counts are known by construction.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { makeHouseholds, writeMemberWorkbook } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

let tmp: TempDir;
let s: Session;
beforeEach(() => {
  tmp = tempDir('campaign-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

it('reproduces the planted counts of a two-year township and records coded natural changes', async () => {
  const y23 = makeHouseholds(12);
  const f23 = tmp.path('2023.xlsx');
  await writeMemberWorkbook(f23, y23, { title: '会宁县郭城驿镇2023年度脱贫人口收入台账' });
  await importOne(s, 'commit', f23, { year: 2023 });

  const y24 = [...makeHouseholds(15)];
  y24.splice(10, 2); // households 11 and 12 missing from 2024
  y24[0]!.members.push({ name: '新生儿', id: makeIdNumber('620422', '20240301', 901), relation: '之子' });
  y24[0]!.size = 2; // size 1 → 2 at the same income: per-capita halves (a jump too)
  y24[3]!.income = [y24[3]!.income[0] * 3, ...y24[3]!.income.slice(1)] as typeof y24[3]['income'];
  y24[4]!.income = [...y24[4]!.income.slice(0, 3), 0, y24[4]!.income[4]] as typeof y24[4]['income'];
  const f24 = tmp.path('2024.xlsx');
  await writeMemberWorkbook(f24, y24);
  const r24 = await importOne(s, 'commit', f24, { year: 2024 });
  expect(r24.errors).toEqual([]);

  const db = s.ctx.db;
  const hh5 = db.prepare(`SELECT id FROM households WHERE code = ?`).get(y24[5]!.code) as { id: number };
  const dead = db.prepare(`SELECT id FROM members WHERE household_id = ? AND relation <> '户主' ORDER BY id LIMIT 1`).get(hh5.id) as { id: number };
  const c = await s.call('campaign:recordChange', { year: 2024, date: '2024-05-02', reason: '死亡', householdId: hh5.id, memberId: dead.id, remove: true });
  expect(c.leftLedger).toBe(true);
  expect(c.idNumber).toMatch(/\*/);
  expect(db.prepare('SELECT 1 FROM members WHERE id = ?').get(dead.id)).toBeUndefined();
  const hh0 = db.prepare(`SELECT id FROM households WHERE code = ?`).get(y24[0]!.code) as { id: number };
  await s.call('campaign:recordChange', { year: 2024, date: '2024-03-01', reason: '出生', householdId: hh0.id });
  await expect(s.call('campaign:recordChange', { year: 2024, date: '2024-03-01', reason: '其他', householdId: hh0.id })).rejects.toThrow(/说明/);
  await expect(s.call('campaign:recordChange', { year: 2024, date: '2024-03-01', reason: '出生', householdId: hh0.id, remove: true })).rejects.toThrow(/不能移出/);

  const b = await s.call('campaign:board', { year: 2024, county: '620422' });
  const g = b.rows.find((r) => r.name === '郭城驿镇')!;
  expect(g.state).toBe('已导入');
  expect(g.batches.map((x) => x.id)).toEqual([r24.batchId]);
  expect([g.households, g.withIncome]).toEqual([15, 13]);
  expect(g.rate).toBeCloseTo(13 / 15, 10);
  expect(g.yoy).toEqual({ missing: 2, added: 3, sizeChanged: 1, jumps: 2, vanished: 1 });
  expect(g.changes).toBe(2);
  expect(b.reminders.length).toBe(b.rows.length - 1);
  expect(b.total.yoy).toEqual(g.yoy);

  // Open findings of the year's checks move the township to 有问题待整改 and show as a count;
  // closing them (误报) takes it back.
  await s.call('checks:run', { year: 2024 });
  const open = (await s.call('checks:findings', { year: 2024, township: g.code })).filter((f) => f.state === 'open');
  expect(open.length).toBeGreaterThan(0);
  const b2 = await s.call('campaign:board', { year: 2024, county: '620422' });
  const g2 = b2.rows.find((r) => r.code === g.code)!;
  expect([g2.openFindings, b2.total.openFindings, g2.state]).toEqual([open.length, open.length, '有问题待整改']);
  for (const f of open) await s.call('checks:set-state', { id: f.id, state: 'false_positive', reason: '测试' });
  const g3 = (await s.call('campaign:board', { year: 2024, county: '620422' })).rows.find((r) => r.code === g.code)!;
  expect([g3.openFindings, g3.state]).toEqual([0, '已导入']);

  const ch = await s.call('campaign:changes', { year: 2024 });
  expect(ch.byReason).toEqual({ 死亡: 1, 出生: 1 });
  const audit = db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'campaign:change'`).get() as { n: number };
  expect(audit.n).toBe(2);
});

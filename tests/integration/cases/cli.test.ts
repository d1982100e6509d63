/** The 监测对象 CLI on a real ledger file: open a case, list it overdue, refuse a skipped step (exit 2). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CasesResult } from '../../../shared/api/cases.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession } from '../../../electron/services/session.ts';
import { makeHouseholds, writeMemberWorkbook } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

let tmp: TempDir;
let db = '';
const [first] = makeHouseholds(2);
beforeAll(async () => {
  tmp = tempDir('cases-cli-');
  db = tmp.path('ledger.db');
  const s = openSession(db, { operator: '测试员' });
  const f = tmp.path('2024.xlsx');
  await writeMemberWorkbook(f, makeHouseholds(2));
  await importOne(s, 'commit', f, { year: 2024 });
  await s.close();
}, 60_000);
afterAll(() => tmp.remove());

it('opens, lists overdue and refuses a skipped step', { timeout: 60_000 }, () => {
  const noOp = runCliProcess(['case', 'open', '--db', db, '--household', first!.code, '--source', '一键报贫', '--date', '2025-09-26']);
  expect(noOp.code).toBe(2);
  expect(noOp.stderr).toMatch(/操作员/);
  const opened = runCliProcess(['case', 'open', '--db', db, '--household', first!.code, '--source', '一键报贫', '--date', '2025-09-26', '--operator', '张三']);
  expect(opened.stderr).toBe('');
  expect(opened.stdout).toMatch(/当前：线索（2025-09-26），待入户核实/);
  const list = runCliProcess(['cases', '--db', db, '--overdue', '--as-of', '2025-10-13', '--json']);
  const r = JSON.parse(list.stdout) as CasesResult;
  expect(r.rows.map((c) => [c.householdCode, c.state, c.timing.daysLeft])).toEqual([[first!.code, '线索', -2]]);
  const text = runCliProcess(['cases', '--db', db, '--as-of', '2025-10-13']);
  expect(text.stdout).toMatch(/入户核实时限 2025-10-10，已超期 2 个工作日/);
  const skip = runCliProcess(['case', 'advance', '1', '--to', '县级审定', '--db', db, '--operator', '张三', '--date', '2025-10-13']);
  expect(skip.code).toBe(2);
  expect(skip.stderr).toMatch(/不能转为“县级审定”；可转为：入户核实、不予纳入/);
});

it('edits a time limit and a calendar day (audited), and the deadlines shown follow', { timeout: 90_000 }, () => {
  const deadline = (): string => (JSON.parse(runCliProcess(['cases', '--db', db, '--as-of', '2025-09-29', '--json']).stdout) as CasesResult).rows[0]!.timing.deadline!.date;
  expect(deadline()).toBe('2025-10-10');
  const noOp = runCliProcess(['case', 'rule', 'homeCheckDays', '--days', '3', '--db', db]);
  expect([noOp.code, noOp.stderr]).toEqual([2, expect.stringMatching(/操作员/)]);
  const set = runCliProcess(['case', 'rule', '入户核实', '--days', '3', '--source', '县局通知', '--db', db, '--operator', '张三']);
  expect(set.stdout).toMatch(/homeCheckDays\t发现线索后完成入户核实 3 工作日（默认 5）\t县局通知/);
  expect(deadline()).toBe('2025-09-30'); // 09-28 (a make-up Sunday), 09-29, 09-30
  const day = runCliProcess(['case', 'day', '2025-09-28', '--kind', '普通', '--db', db, '--operator', '张三']);
  expect(day.code).toBe(0);
  expect(day.stdout).not.toMatch(/2025-09-28/);
  expect(deadline()).toBe('2025-10-09'); // 09-29, 09-30, then the holiday to 10-08
  const cal = JSON.parse(runCliProcess(['case', 'calendar', '--year', '2025', '--db', db, '--json']).stdout) as { days: Array<{ date: string; kind: string }> };
  expect(cal.days.find((d) => d.date === '2025-10-01')?.kind).toBe('休');
  const audit = runCliProcess(['audit', '--db', db, '--json', '--limit', '5']);
  expect(audit.stdout).toMatch(/case:calendar/);
  expect(audit.stdout).toMatch(/case:rule/);
  const bad = runCliProcess(['case', 'rule', 'x', '--days', '3', '--db', db, '--operator', '张三']);
  expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/请给出时限/)]);
});

it('writes the case file, the monthly summary and the campaign bulletin from the command line', { timeout: 90_000 }, () => {
  const file = runCliProcess(['case', 'file', '1', '--db', db, '--out', tmp.path('档案.xlsx')]);
  expect(file.stdout).toMatch(/已导出监测档案（步骤 1 个，帮扶措施 0 项，证件号码已遮蔽）/);
  const noReason = runCliProcess(['case', 'file', '1', '--db', db, '--out', tmp.path('全.xlsx'), '--show-ids', '--operator', '张三']);
  expect([noReason.code, noReason.stderr]).toEqual([2, expect.stringMatching(/必须填写理由/)]);
  const monthly = runCliProcess(['case', 'monthly', '--db', db, '--month', '2025-09', '--county', '620422']);
  expect(monthly.stdout).toMatch(/本月新增线索 1 户/);
  expect(monthly.stdout).toMatch(/郭城驿镇\t1\t0/);
  const out = runCliProcess(['case', 'monthly', '--db', db, '--month', '2025-09', '--county', '620422', '--out', tmp.path('月报.xlsx')]);
  expect(out.stdout).toMatch(/已导出监测对象月报（1 户）/);
  const b = runCliProcess(['campaign', '--db', db, '--year', '2024', '--out', tmp.path('通报.xlsx')]);
  expect(b.stdout).toMatch(/已导出采集进度通报（28 个乡镇，其中尚未报送 27 个）/);
  const again = runCliProcess(['campaign', '--db', db, '--year', '2024', '--out', tmp.path('通报.xlsx')]);
  expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/文件已存在/)]);
});

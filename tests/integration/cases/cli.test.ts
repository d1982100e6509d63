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

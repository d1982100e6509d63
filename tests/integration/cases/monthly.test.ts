/**
 * The 监测对象月报 on a real imported ledger with four planted cases in 郭城驿镇: the counts for
 * October and December 2025 (state at the month's end, the month's clues, inclusions and
 * eliminations, monitored households by category and risk type) are known by construction, and the
 * three sheets of the .xlsx read back the same numbers in the township's row and the 合计 row.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import type { AdvanceCaseArgs } from '../../../shared/api/cases.ts';
import type { z } from 'zod';
import { makeHouseholds, writeMemberWorkbook } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

let tmp: TempDir;
let s: Session;
type Step = [string, string, Partial<z.input<typeof AdvanceCaseArgs>>?];

async function walk(id: number, steps: Step[]): Promise<void> {
  for (const [to, date, extra] of steps) await s.call('cases:advance', { id, to: to as never, date, ...extra });
}

beforeAll(async () => {
  tmp = tempDir('cases-monthly-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
  const households = makeHouseholds(4);
  const f = tmp.path('2024.xlsx');
  await writeMemberWorkbook(f, households);
  await importOne(s, 'commit', f, { year: 2024 });
  const hh = households.map((h) => (s.ctx.db.prepare('SELECT id FROM households WHERE code = ?').get(h.code) as { id: number }).id);
  const open = async (i: number, date: string, riskTypes: Array<'因病' | '因学'>): Promise<number> =>
    (await s.call('cases:open', { householdId: hh[i]!, source: '排查', date, riskTypes })).id;
  const a = await open(0, '2025-09-26', ['因病']);
  await walk(a, [['入户核实', '2025-10-13'], ['村级评议公示', '2025-10-14'], ['乡镇审核', '2025-10-20'], ['县级审定', '2025-10-21', { category: '边缘易致贫户' }],
    ['帮扶', '2025-10-22'], ['风险消除', '2025-12-01', { method: '帮扶消除', confirm: { threeGuarantees: true, drinkingWater: true, noRisk: true } }]]);
  await walk(await open(1, '2025-10-09', ['因学', '因病']), [['入户核实', '2025-10-10']]);
  await walk(await open(2, '2025-10-15', ['因病']), [['不予纳入', '2025-10-17', { note: '收入稳定' }]]);
  await walk(await open(3, '2025-11-03', ['因学']), [['入户核实', '2025-11-04'], ['村级评议公示', '2025-11-05'], ['乡镇审核', '2025-11-11'],
    ['县级审定', '2025-11-20', { category: '脱贫不稳定户' }]]);
}, 60_000);
afterAll(async () => {
  await s.close();
  tmp.remove();
});

it('counts October: states at the month end, the month clues and inclusions', async () => {
  const m = await s.call('cases:monthly', { month: '2025-10', county: '620422' });
  expect([m.from, m.to]).toEqual(['2025-10-01', '2025-10-31']);
  const t = m.total;
  expect(Object.entries(t.states).filter(([, n]) => n > 0)).toEqual([['入户核实', 1], ['帮扶', 1], ['不予纳入', 1]]);
  expect([t.newClues, t.newlyMonitored, t.eliminated, t.monitored, t.monitoredEliminated]).toEqual([2, 1, 0, 1, 0]);
  expect(t.categories.边缘易致贫户).toEqual({ all: 1, eliminated: 0 });
  expect(Object.entries(t.risks).filter(([, n]) => n > 0)).toEqual([['因病', 1]]);
  expect(m.rows.find((r) => r.name === '郭城驿镇')!.states).toEqual(t.states);
});

it('writes December as three forms whose township and total rows read back the counts', async () => {
  const out = tmp.path('月报.xlsx');
  const r = await s.call('cases:exportMonthly', { month: '2025-12', county: '620422', out });
  expect(r).toEqual({ path: out, cases: 4 });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const row = (sheet: string, name: string): unknown[] => {
    const ws = wb.getWorksheet(sheet)!;
    let found: unknown[] = [];
    ws.eachRow((rw) => {
      if (rw.getCell(2).value === name) found = (rw.values as unknown[]).slice(3, ws.columnCount + 1);
    });
    return found;
  };
  // 线索 入户核实 公示 乡镇审核 县级审定 帮扶 继续监测 风险消除 不予纳入 | 合计 | 新增线索 纳入监测 风险消除
  const states = [0, 1, 0, 0, 1, 0, 0, 1, 1, 4, 0, 0, 1];
  expect(row('按状态', '郭城驿镇')).toEqual(states);
  expect(row('按状态', '合计')).toEqual(states);
  // 纳入监测 合计/已消除 | 脱贫不稳定户 | 边缘易致贫户 | 突发严重困难户 | 未定类别
  expect(row('按类别', '合计')).toEqual([2, 1, 1, 0, 1, 1, 0, 0, 0, 0]);
  // 纳入监测 | 因病 因残 因学 …
  expect(row('按风险类型', '郭城驿镇')).toEqual([2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const title = wb.getWorksheet('按状态')!.getCell(1, 1).value;
  expect(title).toBe('会宁县2025年12月防止返贫监测对象月报（按办理状态）');
  expect(wb.getWorksheet('按风险类型')!.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
});

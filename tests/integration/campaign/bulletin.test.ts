/**
 * The 采集进度通报 workbook of the small demo (郭城驿镇 in, the other 27 townships of 会宁 not): every
 * township's row read back from the .xlsx equals the board the service computes, with three planted
 * households lacking a 2024 record; the 合计 row, the reminder line and the 催报名单 sheet list the
 * townships not in; the demo mark, A4 landscape, frozen header; an existing file is refused.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import type { Session } from '../../../electron/services/session.ts';
import type { BoardResult } from '../../../shared/api/campaign.ts';

let tmp: TempDir;
let s: Session;
let board: BoardResult;

beforeAll(async () => {
  tmp = tempDir('campaign-bulletin-');
  s = demoSession(tmp.path('ledger.db'));
  s.ctx.db.prepare(`DELETE FROM income_records WHERE year = 2024 AND household_id IN (SELECT id FROM households ORDER BY id LIMIT 3)`).run();
  board = await s.call('campaign:board', { year: 2024, county: '620422' });
}, 60_000);
afterAll(async () => {
  await s.close();
  tmp.remove();
});

const values = (row: ExcelJS.Row, n: number): unknown[] => Array.from({ length: n }, (_, i) => {
  const v = row.getCell(i + 1).value;
  return v === null || v === undefined || v === '' ? null : v;
});

it('writes the board row by row with totals, the reminder list and the print setup', async () => {
  const out = tmp.path('通报.xlsx');
  const r = await s.call('campaign:exportBulletin', { year: 2024, county: '620422', out });
  expect(r).toEqual({ path: out, rows: 28, reminders: 27 });
  await expect(s.call('campaign:exportBulletin', { year: 2024, county: '620422', out })).rejects.toThrow(/文件已存在/);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('采集进度通报')!;
  expect(ws.getCell(1, 1).value).toBe('会宁县2024年脱贫人口收入信息采集进度通报（演示数据）');
  expect([ws.getCell(3, 9).value, ws.getCell(4, 9).value, ws.getCell(4, 12).value]).toEqual(['与上年比对（户）', '上年有本年无', '人均收入变动超±30%']);
  const first = 5;
  const g = board.rows.find((x) => x.name === '郭城驿镇')!;
  expect([g.households - g.withIncome, g.state]).toEqual([3, '已导入']);
  board.rows.forEach((b, i) => {
    const y = b.yoy;
    const last = b.batches.reduce((m, x) => (x.createdAt > m ? x.createdAt : m), '').slice(0, 10) || null;
    expect(values(ws.getRow(first + i), 15), b.name).toEqual([
      i + 1, b.name, b.state, b.households, b.withIncome, b.rate, b.refusedRows, b.openFindings, y.missing, y.added, y.sizeChanged, y.jumps, y.vanished, b.changes, last,
    ]);
  });
  const t = board.total;
  const total = ws.getRow(first + 28);
  expect(values(total, 14)).toEqual([null, '合计', '1/28 已报送', t.households, t.withIncome, t.rate, t.refusedRows, t.openFindings,
    t.yoy.missing, t.yoy.added, t.yoy.sizeChanged, t.yoy.jumps, t.yoy.vanished, t.changes]);
  expect(String(ws.getRow(first + 29).getCell(1).value)).toBe(`尚未报送（27 个）：${board.reminders.map((x) => x.name).join('、')}`);
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
  expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
  expect(ws.headerFooter.oddHeader).toMatch(/演示数据/);

  const rem = wb.getWorksheet('催报名单')!;
  const names: unknown[] = [];
  for (let i = 0; i < 27; i++) names.push(rem.getRow(4 + i).getCell(2).value);
  expect(names).toEqual(board.reminders.map((x) => x.name));
  const hh = new Map(board.rows.map((x) => [x.name, x.households]));
  expect(rem.getRow(4).getCell(3).value).toBe(hh.get(String(names[0])));
});

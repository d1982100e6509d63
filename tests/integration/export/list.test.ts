/**
 * 导出当前列表 at county scale (the 会宁 demo, ~4万 households): the file holds exactly the rows the
 * on-screen list pages through for the same filter and sort, in the same order, with masked IDs and
 * the 筛选条件 in the title block; `export list` on the CLI gives the same file from flags or --filter.
 */
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HouseholdListArgs, MemberListArgs } from '../../../shared/api/ledger.ts';
import { LedgerArgs } from '../../../shared/api/monitoring.ts';
import { parseHouseholdFilter } from '../../../shared/domain/list-filters.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import type { Db } from '../../../electron/db/types.ts';
import { writeList } from '../../../electron/export/list.ts';
import { computeLedger } from '../../../electron/db/queries/monitoring-ledger.ts';
import { listHouseholds, listMembers } from '../../../electron/services/ledger.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { MASKED_ID, readBook, rowValues } from './fixture.ts';

let dir: TempDir;
let dbPath: string;
let db: Db;

beforeAll(() => {
  dir = tempDir('export-list-');
  dbPath = makeDemoDb(dir.path('county.db'), 'county');
  db = openDatabase(dbPath, { readonly: true });
}, 300_000);
afterAll(() => {
  db.close();
  dir.remove();
});

/** Every row of the on-screen list, paging as the virtual table does. */
function screenHouseholds(filter: object): string[] {
  const out: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = listHouseholds(db, HouseholdListArgs.parse({ ...filter, offset, limit: 500 }));
    out.push(...page.rows.map((r) => r.code));
    if (page.rows.length < 500) return out;
  }
}

/** Data rows of an exported list: after the header, up to the 合计 row. */
function dataRows(ws: ExcelJS.Worksheet, firstRow: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = firstRow; r <= ws.rowCount; r++) {
    const v = rowValues(ws, r);
    if (typeof v[1] === 'string' && v[1].startsWith('合计')) break;
    rows.push(v);
  }
  return rows;
}

describe('export list', () => {
  it('writes the households of a filter in the screen’s order, IDs masked, filters in the title block', async () => {
    const filter = parseHouseholdFilter('county=620422&below=1&sort=perCapita&dir=desc&year=2024');
    const out = dir.path('below.xlsx');
    const r = await writeList(db, out, { list: 'households', filter });
    const screen = screenHouseholds(filter);
    expect(screen.length).toBeGreaterThan(1000);
    expect(r.rows).toBe(screen.length);
    const ws = (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('会宁县脱贫人口台账（户）2024年筛选结果（演示数据）');
    expect(String(ws.getCell('A3').value)).toBe('筛选条件：范围：会宁县；收入年度：2024；人均纯收入低于8,000元；排序：人均纯收入（从大到小）');
    expect(ws.views[0]).toMatchObject({ ySplit: 5 });
    const rows = dataRows(ws, 6);
    expect(rows.map((x) => x[5])).toEqual(screen);
    expect(rows.every((x) => x[7] === undefined || MASKED_ID.test(String(x[7])))).toBe(true);
    expect(String(rowValues(ws, 6 + rows.length)[1])).toBe(`合计 ${screen.length.toLocaleString('en-US')} 户`);
  });

  it('writes the members of a filter in the household order (keyset pages) as the 人 tab lists them', async () => {
    const filter = { county: '620422', workPlaceClass: '省外' as const, sort: 'household' as const, dir: 'asc' as const };
    const out = dir.path('members.xlsx');
    const r = await writeList(db, out, { list: 'members', filter: MemberListArgs.parse(filter) });
    const expected = listMembers(db, MemberListArgs.parse({ ...filter, limit: 1 })).total;
    expect(r.rows).toBe(expected);
    const ws = (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
    const rows = dataRows(ws, 5);
    expect(rows).toHaveLength(expected!);
    const first = listMembers(db, MemberListArgs.parse({ ...filter, limit: 20 })).rows;
    expect(rows.slice(0, 20).map((x) => [x[3], x[5], x[6]])).toEqual(first.map((m) => [m.householdCode, m.name, m.idMasked]));
    expect(rows.every((x) => x[11] === '省外')).toBe(true);
  });

  it('writes the work ledger as 监测帮扶 pages it', async () => {
    const filter = LedgerArgs.parse({ year: 2024, county: '620422', group: 'decreased', sort: '-change' });
    const { offset: _o, limit: _l, ...f } = filter;
    const out = dir.path('work.xlsx');
    const r = await writeList(db, out, { list: 'work-ledger', filter: f });
    const screen = computeLedger(db, { ...filter, offset: 0, limit: 100_000 });
    expect(r.rows).toBe(screen.total);
    const ws = (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
    expect(dataRows(ws, 6).map((x) => x[4])).toEqual(screen.rows.map((x) => x.code));
  });

  it('CLI: flags and --filter name the same rows; an existing file is refused without --force', async () => {
    const a = dir.path('cli-a.xlsx');
    const b = dir.path('cli-b.xlsx');
    const r1 = runCliProcess(['export', 'list', '--db', dbPath, '--out', a, '--township', '620422101', '--decreased', '--sort', 'perCapita']);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stdout).toContain('筛选条件：范围：会宁县郭城驿镇');
    const r2 = runCliProcess(['export', 'list', '--db', dbPath, '--out', b, '--filter', 'township=620422101&decreased=1&sort=perCapita']);
    expect(r2.code, r2.stderr).toBe(0);
    const codes = async (p: string): Promise<unknown[]> => dataRows((await readBook(p)).worksheets[0] as ExcelJS.Worksheet, 6).map((x) => x[5]);
    expect(await codes(a)).toEqual(await codes(b));
    expect(await codes(a)).toEqual(screenHouseholds(parseHouseholdFilter('township=620422101&decreased=1&sort=perCapita')));
    const again = runCliProcess(['export', 'list', '--db', dbPath, '--out', a, '--township', '620422101']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('文件已存在');
    const bad = runCliProcess(['export', 'list', '--db', dbPath, '--out', dir.path('c.xlsx'), '--filter', 'min=1.2万']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('应为数字');
    expect(runCliProcess(['export', 'list', '--db', dbPath, '--out', a, '--township', '620422101', '--force']).code).toBe(0);
  });
});

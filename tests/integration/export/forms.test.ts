/** Two-groups ledger, full ledger and plans read back with exceljs; masking, injection and print layout. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { LEDGER_HEADERS } from '../../../shared/domain/import-headers.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { runExport } from '../../../electron/export/run.ts';
import { previewForm } from '../../../electron/export/preview.ts';
import { runExportInWorker } from '../../../electron/export/worker-run.ts';
import { existsSync } from 'node:fs';
import { computeStats } from '../../../electron/analysis/stats.ts';
import type { Db } from '../../../electron/services/context.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { findRow, frozenRows, INJECTED, makeExportDb, MASKED_ID, readBook, rowValues, sheetXml } from './fixture.ts';

let dir: TempDir;
let dbPath: string;
let db: Db;

beforeAll(() => {
  dir = tempDir('export-forms-');
  dbPath = makeExportDb(dir.path('ledger.db'));
  db = openDatabase(dbPath, { readonly: true });
});
afterAll(() => {
  db.close();
  dir.remove();
});

function scalar(sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

describe('two-groups', () => {
  let ws: ExcelJS.Worksheet;
  let total: number;
  beforeAll(async () => {
    const out = dir.path('two-groups.xlsx');
    await runExport(dbPath, 'two-groups', out, { county: '620422', year: 2024 });
    ws = (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
    total = findRow(ws, 2, '合计');
  });

  it('lists one row per household in a group, and its 合计 counts equal stats', () => {
    const s = computeStats(db, { year: 2024, by: 'county', county: '620422' }).total;
    const inGroups = scalar(`SELECT count(*) AS n FROM income_records r JOIN households h ON h.id = r.household_id
      LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = 2023
      WHERE r.year = 2024 AND h.county_code = '620422'
        AND (r.net_fen < 800000 * r.size OR (p.net_fen IS NOT NULL AND r.net_fen * p.size < p.net_fen * r.size) OR h.relocated = 1)`);
    expect(total - frozenRows(ws) - 1).toBe(inGroups);
    expect(ws.getRow(total - 1).getCell(1).value).toBe(inGroups);
    expect(rowValues(ws, total).slice(10, 13)).toEqual([s.below8000, s.decreased, s.relocated]);
    expect(ws.getRow(total).getCell(5).value).toBe(`${inGroups}户`);
  });

  it('masks head IDs, keeps them as text, and shows 待制定 before any plan exists', () => {
    const first = frozenRows(ws) + 1;
    for (let r = first; r < total; r++) expect(ws.getRow(r).getCell(7).value).toMatch(MASKED_ID);
    expect(ws.getRow(first).getCell(7).numFmt).toBe('@');
    expect(ws.getRow(first).getCell(27).value).toBe('待制定');
  });

  it('neutralises a head name that starts with =', () => {
    expect(findRow(ws, 6, INJECTED)).toBe(-1);
    const hit = findRow(ws, 6, `'${INJECTED}`);
    // The injected household may or may not be in a group; if it is, it is neutralised.
    if (hit > 0) expect(ws.getRow(hit).getCell(6).formula).toBeUndefined();
  });

  it('sums the household net incomes in the 合计', () => {
    const first = frozenRows(ws) + 1;
    let sum = 0;
    for (let r = first; r < total; r++) sum += ws.getRow(r).getCell(14).value as number;
    expect(ws.getRow(total).getCell(14).value).toBeCloseTo(sum, 2);
  });
});

describe('ledger', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    const out = dir.path('ledger.xlsx');
    await runExport(dbPath, 'ledger', out, { county: '620422', year: 2024 });
    book = await readBook(out);
  });


  it('writes the year under the importer canonical headers', () => {
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('会宁县2024年脱贫人口台账（全字段）');
    expect(rowValues(ws, 3)).toEqual(LEDGER_HEADERS);
  });

  it('has one row per member with an income record, IDs masked, totals equal to the database', () => {
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    const members = scalar(`SELECT count(*) AS n FROM members m JOIN income_records r ON r.household_id = m.household_id
      JOIN households h ON h.id = m.household_id WHERE r.year = 2024 AND h.county_code = '620422'`);
    const total = findRow(ws, 1, '合计');
    expect(total - 4).toBe(members);
    const idCol = LEDGER_HEADERS.indexOf('证件号码') + 1;
    for (let r = 4; r < total; r++) expect(ws.getRow(r).getCell(idCol).value).toMatch(MASKED_ID);
    const s = computeStats(db, { year: 2024, by: 'county', county: '620422' }).total;
    expect(ws.getRow(total).getCell(LEDGER_HEADERS.indexOf('家庭人口数') + 1).value).toBe(s.persons);
    expect(ws.getRow(total).getCell(LEDGER_HEADERS.indexOf('人均纯收入') + 1).value).toBe(s.perCapitaNet);
    expect(ws.getRow(4).getCell(LEDGER_HEADERS.indexOf('工资性收入') + 1).numFmt).toBe('#,##0.00');
  });

  it('neutralises the injected head name on every member row of that household', () => {
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    const col = LEDGER_HEADERS.indexOf('户主姓名') + 1;
    expect(findRow(ws, col, `'${INJECTED}`)).toBeGreaterThan(0);
    expect(findRow(ws, col, INJECTED)).toBe(-1);
  });

  it('writes the latest year unless a year is given', async () => {
    const latest = await runExport(dbPath, 'ledger', dir.path('ledger-latest.xlsx'), { township: '620422101' });
    expect([latest.year, latest.sheets]).toEqual([2024, ['2024年']]);
    const r = await runExport(dbPath, 'ledger', dir.path('ledger-2023.xlsx'), { township: '620422101', year: 2023 });
    expect(r.sheets).toEqual(['2023年']);
  });
});

describe('plans', () => {
  it('writes one block per household with its measures and a page break after each', async () => {
    const path = dir.path('plans.db');
    makeExportDb(path);
    const w = openDatabase(path);
    const hh = w.prepare('SELECT id FROM households ORDER BY id LIMIT 2').all() as Array<{ id: number }>;
    for (const [i, h] of hh.entries()) {
      const p = w.prepare(`INSERT INTO plans (household_id, year, status, target_per_capita_fen, cadre_name, cadre_phone) VALUES (?, 2024, '已制定', 1200000, ?, '13800000000')`)
        .run(h.id, `干部${i}`);
      w.prepare(`INSERT INTO plan_measures (plan_id, measure_type, content, scale, funds_fen, expected_increase_fen, sort) VALUES (?, '产业', '养羊', '30只', 3000000, 1000000, 0), (?, '就业', '劳务输出', null, null, 500000, 1)`)
        .run(p.lastInsertRowid, p.lastInsertRowid);
    }
    w.close();
    const out = dir.path('plans.xlsx');
    const r = await runExport(path, 'plans', out, { county: '620422', year: 2024 });
    expect(r.rows).toBe(2);
    const ws = (await readBook(out)).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('会宁县2024年一户一策增收计划');
    expect(findRow(ws, 1, '产业')).toBeGreaterThan(0);
    expect(ws.getRow(findRow(ws, 1, '产业')).getCell(4).value).toBe(30000);
    const xml = await sheetXml(out);
    expect((/<rowBreaks count="(\d+)"/.exec(xml) ?? [])[1]).toBe('2');
    expect(String(ws.getCell(`A${frozenRows(ws) + 1}`).value)).toMatch(/证件号码：\d{6}\*{8}/);
  });

  it('is refused, not empty, for a year without plans', async () => {
    await expect(runExport(dbPath, 'plans', dir.path('none.xlsx'), { year: 2024 })).rejects.toThrow(/一户一策/);
  });
});

describe('preview and refusals', () => {
  it('previews the first rows exactly as written', async () => {
    const p = await previewForm(dbPath, 'two-groups', { county: '620422', year: 2024 });
    expect(p.title).toBe('会宁县2024年两类群体及易地搬迁户工作台账');
    expect(p.columns[10]).toBe('所属群体/低于8000元');
    expect(p.rows.length).toBe(30);
    expect(p.truncated).toBe(true);
    expect(String(p.rows[0]?.[6])).toMatch(MASKED_ID);
  });

  it('refuses an unknown township and a non-xlsx target, leaving no file behind', async () => {
    await expect(runExport(dbPath, 'ledger', dir.path('x.xlsx'), { township: '620422999' })).rejects.toThrow(/乡镇代码/);
    await expect(runExport(dbPath, 'ledger', dir.path('x.csv'), {})).rejects.toThrow(/\.xlsx/);
  });
});

describe('export in a worker thread (the app job)', () => {
  it('writes the same form off the main thread and reports progress', async () => {
    const out = dir.path('worker-ledger.xlsx');
    const steps: number[] = [];
    const r = await runExportInWorker(dbPath, 'ledger', out, { year: 2024 }, { progress: (_s, cur) => steps.push(cur) });
    const members = scalar(`SELECT count(*) AS n FROM members m JOIN income_records r ON r.household_id = m.household_id WHERE r.year = 2024`);
    expect(r.rows).toBe(members);
    expect(steps.at(-1)).toBe(members);
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('stops when cancelled and leaves no file behind', async () => {
    const out = dir.path('cancelled.xlsx');
    const controller = new AbortController();
    const run = runExportInWorker(dbPath, 'ledger', out, { year: 2024 }, { signal: controller.signal, progress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.part`)).toBe(false);
  });
});

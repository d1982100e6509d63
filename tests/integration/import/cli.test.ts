import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, net, writeMemberWorkbook } from './fixtures.ts';

let tmp: TempDir;
let db: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

beforeAll(() => {
  tmp = tempDir('import-cli-');
  db = tmp.path('ledger.db');
  openDatabase(db).close();
});
afterAll(() => tmp.remove());

describe('CLI import / batches / undo', () => {
  it('imports with --json in the documented shape; stats --by township reproduces the file totals', async () => {
    const hh = makeHouseholds(20);
    const file = tmp.path('郭城驿镇2024.xlsx');
    await writeMemberWorkbook(file, hh);
    const dry = await cli('import', file, '--db', db, '--dry-run', '--json', '--operator', '张干事');
    expect(dry.code).toBe(0);
    const [d] = JSON.parse(dry.out) as Array<Record<string, unknown>>;
    expect(Object.keys(d!)).toEqual(['file', 'batchId', 'county', 'township', 'year', 'households', 'members', 'blanks', 'consistency', 'changeCount', 'changes', 'errors', 'warnings', 'unmappedColumns']);
    expect((d as { blanks: unknown }).blanks).toEqual({ kept: 0, cleared: 0 });
    expect(d).toMatchObject({ file: '郭城驿镇2024.xlsx', batchId: null, county: '会宁县', township: '郭城驿镇', year: 2024 });

    const r = await cli('import', file, '--db', db, '--json', '--operator', '张干事');
    expect(r.code).toBe(0);
    const [rep] = JSON.parse(r.out) as Array<{ batchId: number; households: { added: number } }>;
    expect(rep!.households.added).toBe(20);

    const stats = await cli('stats', '--db', db, '--by', 'township', '--year', '2024', '--json');
    expect(stats.code).toBe(0);
    const row = (JSON.parse(stats.out) as { rows: Array<{ code: string; households: number; persons: number; perCapitaNet: number }> }).rows.find((x) => x.code === '620422101')!;
    const persons = hh.reduce((a, h) => a + Number(h.size), 0);
    const netFen = hh.reduce((a, h) => a + Math.round(net(h) * 100), 0);
    expect(row.households).toBe(20);
    expect(row.persons).toBe(persons);
    expect(row.perCapitaNet).toBeCloseTo(netFen / persons / 100, 2);

    const batches = await cli('batches', '--db', db, '--json');
    const list = JSON.parse(batches.out) as Array<{ id: number; operator: string; status: string }>;
    expect(list[0]).toMatchObject({ id: rep!.batchId, operator: '张干事', status: 'committed' });

    const undo = await cli('undo', String(rep!.batchId), '--db', db);
    expect(undo.code).toBe(0);
    expect(undo.out).toMatch(/删除 20 户/);
  });

  it('exits 1 with refused rows and writes the error workbook; 2 for an unreadable file or bad usage', async () => {
    const hh = makeHouseholds(4, { seed: 300 });
    hh[1]!.members[0]!.id = '620422199001011231';
    const file = tmp.path('郭城驿镇-有错.xlsx');
    await writeMemberWorkbook(file, hh);
    const out = tmp.path('错误说明.xlsx');
    const r = await cli('import', file, '--db', db, '--json', '--errors-out', out);
    expect(r.code).toBe(1);
    const [rep] = JSON.parse(r.out) as Array<{ errors: Array<{ row: number; code: string; column: string }> }>;
    expect(rep!.errors[0]).toMatchObject({ code: 'id-checksum', column: '身份证号码' });
    expect(existsSync(out)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toMatch(/郭城驿镇-有错\.xlsx/);
    const errRow = rep!.errors[0]!.row;
    let found = false;
    ws.eachRow((row) => {
      const lineNo = row.getCell(19).value;
      if (lineNo === errRow) {
        found = true;
        expect(String(row.getCell(20).value)).toMatch(/校验位/);
        expect((row.getCell(6).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
      }
    });
    expect(found).toBe(true);

    const bad = await cli('import', tmp.path('没有这个文件.xlsx'), '--db', db, '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)[0].error.code).toBe('file-unreadable');
    expect((await cli('import', '--db', db)).code).toBe(2);
    expect((await cli('undo', 'abc', '--db', db)).code).toBe(2);
  });
});

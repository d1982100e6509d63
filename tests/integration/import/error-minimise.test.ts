/**
 * Minimised import errors (#24): the error workbook handed back to the township carries ID numbers
 * masked (the township finds each row by 原行号 in its own file), full ones only with --show-ids and
 * a reason, which is audited; the row errors stored with the batch hold no full ID either.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { maskIdNumber } from '../../../shared/domain/id-number.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';

let tmp: TempDir;
let db: string;
const DIGIT_RUN = /\d{17}/;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

async function cellTexts(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const all: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => all.push(String(c.value))));
  return all;
}

beforeAll(() => {
  tmp = tempDir('import-err-min-');
  db = tmp.path('ledger.db');
  openDatabase(db).close();
});
afterAll(() => tmp.remove());

describe('error workbook and stored row errors', () => {
  it('mask IDs by default; full IDs need --show-ids with a reason, audited', async () => {
    const hh = makeHouseholds(4, { seed: 301 });
    const bad = '620422199001011231';
    hh[1]!.members[0]!.id = bad;
    const good = String(hh[0]!.members[0]!.id);
    const file = tmp.path('郭城驿镇-有错.xlsx');
    await writeMemberWorkbook(file, hh);

    const out = tmp.path('错误说明.xlsx');
    const r = await cli('import', file, '--db', db, '--operator', '张干事', '--errors-out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/证件号码已脱敏/);
    const masked = await cellTexts(out);
    expect(masked.filter((v) => DIGIT_RUN.test(v))).toEqual([]);
    expect(masked).toContain(maskIdNumber(good));
    expect(masked).toContain(maskIdNumber(bad));
    expect(masked.some((v) => /校验位/.test(v))).toBe(true);

    const conn = openDatabase(db);
    const stored = conn.prepare('SELECT message FROM import_row_errors').pluck().all() as string[];
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((m) => DIGIT_RUN.test(m))).toEqual([]);
    conn.close();

    expect((await cli('import', file, '--db', db, '--dry-run', '--errors-out', tmp.path('x.xlsx'), '--show-ids')).code).toBe(2);

    const fullOut = tmp.path('错误说明-完整.xlsx');
    const f = await cli('import', file, '--db', db, '--dry-run', '--operator', '张干事', '--errors-out', fullOut, '--show-ids', '--reason', '乡镇核对户籍');
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/含完整证件号码，已记入审计日志/);
    const full = await cellTexts(fullOut);
    expect(full).toContain(good);
    expect(full).toContain(bad);
    const audit = await cli('audit', '--db', db, '--action', 'export-full-ids', '--json');
    const rows = (JSON.parse(audit.out) as { rows: Array<{ operator: string; detail: string }> }).rows;
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ kind: 'error-workbook', file: '错误说明-完整.xlsx', reason: '乡镇核对户籍' });
    expect(rows[0]!.operator).toBe('张干事');
  });
});

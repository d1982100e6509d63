/**
 * The township layout (title rows, merged two-row header, household cells merged over members, a
 * 合计 row, a notes sheet), written as .xlsx by exceljs and then rewritten by SheetJS as .xls, .et,
 * .ods, .xlsb and XML Spreadsheet 2003: each imports to exactly the ledger the .xlsx gives.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeHouseholds, writeMemberWorkbook } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

let tmp: TempDir;
let xlsxPath: string;
let base: Awaited<ReturnType<typeof importInto>>;

beforeAll(async () => {
  tmp = tempDir('formats-');
  const hh = makeHouseholds(15);
  hh[1]!.textAmounts = true;
  xlsxPath = tmp.path('郭城驿镇2024.xlsx');
  await writeMemberWorkbook(xlsxPath, hh);
  base = await importInto('base', xlsxPath);
});
afterAll(() => tmp.remove());

/** Everything the import stored, without ids and times. */
function ledger(s: Session): unknown {
  const q = (sql: string): unknown[] => s.ctx.db.prepare(sql).all();
  return [
    q('SELECT code, village_code, township_code, head_name, size, relocated FROM households ORDER BY code'),
    q('SELECT h.code, m.name, m.id_number, m.relation, m.labour, m.work_place_class FROM members m JOIN households h ON h.id = m.household_id ORDER BY h.code, m.id_number'),
    q('SELECT h.code, r.year, r.wage_fen, r.transfer_fen, r.net_fen FROM income_records r JOIN households h ON h.id = r.household_id ORDER BY h.code'),
  ];
}

async function importInto(name: string, path: string): Promise<{ ledger: unknown; report: Awaited<ReturnType<typeof importOne>> }> {
  const s = openSession(tmp.path(`${name}.db`), { operator: '测试员' });
  try {
    const report = await importOne(s, 'commit', path);
    return { ledger: ledger(s), report };
  } finally {
    await s.close();
  }
}

describe('workbook formats other than .xlsx', () => {
  it.each([
    ['xls', 'biff8', 'xls'],
    ['et', 'biff8', 'et'],
    ['ods', 'ods', 'ods'],
    ['xlsb', 'xlsb', 'xlsb'],
    ['xml2003', 'xlml', 'xml'],
  ] as const)('%s imports the same households, members and figures as the .xlsx', async (name, bookType, ext) => {
    expect(base.report.households.added).toBe(15);
    const wb = XLSX.read(readBytes(xlsxPath), { type: 'buffer', cellNF: true });
    const out = tmp.path(`郭城驿镇2024-${name}.${ext}`);
    writeFileSync(out, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
    const got = await importInto(name, out);
    expect(got.report.errors).toEqual([]);
    expect(got.report.households).toEqual(base.report.households);
    expect(got.report.members).toEqual(base.report.members);
    expect(got.report.sheets.map((x) => [x.name, x.skipped === null, x.headerRows])).toEqual(base.report.sheets.map((x) => [x.name, x.skipped === null, x.headerRows]));
    expect(got.ledger).toEqual(base.ledger);
  });
});

function readBytes(path: string): Buffer {
  return readFileSync(path);
}

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

describe('an .xls saved by LibreOffice (its directory after the data)', () => {
  // Skipped, with the reason, only where soffice is not installed (.ci/run installs it). The runner's
  // timeout is raised because LibreOffice's start is slow on a loaded machine; nothing is timed.
  it.skipIf(!SOFFICE)('over a megabyte, imports the same households as its .xlsx', { timeout: 600_000 }, async () => {
    // The township sheet, plus a 填表说明 sheet long enough to put the file past a megabyte.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const notes = wb.getWorksheet('填表说明')!;
    for (let i = 0; i < 40_000; i++) notes.addRow([`第 ${i} 条说明：身份证号码请设置为文本格式，收入单位为元（${(i * 7919) % 100_003}）`]);
    const big = tmp.path('郭城驿镇2024-大.xlsx');
    await wb.xlsx.writeFile(big);
    const profile = `-env:UserInstallation=file://${tmp.path('lo-profile')}`;
    execFileSync(SOFFICE!, [profile, '--headless', '--calc', '--convert-to', 'xls:MS Excel 97', '--outdir', tmp.path(''), big], { stdio: 'ignore' });
    const bytes = readFileSync(tmp.path('郭城驿镇2024-大.xls'));
    // The case this is about: no stream name in the first MB.
    expect(bytes.length).toBeGreaterThan(1 << 20);
    expect(bytes.subarray(0, 1 << 20).includes(Buffer.from('Workbook', 'utf16le'))).toBe(false);
    const got = await importInto('lo-xls', tmp.path('郭城驿镇2024-大.xls'));
    expect(got.report.errors).toEqual([]);
    expect(got.report.households).toEqual(base.report.households);
    expect(got.ledger).toEqual(base.ledger);
  });
});

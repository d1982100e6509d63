/**
 * Wide household rows (one row per household, members in column groups) import to exactly the
 * ledger that the member-level sheet of the same households gives — as .xlsx and as .xls — and their
 * errors name the original row and the group's columns of the original file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import type { FileReport } from '../../../shared/api/import.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';
import { kinLabel, writeWideWorkbook } from './wide-fixtures.ts';

let tmp: TempDir;
const HH = 14;

/** Everything the import stored, without ids and times, and the figures `stats` computes from it. */
async function ledger(s: Session): Promise<unknown> {
  const q = (sql: string): unknown[] => s.ctx.db.prepare(sql).all();
  return [
    q('SELECT code, village_code, township_code, head_name, head_id_number, size, relocated FROM households ORDER BY code'),
    q('SELECT h.code, m.name, m.id_number, m.relation, m.labour, m.work_place_class FROM members m JOIN households h ON h.id = m.household_id ORDER BY h.code, m.id_number'),
    q('SELECT h.code, r.year, r.wage_fen, r.business_gross_fen, r.business_expense_fen, r.property_fen, r.transfer_fen, r.net_fen FROM income_records r JOIN households h ON h.id = r.household_id ORDER BY h.code'),
    await s.call('stats:get', { year: 2024, by: 'village' }),
  ];
}

async function importInto(name: string, path: string, mode: 'preview' | 'commit' = 'commit'): Promise<{ ledger: unknown; report: FileReport }> {
  const s = openSession(tmp.path(`${name}.db`), { operator: '测试员' });
  try {
    const report = await importOne(s, mode, path);
    return { ledger: await ledger(s), report };
  } finally {
    await s.close();
  }
}

function asXls(path: string, out: string): string {
  const wb = XLSX.read(readFileSync(path), { type: 'buffer', cellNF: true });
  writeFileSync(out, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);
  return out;
}

/** Households whose relations are what the 户主/配偶/子女 group names say. */
function kinHouseholds(): FxHousehold[] {
  const hh = makeHouseholds(HH, { seed: 500 });
  for (const h of hh) h.members.forEach((m, k) => (m.relation = kinLabel(k).replace(/\d+$/, '')));
  return hh;
}

beforeAll(() => {
  tmp = tempDir('formats-wide-');
});
afterAll(() => tmp.remove());

describe('wide household rows import like the member-level sheet', () => {
  let base: Awaited<ReturnType<typeof importInto>>;
  let kinBase: Awaited<ReturnType<typeof importInto>>;
  beforeAll(async () => {
    const member = tmp.path('郭城驿镇2024-成员.xlsx');
    await writeMemberWorkbook(member, makeHouseholds(HH));
    base = await importInto('member', member);
    const kin = tmp.path('郭城驿镇2024-成员-亲属.xlsx');
    await writeMemberWorkbook(kin, kinHouseholds());
    kinBase = await importInto('member-kin', kin);
    expect(base.report.errors).toEqual([]);
    expect(base.report.households.added).toBe(HH);
  });

  it.each(['xlsx', 'xls'] as const)('成员1姓名 … groups in one header row (%s)', async (ext) => {
    const xlsx = tmp.path('郭城驿镇2024-宽表.xlsx');
    await writeWideWorkbook(xlsx, makeHouseholds(HH), { groups: 6, style: 'numbered' });
    const path = ext === 'xlsx' ? xlsx : asXls(xlsx, tmp.path('郭城驿镇2024-宽表.xls'));
    const got = await importInto(`wide-${ext}`, path);
    expect(got.report.errors).toEqual([]);
    expect(got.report.households).toEqual(base.report.households);
    expect(got.report.members).toEqual(base.report.members);
    expect(got.ledger).toEqual(base.ledger);
    const members = makeHouseholds(HH).reduce((n, h) => n + h.members.length, 0);
    const sheet = got.report.sheets[0]!;
    expect(sheet.level).toBe('member');
    expect(sheet.dataRows).toBe(HH);
    expect(sheet.headerRows).toEqual([2, 2]);
    expect(sheet.layoutNote).toContain('按“一户一行”宽表读取');
    expect(sheet.layoutNote).toContain('6 组列中（成员1（M–Q 列）、成员2（R–V 列）');
    expect(sheet.layoutNote).toContain(`共 ${HH} 行读出 ${members} 名成员`);
    // The row limit counts the file's rows: title, header, households, 合计, footer.
    expect(got.report.rowsRead).toBe(2 + HH + 2);
  });

  it.each(['xlsx', 'xls'] as const)('户主/配偶/子女 group cells merged over a second header row (%s)', async (ext) => {
    const xlsx = tmp.path('郭城驿镇2024-亲属宽表.xlsx');
    await writeWideWorkbook(xlsx, kinHouseholds(), { groups: 6, style: 'kin' });
    const path = ext === 'xlsx' ? xlsx : asXls(xlsx, tmp.path('郭城驿镇2024-亲属宽表.xls'));
    const got = await importInto(`kin-${ext}`, path);
    expect(got.report.errors).toEqual([]);
    expect(got.report.members).toEqual(kinBase.report.members);
    expect(got.ledger).toEqual(kinBase.ledger);
    const sheet = got.report.sheets[0]!;
    expect(sheet.headerRows).toEqual([2, 3]);
    expect(sheet.columns.find((c) => c.letter === 'N')).toMatchObject({ header: '户主身份证号码', field: 'idNumber' });
    expect(sheet.layoutNote).toContain('户主（M–P 列）、配偶（Q–T 列）、子女1（U–X 列）');
    expect(sheet.layoutNote).toContain('按组名（户主、配偶、子女…）填写关系');
  });
});

describe('errors and skipped groups on a wide list', () => {
  let report: FileReport;
  let first: number;
  beforeAll(async () => {
    const path = tmp.path('郭城驿镇2024-宽表错误.xlsx');
    const hh = makeHouseholds(8, { seed: 900 });
    first = await writeWideWorkbook(path, hh, {
      groups: 6, style: 'numbered',
      edit: (h, g, c) => {
        if (h === 3 && g === 1 && c === '身份证号码') return String(hh[3]!.members[1]!.id).slice(0, 17) + '0';
        if (h === 4 && g === 5 && c === '劳动技能') return '普通劳动力';
        if (h === 5) return '';
        return undefined;
      },
    });
    report = (await importInto('wide-errors', path)).report;
  });

  it('refuses the household whose group has a bad ID, naming the original row and the group’s columns', () => {
    const e = report.errors.find((x) => x.code === 'id-checksum');
    expect(e).toMatchObject({ row: first + 3, column: '成员2身份证号码' });
    expect(e!.message).toMatch(/^成员2（R–V 列）：/);
  });

  it('refuses a row whose groups are all empty, and warns about a group with content but no name or ID', () => {
    expect(report.errors.find((x) => x.row === first + 5)).toMatchObject({ code: 'wide-no-member' });
    const w = report.warnings.find((x) => x.code === 'wide-empty-group');
    expect(w).toMatchObject({ row: first + 4 });
    expect(w!.message).toContain('成员6（AL–AP 列）');
  });

  it('imports the other households and counts the refused ones', () => {
    expect(report.households.added).toBe(6);
    expect(report.households.refused).toBe(2);
    expect(report.sheets[0]!.layoutNote).toContain('共 8 行读出');
    expect(report.sheets[0]!.layoutNote).toContain('1 组没有姓名和证件号码但填了其他内容');
  });
});

/**
 * The same township data as tab-, semicolon- and comma-separated text in each encoding Excel and WPS
 * write (UTF-8 with and without BOM, UTF-16 LE/BE with BOM, GBK), and as an HTML table under an .xls
 * name: each imports to the ledger the .xlsx gives. The text files are written byte by byte here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeHouseholds, writeMemberWorkbook } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

let tmp: TempDir;
let xlsxPath: string;
let base: { ledger: unknown; added: number };
let sheet: XLSX.WorkSheet;

function ledger(s: Session): unknown {
  const q = (sql: string): unknown[] => s.ctx.db.prepare(sql).all();
  return [
    q('SELECT code, village_code, head_name, size, relocated FROM households ORDER BY code'),
    q('SELECT h.code, m.name, m.id_number, m.relation FROM members m JOIN households h ON h.id = m.household_id ORDER BY h.code, m.id_number'),
    q('SELECT h.code, r.year, r.wage_fen, r.net_fen FROM income_records r JOIN households h ON h.id = r.household_id ORDER BY h.code'),
  ];
}

async function importInto(name: string, path: string): Promise<{ ledger: unknown; added: number; errors: unknown[] }> {
  const s = openSession(tmp.path(`${name}.db`), { operator: '测试员' });
  try {
    const r = await importOne(s, 'commit', path);
    return { ledger: ledger(s), added: r.households.added, errors: r.errors };
  } finally {
    await s.close();
  }
}

beforeAll(async () => {
  tmp = tempDir('formats-text-');
  xlsxPath = tmp.path('郭城驿镇2024.xlsx');
  await writeMemberWorkbook(xlsxPath, makeHouseholds(9), { notesSheet: false });
  base = await importInto('base', xlsxPath);
  const wb = XLSX.read(readFileSync(xlsxPath), { type: 'buffer' });
  sheet = wb.Sheets[wb.SheetNames[0]!]!;
});
afterAll(() => tmp.remove());

/** Text as Excel's 另存为 writes it: merged household cells repeated on every member row, IDs as text. */
function delimited(sep: string): string {
  const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
  for (const m of sheet['!merges'] ?? []) {
    for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) rows[r]![c] = rows[m.s.r]![m.s.c]!;
  }
  const quote = (v: string): string => (v.includes(sep) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(quote).join(sep)).join('\r\n') + '\r\n';
}

describe('delimited text, detected by content', () => {
  const be = (s: string): Buffer => Buffer.from(iconv.encode(s, 'utf-16le')).swap16();
  it.each([
    ['tab, UTF-16 LE with BOM (Unicode 文本)', '.txt', '\t', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf-16le')])],
    ['tab, UTF-16 BE with BOM', '.txt', '\t', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), be(s)])],
    ['tab, GBK (文本文件(制表符分隔))', '.txt', '\t', (s: string) => iconv.encode(s, 'gbk')],
    ['tab, UTF-8 without BOM, named .xls', '.xls', '\t', (s: string) => Buffer.from(s, 'utf8')],
    ['semicolon, UTF-8 with BOM', '.csv', ';', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')])],
    ['comma, GB18030', '.csv', ',', (s: string) => iconv.encode(s, 'gb18030')],
  ] as const)('%s', async (label, ext, sep, encode) => {
    const path = tmp.path(`郭城驿镇2024-${label.replace(/[^\w]/g, '')}${ext}`);
    writeFileSync(path, encode(delimited(sep)));
    const got = await importInto(label.replace(/[^\w]/g, '') || 'x', path);
    expect(got.errors).toEqual([]);
    expect(got.added).toBe(9);
    expect(got.ledger).toEqual(base.ledger);
  });

  it('keeps a quoted field with an embedded newline as one cell', async () => {
    const text = delimited('\t').replace('填报单位：郭城驿镇人民政府', '"填报单位：\n郭城驿镇人民政府"');
    const path = tmp.path('郭城驿镇2024-换行.txt');
    writeFileSync(path, Buffer.from(text, 'utf8'));
    const got = await importInto('newline', path);
    expect(got.errors).toEqual([]);
    expect(got.ledger).toEqual(base.ledger);
  });
});

describe('an HTML table saved under an .xls name', () => {
  it('reads the first table, rowspans and colspans as merged cells', async () => {
    const path = tmp.path('郭城驿镇2024-网页导出.xls');
    writeFileSync(path, XLSX.utils.sheet_to_html(sheet, { header: '<html><head><meta charset="utf-8"></head><body>', footer: '</body></html>' }));
    const got = await importInto('html', path);
    expect(got.errors).toEqual([]);
    expect(got.added).toBe(9);
    expect(got.ledger).toEqual(base.ledger);
  });

  it('decodes a GBK page as its meta charset says', async () => {
    const html = XLSX.utils.sheet_to_html(sheet, { header: '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>', footer: '</body></html>' });
    const path = tmp.path('郭城驿镇2024-gbk网页.xls');
    writeFileSync(path, iconv.encode(html, 'gbk'));
    const got = await importInto('htmlgbk', path);
    expect(got.ledger).toEqual(base.ledger);
  });
});

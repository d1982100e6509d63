import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { isFileFailure } from '../../../shared/api/import.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { importFiles, importOne, snapshot } from './helpers.ts';

let tmp: TempDir;
let s: Session;
let big: string;
// ~1 MB of shared strings: many inflate chunks, so multi-byte characters do get split at chunk borders.
const N = 12_000;

/** Distinct three-character names from the CJK block: 9 UTF-8 bytes each, so chunk borders split characters. */
function nameOf(i: number): string {
  const base = 0x4e00 + 37;
  return String.fromCharCode(base + (i % 150), base + 150 + (Math.floor(i / 150) % 150), base + 300 + (i % 97));
}
function noteOf(i: number): string {
  return `第${nameOf(i * 7)}组中大村${nameOf(i + 5)}`;
}

beforeAll(async () => {
  tmp = tempDir('import-large-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
  big = tmp.path('靖远县北湾镇2024年户表.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: big, useSharedStrings: true });
  const ws = wb.addWorksheet('北湾镇');
  ws.addRow(['户主姓名', '身份证号码', '家庭人口数', '工资性收入', '备注']).commit();
  for (let i = 0; i < N; i++) {
    const id = makeIdNumber('620421', `${1950 + Math.floor(i / 1000)}0${1 + (i % 9)}1${i % 10}`, i % 1000);
    ws.addRow([nameOf(i), id, 1 + (i % 5), 1000 + i, noteOf(i)]).commit();
  }
  ws.commit();
  await wb.commit();
}, 120_000);
afterAll(async () => {
  await s.close();
  tmp.remove();
});

describe('a large sheet of distinct Chinese strings', () => {
  it('imports with no U+FFFD: every name and note comes back exactly', async () => {
    const r = await importOne(s, 'commit', big);
    expect(r.errors.slice(0, 3)).toEqual([]);
    expect(r.households.added).toBe(N);
    const rows = s.ctx.db.prepare('SELECT head_name, note FROM households ORDER BY id').all() as Array<{ head_name: string; note: string }>;
    expect(rows.filter((x) => x.head_name.includes('\uFFFD') || x.note.includes('\uFFFD'))).toEqual([]);
    expect(rows.map((x) => x.head_name)).toEqual(Array.from({ length: N }, (_, i) => nameOf(i)));
    expect(rows.map((x) => x.note)).toEqual(Array.from({ length: N }, (_, i) => noteOf(i)));
  }, 400_000);
});

describe('limits and cancellation', () => {
  it('a part that inflates beyond its declared size is stopped, and nothing is written', async () => {
    const bytes = Buffer.from(readFileSync(big));
    for (let p = bytes.length - 22; p > 0; p--) {
      if (bytes.readUInt32LE(p) !== 0x02014b50) continue;
      const name = bytes.toString('utf8', p + 46, p + 46 + bytes.readUInt16LE(p + 28));
      if (name.includes('sheet1.xml')) bytes.writeUInt32LE(Math.floor(bytes.readUInt32LE(p + 20) * 1.5), p + 24);
    }
    const liar = tmp.path('谎报大小.xlsx');
    writeFileSync(liar, bytes);
    const before = snapshot(s);
    const [o] = await importFiles(s, 'commit', [liar]);
    expect(o && isFileFailure(o) ? o.error : null).toMatchObject({ code: 'file-too-large', message: expect.stringContaining('声明的大小') });
    expect(snapshot(s)).toBe(before);
  });

  it('a cancelled import rolls back and leaves the database as it was', async () => {
    const before = snapshot(s);
    const { jobId } = await s.call('import:commit', { paths: [big], year: 2023 });
    await new Promise((r) => setTimeout(r, 300));
    await s.call('import:cancel', { jobId });
    await expect(s.call('import:result', { jobId })).rejects.toMatchObject({ code: 'cancelled' });
    expect(snapshot(s)).toBe(before);
  });
});

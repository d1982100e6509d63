import { writeFileSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { isFileFailure } from '../../../shared/api/import.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { idEndingInX, makeHouseholds, writeMemberWorkbook } from './fixtures.ts';
import { importFiles, importOne, snapshot } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeAll(() => {
  tmp = tempDir('import-refuse-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterAll(async () => {
  await s.close();
  tmp.remove();
});

describe('rows that are refused, with a code, the Excel row and the header as written', () => {
  it('refuses bad rows and their whole household, imports the rest, and names row and column', async () => {
    const hh = makeHouseholds(9);
    const badId = String(hh[0]!.members[0]!.id).slice(0, 17) + (String(hh[0]!.members[0]!.id).endsWith('1') ? '2' : '1');
    hh[0]!.members[0]!.id = badId;                                  // id-checksum
    hh[1]!.members[1]!.id = 620422198704040000;                     // id-not-text (number)
    hh[2]!.members[2]!.id = makeIdNumber('620422', '19890230', 1); // id-birthdate is caught before: build invalid date by hand
    hh[2]!.members[2]!.id = '620422198902300011';
    hh[3]!.members[0]!.name = '';                                   // missing-name
    hh[4]!.members[1]!.id = hh[4]!.members[0]!.id;                  // duplicate-id
    hh[5]!.size = '三十五';                                           // bad-size
    hh[6]!.income[2] = -50;                                         // negative-amount
    const xId = idEndingInX();
    hh[7]!.members[0]!.id = xId.toLowerCase();                      // lowercase x is fine
    hh[8]!.textAmounts = true;
    hh[8]!.perCapitaText = '１２３';                                 // full-width digits: parsed, but disagrees → warning
    const file = tmp.path('郭城驿镇-有错.xlsx');
    await writeMemberWorkbook(file, hh);
    const r = await importOne(s, 'commit', file);
    const codes = [...new Set(r.errors.map((e) => e.code))].sort();
    expect(codes).toEqual(['bad-size', 'duplicate-id', 'id-birthdate', 'id-checksum', 'id-not-text', 'missing-name', 'negative-amount']);
    expect(r.households.refused).toBe(7);
    expect(r.households.added).toBe(2);
    expect(r.members.refused).toBe(hh.slice(0, 7).reduce((a, h) => a + h.members.length, 0));
    const notText = r.errors.find((e) => e.code === 'id-not-text')!;
    expect(notText).toMatchObject({ sheet: '郭城驿镇', column: '身份证号码' });
    expect(notText.row).toBe(5 + 1 + 1); // header ends at row 4; household 0 has 1 row; household 1's second row
    expect(notText.message).toMatch(/文本/);
    expect(r.errors.find((e) => e.code === 'negative-amount')?.column).toBe('生产经营性支出');
    expect(r.warnings.some((w) => w.code === 'per-capita-mismatch' && /123\.00/.test(w.message))).toBe(true);
    const stored = s.ctx.db.prepare('SELECT id_number FROM members WHERE id_number = ?').get(xId) as { id_number: string } | undefined;
    expect(stored?.id_number).toBe(xId);
    expect((s.ctx.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(2);
    const issues = await s.call('import:batchIssues', { batchId: r.batchId! });
    expect(issues.errors).toHaveLength(r.errorCount);
  });

  it('unknown township and missing year refuse the household', async () => {
    const hh = makeHouseholds(2, { seed: 700 });
    const file = tmp.path('无乡镇.xlsx');
    await writeMemberWorkbook(file, hh, { title: '脱贫人口收入台账', sheetName: 'Sheet1', infoRow: '填报单位：' });
    const r = await importOne(s, 'preview', file);
    expect(new Set(r.errors.map((e) => e.code))).toEqual(new Set(['unknown-township', 'missing-year']));
    const ok = await importOne(s, 'preview', file, { year: 2024, mapping: {} });
    expect(ok.errors.map((e) => e.code)).toEqual(['unknown-township', 'unknown-township']);
  });
});

async function zipOf(tmpFile: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  await wb.xlsx.writeFile(tmpFile);
  return tmpFile;
}

describe('files that cannot be read end in a clear message and leave the database unchanged', () => {
  it('refuses each broken file with the right code', async () => {
    const good = tmp.path('good.xlsx');
    await writeMemberWorkbook(good, makeHouseholds(3, { seed: 900 }));
    const before = snapshot(s);
    const bytes = readFileSync(good);
    const files: Record<string, string> = {};
    writeFileSync((files.notZip = tmp.path('随便.xlsx')), '这不是一个表格文件\n');
    writeFileSync((files.truncated = tmp.path('截断.xlsx')), bytes.subarray(0, Math.floor(bytes.length / 2)));
    writeFileSync((files.xls = tmp.path('旧版.xls')), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    writeFileSync((files.encrypted = tmp.path('加密.xlsx')), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), Buffer.from('EncryptionInfo', 'utf16le')]));
    writeFileSync((files.empty0 = tmp.path('空.xlsx')), '');
    files.emptyWb = await zipOf(tmp.path('空工作簿.xlsx'), (wb) => wb.addWorksheet('Sheet1'));
    files.unrelated = await zipOf(tmp.path('无关.xlsx'), (wb) => {
      const ws = wb.addWorksheet('库存');
      ws.addRow(['商品', '数量', '单价']);
      ws.addRow(['苹果', 3, 5.5]);
    });
    // Zip bomb by declared size: patch the central directory's uncompressed size of the sheet part.
    const bomb = Buffer.from(bytes);
    for (let p = bomb.length - 22; p > 0; p--) {
      if (bomb.readUInt32LE(p) !== 0x02014b50) continue;
      const name = bomb.toString('utf8', p + 46, p + 46 + bomb.readUInt16LE(p + 28));
      if (name.includes('sheet1.xml')) bomb.writeUInt32LE(0xfff00000, p + 24);
    }
    writeFileSync((files.bomb = tmp.path('炸弹.xlsx')), bomb);
    const outcomes = await importFiles(s, 'commit', Object.values(files));
    const byFile = Object.fromEntries(outcomes.map((o) => [o.file, o]));
    const err = (k: string): { code: string; message: string } => {
      const o = byFile[files[k]!.split('/').pop()!]!;
      expect(isFileFailure(o), k).toBe(true);
      return (o as { error: { code: string; message: string } }).error;
    };
    expect(err('notZip')).toMatchObject({ code: 'file-type', message: expect.stringContaining('另存为 .xlsx') });
    expect(err('truncated')).toMatchObject({ code: 'file-unreadable', message: expect.stringContaining('截断.xlsx') });
    expect(err('xls')).toMatchObject({ code: 'file-type', message: expect.stringContaining('没有工作簿') });
    expect(err('encrypted').message).toMatch(/密码/);
    expect(err('empty0').message).toMatch(/空文件/);
    expect(err('emptyWb').code).toBe('no-header');
    expect(err('unrelated').message).toMatch(/没有找到可导入的表头/);
    expect(err('bomb')).toMatchObject({ code: 'file-too-large', message: expect.stringContaining('炸弹.xlsx') });
    expect(snapshot(s)).toBe(before);
  });

  it('reads a GBK CSV and a UTF-8 CSV with BOM the same way', async () => {
    const ids = [makeIdNumber('620421', '19700101', 11), makeIdNumber('620421', '19720202', 12)];
    const text = ['靖远县北湾镇2023年脱贫户收入表', '户主姓名,身份证号码,乡镇,家庭人口数,工资收入,经营性收入,生产经营性支出,财产性收入,转移性收入',
      `张三,="${ids[0]}",北湾镇,3,"12,000.00",5000,1000,0,800`, `李四,${ids[1]},北湾,2,6000,3000,500,100,1200`, '合计,,,5,18000,8000,1500,100,2000'].join('\r\n');
    const gbk = tmp.path('北湾镇.csv');
    writeFileSync(gbk, iconv.encode(text, 'gbk'));
    const utf = tmp.path('北湾镇-utf8.csv');
    writeFileSync(utf, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const a = await importOne(s, 'preview', gbk);
    const b = await importOne(s, 'preview', utf);
    expect(a.errors).toEqual([]);
    expect(a.households.added).toBe(2);
    expect(a.township).toBe('北湾镇');
    expect(a.year).toBe(2023);
    expect({ ...b, file: '', path: '', sha256: '', millis: 0 }).toEqual({ ...a, file: '', path: '', sha256: '', millis: 0, sheets: b.sheets });
    const r = await importOne(s, 'commit', gbk);
    const row = s.ctx.db.prepare(`SELECT h.size, r.wage_fen, r.net_fen FROM households h JOIN income_records r ON r.household_id = h.id WHERE h.head_id_number = ?`).get(ids[0]) as Record<string, number>;
    expect(row).toEqual({ size: 3, wage_fen: 1200000, net_fen: 1680000 });
    expect(r.members.added).toBe(2);
  });
});

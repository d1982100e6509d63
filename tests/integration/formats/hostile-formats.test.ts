/**
 * Hostile and broken files of the new kinds: each is refused with a clear Chinese message naming the
 * file, within the limits, and the database is exactly as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { isFileFailure } from '../../../shared/api/import.ts';
import { makeHouseholds, writeMemberWorkbook } from '../import/fixtures.ts';
import { importFiles, importOne, snapshot } from '../import/helpers.ts';

let tmp: TempDir;
let s: Session;
let xls: Buffer;

beforeAll(async () => {
  tmp = tempDir('formats-hostile-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
  const x = tmp.path('base.xlsx');
  await writeMemberWorkbook(x, makeHouseholds(6));
  await importOne(s, 'commit', x);
  xls = XLSX.write(XLSX.read(readFileSync(x), { type: 'buffer' }), { type: 'buffer', bookType: 'biff8' }) as Buffer;
});
afterAll(async () => {
  await s.close();
  tmp.remove();
});

async function refused(name: string, bytes: Buffer | string): Promise<string> {
  const path = tmp.path(name);
  writeFileSync(path, bytes);
  const before = snapshot(s);
  const [o] = await importFiles(s, 'commit', [path]);
  expect(snapshot(s)).toBe(before);
  if (!o || !isFileFailure(o)) throw new Error(`expected a refusal, got ${JSON.stringify(o)}`);
  expect(o.error.message).toContain(name);
  return o.error.message;
}

/** A CFB container holding the given streams. */
function cfb(streams: Record<string, Buffer>): Buffer {
  const c = XLSX.CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(c, `/${name}`, data);
  return Buffer.from(XLSX.CFB.write(c, { type: 'buffer' }) as Uint8Array);
}

/** A real .ods from SheetJS with its content.xml swapped for one sheet "炸弹" holding `rows` (the ZIP is rebuilt by CFB). */
function ods(rows: string): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="炸弹">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`;
  const small = XLSX.write(XLSX.read('a\n', { type: 'string' }), { type: 'buffer', bookType: 'ods' }) as Buffer;
  const pkg = XLSX.CFB.read(small, { type: 'buffer' });
  XLSX.CFB.find(pkg, 'content.xml')!.content = Buffer.from(content, 'utf8');
  return Buffer.from(XLSX.CFB.write(pkg, { type: 'buffer', fileType: 'zip' }) as Uint8Array);
}

/** The .xls with every sheet's DIMENSIONS record (0x0200) set to declare `rows` rows. */
function patchBiffDimensions(bytes: Buffer, rows: number): Buffer {
  const book = XLSX.CFB.read(bytes, { type: 'buffer' });
  const entry = XLSX.CFB.find(book, 'Workbook')!;
  const w = Buffer.from(entry.content as Uint8Array);
  let patched = 0;
  for (let p = 0; p + 4 <= w.length; p += 4 + w.readUInt16LE(p + 2)) {
    if (w.readUInt16LE(p) !== 0x0200) continue;
    w.writeUInt32LE(rows, p + 8);
    patched++;
  }
  expect(patched).toBeGreaterThan(0);
  entry.content = w;
  return Buffer.from(XLSX.CFB.write(book, { type: 'buffer' }) as Uint8Array);
}

/** The .xlsb with its first sheet's BrtWsDim (record 0x94, bytes 94 01 10) declaring rwLast = `last`. */
function patchXlsbDimension(bytes: Buffer, last: number): Buffer {
  const pkg = XLSX.CFB.read(bytes, { type: 'buffer' });
  const entry = pkg.FileIndex[pkg.FullPaths.findIndex((x: string) => x.endsWith('xl/worksheets/sheet1.bin'))]!;
  const b = Buffer.from(entry.content as Uint8Array);
  const at = b.indexOf(Buffer.from([0x94, 0x01, 0x10]));
  expect(at).toBeGreaterThanOrEqual(0);
  b.writeUInt32LE(last, at + 3 + 4);
  entry.content = b;
  return Buffer.from(XLSX.CFB.write(pkg, { type: 'buffer', fileType: 'zip' }) as Uint8Array);
}

describe('hostile and broken files of the new formats', () => {
  it('refuses a truncated BIFF workbook as damaged', async () => {
    const m = await refused('截断.xls', xls.subarray(0, Math.floor(xls.length / 3)));
    expect(m).toMatch(/损坏|不完整|无法读取/);
  });

  it('names a CFB container that holds no workbook (a Word .doc)', async () => {
    const m = await refused('其实是文档.xls', cfb({ WordDocument: Buffer.alloc(4096, 1) }));
    expect(m).toMatch(/Word 文档（\.doc）.*不是表格/);
  });

  it('refuses an encrypted OOXML package with the password message', async () => {
    const m = await refused('加密.xlsx', cfb({ EncryptionInfo: Buffer.alloc(512, 2), EncryptedPackage: Buffer.alloc(4096, 3) }));
    expect(m).toContain('文件已加密，请先在 Excel/WPS 中取消密码后重试');
  });

  it('refuses a password-protected .xls (FILEPASS record) with the password message', async () => {
    const book = XLSX.CFB.read(xls, { type: 'buffer' });
    const entry = XLSX.CFB.find(book, 'Workbook')!;
    const wb = Buffer.from(entry.content as Uint8Array);
    const bofLen = wb.readUInt16LE(2);
    // FILEPASS, XOR obfuscation (wEncryptionType 0): key and verifier that no empty password matches.
    const filepass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56]);
    entry.content = Buffer.concat([wb.subarray(0, 4 + bofLen), filepass, wb.subarray(4 + bofLen)]);
    const m = await refused('有密码.xls', Buffer.from(XLSX.CFB.write(book, { type: 'buffer' }) as Uint8Array));
    expect(m).toContain('文件已加密，请先在 Excel/WPS 中取消密码后重试');
  });

  it('refuses an .ods whose filled row is repeated a million times, before SheetJS expands it', async () => {
    const m = await refused('重复行.ods', ods('<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell></table:table-row>'));
    // Only the pre-check says what the sheet declares; SheetJS's expansion would have ended in the row or memory limit.
    expect(m).toContain('工作表“炸弹”声明有 1048576 行（上限 120000 行）');
  });

  it('refuses an .ods whose filled cell is repeated across a million columns', async () => {
    const m = await refused('重复列.ods', ods('<table:table-row><table:table-cell table:number-columns-repeated="1000000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'));
    expect(m).toContain('声明有 1000000 列（上限 16384 列）');
  });

  it('refuses an .ods whose repeats multiply to more filled cells than the path holds', async () => {
    const row = '<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="60" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>';
    expect(await refused('重复单元格.ods', ods(row))).toContain('展开后有超过 5000000 个非空单元格');
  });

  it('refuses an .xls whose DIMENSIONS record declares two billion rows', async () => {
    const m = await refused('声明行数.xls', patchBiffDimensions(xls, 0x7fffff00));
    expect(m).toContain('声明有 2147483392 行（上限 120000 行）');
  });

  it('refuses an .xlsb whose BrtWsDim declares a million rows', async () => {
    const xlsb = XLSX.write(XLSX.read(xls, { type: 'buffer' }), { type: 'buffer', bookType: 'xlsb' }) as Buffer;
    const m = await refused('声明行数.xlsb', patchXlsbDimension(xlsb, 1_048_575));
    expect(m).toContain('声明有 1048576 行（上限 120000 行）');
  });

  it('refuses an XML Spreadsheet 2003 whose Table declares a million rows', async () => {
    const xml = (XLSX.write(XLSX.read(xls, { type: 'buffer' }), { type: 'string', bookType: 'xlml' }) as string)
      .replace(/<Table\b[^>]*>/, '<Table ss:ExpandedColumnCount="20" ss:ExpandedRowCount="1048576">');
    expect(await refused('声明行数.xml', xml)).toContain('声明有 1048576 行');
  });

  it('reads an .ods with LibreOffice\'s trailing empty rows repeated to the sheet\'s end', async () => {
    const wb = XLSX.read(xls, { type: 'buffer', cellNF: true });
    const pkg = XLSX.CFB.read(XLSX.write(wb, { type: 'buffer', bookType: 'ods' }) as Buffer, { type: 'buffer' });
    const entry = XLSX.CFB.find(pkg, 'content.xml')!;
    const tail = '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>';
    entry.content = Buffer.from(Buffer.from(entry.content as Uint8Array).toString('utf8').replace('</table:table>', `${tail}</table:table>`), 'utf8');
    const path = tmp.path('尾部空行.ods');
    writeFileSync(path, Buffer.from(XLSX.CFB.write(pkg, { type: 'buffer', fileType: 'zip' }) as Uint8Array));
    const [o] = await importFiles(s, 'preview', [path]);
    if (!o || isFileFailure(o)) throw new Error(`expected a report, got ${JSON.stringify(o)}`);
    expect(o.errors).toEqual([]);
    expect(o.households.unchanged).toBe(6);
  });

  it('refuses a binary file of no known kind', async () => {
    expect(await refused('乱码.xls', Buffer.from([1, 2, 0, 0, 5, 6, 7, 8, 0, 9]))).toMatch(/不是可识别的表格文件/);
  });
});

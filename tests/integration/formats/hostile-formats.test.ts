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

  it('stops an .ods that declares a million repeated rows at the row or memory limit', async () => {
    const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="炸弹"><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    // A real .ods from SheetJS with its content.xml swapped for the hostile one (the ZIP is rebuilt by CFB).
    const small = XLSX.write(XLSX.read('a\n', { type: 'string' }), { type: 'buffer', bookType: 'ods' }) as Buffer;
    const pkg = XLSX.CFB.read(small, { type: 'buffer' });
    XLSX.CFB.find(pkg, 'content.xml')!.content = Buffer.from(content, 'utf8');
    const ods = Buffer.from(XLSX.CFB.write(pkg, { type: 'buffer', fileType: 'zip' }) as Uint8Array);
    // The message proves where it stopped; how fast is the bench's business (a wall-clock bound fails under load).
    const m = await refused('重复行.ods', ods);
    expect(m).toMatch(/超过 120000 行|内存超过上限/);
  });

  it('refuses a binary file of no known kind', async () => {
    expect(await refused('乱码.xls', Buffer.from([1, 2, 0, 0, 5, 6, 7, 8, 0, 9]))).toMatch(/不是可识别的表格文件/);
  });
});

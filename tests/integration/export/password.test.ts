/**
 * Password-protected full-ID exports (#24): `export ledger --show-ids --reason … --password-file F`
 * writes an ECMA-376 agile-encrypted workbook (AES-256, SHA-512 in its EncryptionInfo) with no ID
 * or 17-digit run in its bytes; Debian's msoffcrypto-tool, an implementation independent of ours,
 * decrypts it with the password (and refuses a wrong one) to a workbook holding the full IDs; the
 * audit entry says it was protected. The password never travels as an argument.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeExportDb, readBook } from './fixture.ts';

let dir: TempDir;
let db: string;
const PASSWORD = '县局上报2024';

beforeAll(() => {
  dir = tempDir('export-pw-');
  db = makeExportDb(dir.path('ledger.db'));
  writeFileSync(dir.path('pw.txt'), `${PASSWORD}\n`);
});
afterAll(() => dir.remove());

describe('password-protected export', () => {
  it('is agile-encrypted, opens with the password in an independent implementation, and is audited', async () => {
    const out = dir.path('台账-完整.xlsx');
    const r = runCliProcess(['export', 'ledger', '--db', db, '--out', out, '--year', '2024', '--show-ids', '--reason', '市局核对', '--password-file', dir.path('pw.txt'), '--operator', '王芳']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已用打开密码加密/);
    const raw = readFileSync(out);
    expect(raw.subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    const info = raw.toString('latin1');
    expect(info).toMatch(/cipherAlgorithm="AES"/);
    expect(info).toMatch(/keyBits="256"/);
    expect(info).toMatch(/hashAlgorithm="SHA512"/);
    expect(/\d{17}/.test(info)).toBe(false);

    const plain = dir.path('decrypted.xlsx');
    const dec = spawnSync('/usr/bin/msoffcrypto-tool', ['-p', PASSWORD, out, plain], { encoding: 'utf8' });
    expect(dec.status, dec.stderr).toBe(0);
    const conn = openDatabase(db, { readonly: true });
    const someId = conn.prepare('SELECT id_number FROM members WHERE length(id_number) = 18 ORDER BY id LIMIT 1').pluck().get() as string;
    conn.close();
    const values: string[] = [];
    for (const ws of (await readBook(plain)).worksheets) ws.eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    expect(values).toContain(someId);
    expect(spawnSync('/usr/bin/msoffcrypto-tool', ['-p', 'wrong-password', out, dir.path('x.xlsx')]).status).not.toBe(0);

    const audit = runCliProcess(['audit', '--db', db, '--action', 'export-full-ids', '--json']);
    const rows = (JSON.parse(audit.stdout) as { rows: Array<{ detail: string }> }).rows;
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ reason: '市局核对', passwordProtected: true });
  });

  it('refuses a short password before writing anything', () => {
    writeFileSync(dir.path('short.txt'), '1234\n');
    const out = dir.path('short.xlsx');
    const r = runCliProcess(['export', 'ledger', '--db', db, '--out', out, '--year', '2024', '--password-file', dir.path('short.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/至少 8 位/);
  });
});

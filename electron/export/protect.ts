/**
 * Password-protected .xlsx for full-ID files going upward (#24): ECMA-376 Agile Encryption
 * (AES-256, SHA-512, 100,000 spins, in a compound-file container) as Excel 2010+ and WPS write it,
 * so the recipient opens it with the password and nothing else. The encryption is
 * officecrypto-tool's (MIT, maintained, pure JS on cfb; pinned) — a format this intricate is not
 * written by hand. The file is encrypted while it still has its `.part` name, so no plaintext copy
 * ever bears the target name.
 */
import officeCrypto from 'officecrypto-tool';
import { readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/errors.ts';

export const MIN_PASSWORD = 8;

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw new AppError('validation', `打开密码至少 ${MIN_PASSWORD} 位（建议字母、数字混合，另行电话告知接收人，不要与文件一起发送）。`);
  if (password.length > 255) throw new AppError('validation', '打开密码最长 255 位。');
}

/** Encrypts the workbook at `path` in place with an open password. */
export function protectWorkbook(path: string, password: string): void {
  checkPassword(password);
  const encrypted = officeCrypto.encrypt(readFileSync(path), { password });
  writeFileSync(path, encrypted);
}

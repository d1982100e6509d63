/**
 * The ledger key and its recovery key (#24). The key is 160 random bits written as 32 Crockford
 * base32 characters (no I, L, O, U: nothing to confuse on paper); the recovery key is the same key
 * plus a 4-character check, in 9 groups of 4, e.g. `7K2Q-…-M3XD`. It is the key itself, printed once
 * at setup: with it the ledger and every backup open on any PC, so the sheet must be locked away.
 * Typed back, case, spaces and dashes do not matter, O reads as 0 and I/L as 1, and a wrong
 * character is caught by the check instead of failing as "wrong key" later.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_CHARS = 32;
const CHECK_CHARS = 4;

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function checkOf(key: string): string {
  return base32(createHash('sha256').update(`income-ledger:${key}`).digest()).slice(0, CHECK_CHARS);
}

/** A new random ledger key (the passphrase SQLite3MC derives the page key from). */
export function generateLedgerKey(): string {
  return base32(randomBytes(20)).slice(0, KEY_CHARS);
}

/** True when `key` is one this app generated (so it has a printable recovery key). */
export function isGeneratedKey(key: string): boolean {
  return key.length === KEY_CHARS && [...key].every((c) => ALPHABET.includes(c));
}

export function formatRecoveryKey(key: string): string {
  const all = key + checkOf(key);
  return all.match(/.{4}/g)?.join('-') ?? all;
}

function canonical(text: string): string {
  return text.toUpperCase().replace(/[\s\-–—_]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Reads a typed or saved recovery key back into the ledger key, or says clearly what is wrong. */
export function parseRecoveryKey(text: string): string {
  // A saved sheet has headings around the key: take the line that holds 36 key characters.
  const lines = text.split(/\r?\n/).map(canonical).filter((l) => l !== '');
  const line = lines.find((l) => l.length === KEY_CHARS + CHECK_CHARS && [...l].every((c) => ALPHABET.includes(c)));
  if (!line) {
    const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
    throw new AppError('validation', `没有找到恢复密钥：恢复密钥是 9 组、每组 4 位的字母和数字（共 36 位），收到的最长一行有 ${longest.length} 位。`);
  }
  const key = line.slice(0, KEY_CHARS);
  if (checkOf(key) !== line.slice(KEY_CHARS)) {
    throw new AppError('validation', '恢复密钥校验不符：有字符抄错了，请逐组核对（0 与 O、1 与 I/L 已自动视为相同）。');
  }
  return key;
}

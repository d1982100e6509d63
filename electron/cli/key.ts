/**
 * The CLI's ledger key: `--key-file FILE` (first line of the file) or the environment variable
 * LEDGER_KEY. Never a plain argument: arguments are visible to every user in the process list
 * and kept in shell history.
 */
import { readFileSync } from 'node:fs';
import { setLedgerKey } from '../db/cipher.ts';
import { parseRecoveryKey } from '../db/recovery-key.ts';
import { UsageError } from './command.ts';

export function readKeyFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`无法读取密钥文件 ${path}：${(e as Error).message}`);
  }
  const key = (text.split(/\r?\n/)[0] ?? '').trim();
  if (key === '') throw new UsageError(`密钥文件 ${path} 是空的（第一行应是密钥）。`);
  return key;
}

export function useKeyFile(path: unknown): void {
  if (typeof path === 'string') setLedgerKey(readKeyFile(path));
}

/** `--recovery-key-file`: the sheet saved at setup (or the key typed into a file) opens the ledger. */
export function useRecoveryKeyFile(path: unknown): void {
  if (typeof path !== 'string') return;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`无法读取恢复密钥文件 ${path}：${(e as Error).message}`);
  }
  setLedgerKey(parseRecoveryKey(text));
}

/**
 * The audit chain's key (issue #18 item 3): an HMAC key kept outside the database, so that someone
 * who can edit the file cannot rewrite entries and recompute the chain. One key per installation:
 * the app keeps it in its user-data folder (electron/main sets the path), the CLI takes
 * `--audit-key-file`, the environment's LEDGER_AUDIT_KEY, or the per-user file
 * `~/.config/income-ledger/audit.key` (created, readable by the user only, on first use).
 * The key reaches worker threads through worker_threads environment data, as the ledger key does.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { getEnvironmentData, setEnvironmentData } from 'node:worker_threads';
import { AppError } from '../../shared/errors.ts';

const ENV_PATH = 'income-ledger:audit-key-path';
let cached: { path: string; key: Buffer } | null = null;

/** Where the key lives for this process (and the workers it starts afterwards). */
export function setAuditKeyPath(path: string | null): void {
  setEnvironmentData(ENV_PATH, path ?? '');
  cached = null;
}

export function auditKeyPath(): string {
  const set = getEnvironmentData(ENV_PATH);
  if (typeof set === 'string' && set !== '') return set;
  if (process.env.LEDGER_AUDIT_KEY_FILE) return process.env.LEDGER_AUDIT_KEY_FILE;
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'income-ledger', 'audit.key');
}

function readKey(path: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('file-unreadable', `无法读取审计密钥文件 ${path}：${(e as NodeJS.ErrnoException).code ?? ''}。请检查文件权限。`);
  }
  if (text.length < 16) throw new AppError('validation', `审计密钥文件 ${path} 的内容太短（至少 16 个字符）。`);
  return Buffer.from(text, 'utf8');
}

function createKey(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Written whole under a temp name, then linked into place: link fails when the file exists, so two
  // processes starting at once end up with the same key, and nobody ever reads a half-written one.
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new AppError('file-unreadable', `无法创建审计密钥文件 ${path}：${(e as NodeJS.ErrnoException).code ?? ''}。`);
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  return readKey(path)!;
}

/** The key for this process: LEDGER_AUDIT_KEY, else the key file (created when missing). */
export function currentAuditKey(): Buffer {
  if (process.env.LEDGER_AUDIT_KEY) return Buffer.from(process.env.LEDGER_AUDIT_KEY, 'utf8');
  const path = auditKeyPath();
  if (cached?.path !== path) cached = { path, key: readKey(path) ?? createKey(path) };
  return cached.key;
}

/** A short public name of a key: tells "written with another key" apart from "tampered with". */
export function auditKeyId(key: Buffer = currentAuditKey()): string {
  return createHash('sha256').update(createHmac('sha256', key).update('income-ledger audit key id').digest()).digest('hex').slice(0, 16);
}

export function macOf(text: string, key: Buffer = currentAuditKey()): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

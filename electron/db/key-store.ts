/**
 * Where the ledger key lives on this PC (#24). The app seals it with Electron safeStorage (DPAPI on
 * Windows, the login keyring on Linux) through a `Sealer` given by the main process; tests and the
 * CLI use the plain file implementation, whose file is also a valid `--key-file`. Either way the
 * file is written whole under a temporary name and renamed, readable by the user only.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { encryptRotationInPlace } from './encrypt-backups.ts';
import { encryptLedgerInPlace, type EncryptResult } from './encrypt.ts';
import { generateLedgerKey, parseRecoveryKey } from './recovery-key.ts';
import Database from 'better-sqlite3';
import { auditWriter } from './audit.ts';
import { applyKey, isPlaintextFile, keyRequiredMessage } from './cipher.ts';

export interface KeyStore {
  /** Said in messages: where the key is kept. */
  readonly where: string;
  read(): string | null;
  write(key: string): void;
}

export interface Sealer {
  seal(text: string): Buffer;
  open(data: Buffer): string;
}

const PLAIN: Sealer = { seal: (t) => Buffer.from(`${t}\n`, 'utf8'), open: (b) => (b.toString('utf8').split(/\r?\n/)[0] ?? '').trim() };

export function sealedFileKeyStore(path: string, sealer: Sealer): KeyStore {
  return {
    where: path,
    read() {
      if (!existsSync(path)) return null;
      let key: string;
      try {
        key = sealer.open(readFileSync(path));
      } catch (e) {
        throw new AppError('db-unreadable', `本机密钥库 ${path} 中的台账密钥无法解开（可能换了电脑或 Windows 账户）：${(e as Error).message}。请用恢复密钥打开台账。`);
      }
      return key === '' ? null : key;
    },
    write(key) {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, sealer.seal(key), { mode: 0o600 });
      renameSync(tmp, path);
    },
  };
}

/** The key in a plain file (first line): for tests, the CLI and machines without an OS key store. */
export function fileKeyStore(path: string): KeyStore {
  return sealedFileKeyStore(path, PLAIN);
}

export interface KeyReady {
  key: string;
  /** A new key was made now: its recovery key still has to be shown. */
  createdKey: boolean;
  /** The existing plaintext ledger was encrypted now (its plaintext original is named here). */
  encrypted: EncryptResult | null;
  /** Automatic backups that were plaintext and are encrypted now. */
  encryptedBackups: string[];
}

function hasFile(path: string): boolean {
  return existsSync(path) && statSync(path).size > 0;
}

/**
 * At start: the key from the store, or a new one when there is none yet and no encrypted ledger to
 * open with it. A plaintext ledger (from a version before encryption) is then encrypted in place,
 * verified, with its automatic backups. An encrypted ledger without a stored key needs the recovery key.
 */
export function ensureLedgerKey(store: KeyStore, dbPath: string, operator: string): KeyReady {
  let key = store.read();
  let createdKey = false;
  if (key === null) {
    if (hasFile(dbPath) && !isPlaintextFile(dbPath)) {
      throw new AppError('db-unreadable', `${keyRequiredMessage(dbPath)} 本机密钥库（${store.where}）中没有这份台账的密钥：请用设置时打印或保存的恢复密钥打开。`);
    }
    key = generateLedgerKey();
    store.write(key);
    createdKey = true;
  }
  const encrypted = hasFile(dbPath) && isPlaintextFile(dbPath) ? encryptLedgerInPlace(dbPath, key, operator) : null;
  const encryptedBackups = encrypted ? encryptRotationInPlace(dbPath, key) : [];
  return { key, createdKey, encrypted, encryptedBackups };
}

/**
 * On another PC (or a new Windows account): the recovery key, typed or from the saved sheet, is
 * proved against the ledger (a wrong one is refused before anything is stored), kept in this PC's
 * key store, and the use is audited in the ledger.
 */
export function adoptRecoveryKey(store: KeyStore, dbPath: string, text: string, operator: string): string {
  const key = parseRecoveryKey(text);
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    applyKey(db, dbPath, key);
    db.transaction(() => auditWriter(db, operator)({ action: 'crypt:recovery-key-used', detail: { keyStore: store.where } })).immediate();
  } finally {
    db.close();
  }
  store.write(key);
  return key;
}

/**
 * The app's ledger key (#24), kept thin: the key store is a file in userData sealed by Electron
 * safeStorage (DPAPI on Windows: only this Windows account on this PC can unseal it); everything
 * else — creating the key, encrypting an older plaintext ledger, proving a recovery key — is
 * electron/db/key-store.ts, tested through its plain-file implementation.
 */
import { dialog, safeStorage, type BrowserWindow } from 'electron';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { setLedgerKey } from '../db/cipher.ts';
import { adoptRecoveryKey, ensureLedgerKey, sealedFileKeyStore, type KeyReady, type KeyStore } from '../db/key-store.ts';

export const KEY_FILE_NAME = 'ledger.key';

function appKeyStore(userData: string): KeyStore {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new AppError('not-available', '本机的系统密钥库不可用，无法保存台账密钥。请在已登录的 Windows 账户中运行本软件。');
  }
  return sealedFileKeyStore(join(userData, KEY_FILE_NAME), {
    seal: (t) => safeStorage.encryptString(t),
    open: (b) => safeStorage.decryptString(b),
  });
}

/** No key on this PC for an encrypted ledger: ask for the recovery key sheet saved at setup. */
async function askForRecoveryKey(store: KeyStore, dbPath: string, win: BrowserWindow | null, operator: string): Promise<string> {
  const message = '此台账已加密，需要密钥。本机的密钥库中没有它的密钥（例如换了电脑或 Windows 账户）。请选择设置时保存的恢复密钥文件（也可以把打印的恢复密钥抄进一个文本文件再选择）。';
  const options = { type: 'warning' as const, title: '需要恢复密钥', message, buttons: ['选择恢复密钥文件…', '退出'], defaultId: 0, cancelId: 1 };
  const answer = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (answer.response !== 0) throw new AppError('cancelled', '没有提供恢复密钥，台账未打开。');
  const picked = await dialog.showOpenDialog({ title: '选择恢复密钥文件', properties: ['openFile'], filters: [{ name: '文本文件', extensions: ['txt'] }] });
  const file = picked.filePaths[0];
  if (picked.canceled || !file) throw new AppError('cancelled', '没有提供恢复密钥，台账未打开。');
  return adoptRecoveryKey(store, dbPath, readFileSync(file, 'utf8'), operator);
}

/** Called before the ledger is opened or created; sets the process key every connection then uses. */
export async function prepareLedgerKey(userData: string, dbPath: string, win: BrowserWindow | null): Promise<KeyReady | null> {
  const store = appKeyStore(userData);
  const operator = userInfo().username || '本机用户';
  try {
    const ready = ensureLedgerKey(store, dbPath, operator);
    setLedgerKey(ready.key);
    return ready;
  } catch (e) {
    if (!(e instanceof AppError) || store.read() !== null) throw e;
    setLedgerKey(await askForRecoveryKey(store, dbPath, win, operator));
    return null;
  }
}

/**
 * The recovery key at setup (#24): shown until the user confirms it was printed or saved, then
 * never again (the confirmation is audited); saved as a text sheet `--recovery-key-file` and the
 * app's recovery dialog read back. The plaintext original of an encrypted older ledger is named
 * until the user has moved or deleted it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { CryptStatus, cryptApi } from '../../shared/api/crypt.ts';
import { AppError } from '../../shared/errors.ts';
import { currentLedgerKey } from '../db/cipher.ts';
import { PLAINTEXT_COPY_META } from '../db/encrypt.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { formatRecoveryKey, isGeneratedKey } from '../db/recovery-key.ts';
import type { HandlersFor, ServiceContext } from './context.ts';

const CONFIRMED_META = 'recovery_key_confirmed_at';

function pendingRecoveryKey(ctx: ServiceContext): string | null {
  const key = currentLedgerKey();
  if (key === null || !isGeneratedKey(key) || getMeta(ctx.db, CONFIRMED_META) !== null) return null;
  return formatRecoveryKey(key);
}

export function cryptStatus(ctx: ServiceContext): CryptStatus {
  const copy = getMeta(ctx.db, PLAINTEXT_COPY_META);
  return {
    encrypted: currentLedgerKey() !== null,
    recoveryKey: pendingRecoveryKey(ctx),
    plaintextCopy: copy !== null && existsSync(copy) ? copy : null,
  };
}

export function recoveryKeySheet(recoveryKey: string, dbPath: string): string {
  return [
    '脱贫人口增收台账 · 恢复密钥',
    '',
    recoveryKey,
    '',
    `台账文件：${dbPath}`,
    `生成日期：${new Date().toISOString().slice(0, 10)}`,
    '用途：换电脑、重装系统或换 Windows 账户后，用它打开台账和它的每一份备份。',
    '持有它的人可以读取全部台账内容：请打印后锁进文件柜，不要存放在这台电脑或 U 盘上。',
    '',
  ].join('\r\n');
}

async function saveRecoveryKey(ctx: ServiceContext, path: string | undefined): Promise<{ path: string } | null> {
  const recoveryKey = pendingRecoveryKey(ctx);
  if (recoveryKey === null) throw new AppError('conflict', '恢复密钥只在设置时显示并保存一次，现在已不能再取得。');
  const dest = path ?? (await ctx.platform.saveFile({ title: '保存恢复密钥', defaultName: '台账恢复密钥.txt', filters: [{ name: '文本文件', extensions: ['txt'] }] }));
  if (!dest) return null;
  writeFileSync(dest, recoveryKeySheet(recoveryKey, ctx.dbPath), { encoding: 'utf8', flag: 'wx' });
  return { path: dest };
}

export const cryptHandlers: HandlersFor<typeof cryptApi> = {
  'crypt:status': (ctx) => cryptStatus(ctx),
  'crypt:confirmRecoveryKey': (ctx, _args, w) => {
    if (pendingRecoveryKey(ctx) === null) return null;
    setMeta(ctx.db, CONFIRMED_META, new Date().toISOString());
    w.audit({ action: 'crypt:recovery-key-confirmed' });
    return null;
  },
  'crypt:saveRecoveryKey': (ctx, args) => saveRecoveryKey(ctx, args.path),
};

import { z } from 'zod';
import { method } from './define.ts';

export interface CryptStatus {
  /** The ledger file is encrypted (a key is in use). */
  encrypted: boolean;
  /**
   * The recovery key, only until the user confirms it was printed or saved; null afterwards, and
   * for a key the app did not generate (a CLI passphrase is its own recovery key).
   */
  recoveryKey: string | null;
  /** The plaintext original left by encrypting an older ledger, while that file still exists. */
  plaintextCopy: string | null;
}

export const cryptApi = {
  'crypt:status': method<CryptStatus>()(z.object({}).strict()),
  /** The user has printed or saved the recovery key: it is never shown again. */
  'crypt:confirmRecoveryKey': method<null>()(z.object({}).strict(), { writes: 'tx', audit: ['crypt:recovery-key-confirmed'] }),
  /** Writes the recovery key sheet as a text file (asks where unless `path` is given). */
  'crypt:saveRecoveryKey': method<{ path: string } | null>()(z.object({ path: z.string().min(1).max(1000).optional() }).strict()),
};

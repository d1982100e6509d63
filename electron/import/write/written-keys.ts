/**
 * The household codes and head ID numbers an import has written, for an import into a ledger that
 * held no households when it began (the first import of a county, or the whole city): then only
 * these can be found, and a key not among them needs no lookup. That saves the two indexed lookups
 * per household that ask whether it exists (~1 s of the writer's time for the city file).
 *
 * Kept as 32-bit hashes, not strings: a false "maybe" only costs the lookup, never a wrong answer.
 */
import type { Db } from '../../db/types.ts';

function hash(kind: number, key: string): number {
  // FNV-1a over UTF-16 code units, seeded with the key's kind (household code or head ID).
  let h = 0x811c9dc5 ^ kind;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const CODE = 1;
export const HEAD_ID = 2;

export class WrittenKeys {
  private readonly seen = new Set<number>();

  /** Null when the ledger already holds households: then every lookup must ask the database. */
  static forLedger(db: Db): WrittenKeys | null {
    return db.prepare('SELECT 1 FROM households LIMIT 1').get() === undefined ? new WrittenKeys() : null;
  }

  add(kind: typeof CODE | typeof HEAD_ID, key: string): void {
    this.seen.add(hash(kind, key));
  }

  /** False only when this import never wrote `key`, so the ledger cannot hold it. */
  mayHold(kind: typeof CODE | typeof HEAD_ID, key: string): boolean {
    return this.seen.has(hash(kind, key));
  }
}

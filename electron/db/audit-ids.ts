/**
 * Minimised audit values (#24): the log itself keeps ID numbers masked (it is append-only and kept
 * for ever, and copied into every backup). Two side tables, outside the hash chain, keep what is
 * still needed:
 *   - audit_id_refs: a keyed digest (HMAC with the audit key) of every ID an entry named, so
 *     `audit --id` and the audit view's search find the entries about one person without storing
 *     the number; without the audit key a digest cannot be tested against guessed IDs.
 *   - audit_full_values: the unmasked values of an import batch's entries, because undo and the
 *     split-household revert put old values back (a masked ID must never be written into the
 *     ledger). Retention purges them once the batch is finished (retention.ts).
 * Neither table is covered by the chain on purpose: dropping a row loses a search hit or the undo
 * of an old batch, never the integrity of what the log says.
 */
import { macOf } from './audit-key.ts';
import { idsInText } from '../../shared/domain/id-in-text.ts';
import type { Db } from './types.ts';

type Texts = { row_key: string | null; old_value: string | null; new_value: string | null; detail: string | null };

export function idDigest(id: string, key?: Buffer): string {
  return macOf(`income-ledger audit id:${id.toUpperCase()}`, key).slice(0, 32);
}

export function hasIdTables(db: Db): boolean {
  return (db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_full_values'").pluck().get() as number) > 0;
}

export type IdRefWriter = (auditId: number, stored: Texts & { batch_id: number | null }, full: Texts) => void;

/** Records one entry's ID digests and, for a batch's entry whose values were masked, the full values. */
export function idRefWriter(db: Db, key: Buffer): IdRefWriter {
  const ref = db.prepare('INSERT OR IGNORE INTO audit_id_refs (digest, audit_id) VALUES (?, ?)');
  const full = db.prepare(`INSERT INTO audit_full_values (audit_id, batch_id, row_key, old_value, new_value, detail)
    VALUES (?, ?, ?, ?, ?, ?)`);
  return (auditId, stored, given) => {
    const changed = stored.row_key !== given.row_key || stored.old_value !== given.old_value || stored.new_value !== given.new_value || stored.detail !== given.detail;
    if (!changed) return;
    const ids = new Set([given.row_key, given.old_value, given.new_value, given.detail].flatMap(idsInText));
    for (const id of ids) ref.run(idDigest(id, key), auditId);
    if (stored.batch_id === null) return;
    const kept = (k: keyof Texts): string | null => (stored[k] === given[k] ? null : given[k]);
    full.run(auditId, stored.batch_id, kept('row_key'), kept('old_value'), kept('new_value'), kept('detail'));
  };
}

/** Columns of audit_log `l` with the batch's full values where they were kept (alias f joined). */
export const FULL_VALUES_JOIN = 'LEFT JOIN audit_full_values f ON f.audit_id = l.id';
export const fullColumn = (c: keyof Texts): string => `coalesce(f.${c}, l.${c}) AS ${c}`;

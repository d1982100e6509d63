/**
 * Masking the ID numbers already in an audit log (#24, step 'audit-minimised'). Entries are
 * append-only and chained, so masking old values means re-linking the chain from the first entry
 * that changes. That is only done on a chain that verifies first: re-linking a tampered log would
 * launder the tampering, so a broken chain is left as it is (still reported by `check`) and the step
 * records why in meta. Entries before the first masked one keep their hashes; every later entry is
 * re-hashed with the audit key (HMAC), which only the installation holds. The rewrite then appends
 * an 'audit:minimised' entry naming the old head (id and hash) and the first re-linked id, which is
 * how the outside anchor (audit-anchor.ts) accepts the new head, and anyone comparing an older copy
 * of the log sees why its hashes differ from that point on. Tampering afterwards breaks the new
 * chain exactly as before.
 */
import { maskIdsInText } from '../../shared/domain/id-in-text.ts';
import { auditWriter, hashOf, verifyEntries, type StoredEntry } from './audit.ts';
import { idRefWriter } from './audit-ids.ts';
import { currentAuditKey } from './audit-key.ts';
import type { Db } from './types.ts';

const CHUNK = 5000;
export const MINIMISE_SKIPPED_META = 'audit_minimise_skipped';
const NO_UPDATE_TRIGGER = "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END";

export interface MinimiseResult {
  /** Entries whose values held an ID number and are masked now. */
  masked: number;
  /** Entries re-linked (from the first masked one to the old head). */
  relinked: number;
  /** Why nothing was rewritten although IDs were found (a chain that does not verify). */
  skipped: string | null;
}

type Texts = Pick<StoredEntry, 'row_key' | 'old_value' | 'new_value' | 'detail'>;
const maskedOf = (r: Texts): Texts => ({
  row_key: maskIdsInText(r.row_key), old_value: maskIdsInText(r.old_value), new_value: maskIdsInText(r.new_value), detail: maskIdsInText(r.detail),
});
const differs = (a: Texts, b: Texts): boolean => a.row_key !== b.row_key || a.old_value !== b.old_value || a.new_value !== b.new_value || a.detail !== b.detail;

function chunk(db: Db, after: number): StoredEntry[] {
  return db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?').all(after, CHUNK) as StoredEntry[];
}

function firstWithId(db: Db): number | null {
  for (let after = 0, rows = chunk(db, 0); rows.length > 0; after = rows.at(-1)!.id, rows = chunk(db, after)) {
    const hit = rows.find((r) => differs(r, maskedOf(r)));
    if (hit) return hit.id;
  }
  return null;
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Runs inside the caller's transaction. */
export function minimiseAuditLog(db: Db): MinimiseResult {
  const first = firstWithId(db);
  if (first === null) return { masked: 0, relinked: 0, skipped: null };
  const check = verifyEntries(db);
  if (!check.ok) {
    setMeta(db, MINIMISE_SKIPPED_META, check.reason ?? '审计链校验不通过');
    return { masked: 0, relinked: 0, skipped: check.reason };
  }
  const key = currentAuditKey();
  const refs = idRefWriter(db, key);
  const oldHead = check.head!;
  let prev = (db.prepare('SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1').pluck().get(first) as string | undefined) ?? '0'.repeat(64);
  const update = db.prepare(`UPDATE audit_log SET row_key = @row_key, old_value = @old_value, new_value = @new_value, detail = @detail,
    prev_hash = @prev_hash, hash = @hash, chain = 'hmac' WHERE id = @id`);
  let masked = 0;
  let relinked = 0;
  db.exec('DROP TRIGGER audit_log_no_update');
  for (let rows = chunk(db, first - 1); rows.length > 0; rows = chunk(db, rows.at(-1)!.id)) {
    for (const r of rows) {
      const m = maskedOf(r);
      const { id, hash: _h, chain: _c, ...rest } = r;
      const next = { ...rest, ...m, prev_hash: prev };
      const hash = hashOf(next, 'hmac', key);
      update.run({ ...next, hash, id });
      if (differs(r, m)) {
        refs(id, { ...m, batch_id: r.batch_id }, r);
        masked++;
      }
      relinked++;
      prev = hash;
    }
  }
  db.exec(NO_UPDATE_TRIGGER);
  auditWriter(db, '系统')({ action: 'audit:minimised', detail: { masked, relinked, from: first, previousHead: oldHead } });
  return { masked, relinked, skipped: null };
}

/**
 * Minimised audit values (#24): the side tables of db/audit-ids.ts (keyed ID digests for search,
 * full values of import batches for undo), then the IDs already in the log are masked and the chain
 * re-linked (db/audit-minimise.ts explains why that keeps `audit --verify` meaningful). Stored
 * import row errors belong to closed batches (they are written at commit): their messages are
 * masked too, as batches.ts now stores them.
 */
import { maskIdsInText } from '../../../shared/domain/id-in-text.ts';
import { minimiseAuditLog } from '../audit-minimise.ts';
import type { Migration } from './types.ts';

export const migration013: Migration = {
  name: 'audit-minimised',
  up: (db) => {
    db.exec(`
CREATE TABLE audit_id_refs (
  digest TEXT NOT NULL,
  audit_id INTEGER NOT NULL,
  PRIMARY KEY (digest, audit_id)
) WITHOUT ROWID;
CREATE TABLE audit_full_values (
  audit_id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL,
  row_key TEXT,
  old_value TEXT,
  new_value TEXT,
  detail TEXT
);
CREATE INDEX audit_full_values_batch ON audit_full_values (batch_id);`);
    minimiseAuditLog(db);
    db.function('income_ledger_mask_ids', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? maskIdsInText(v) : v));
    db.exec("UPDATE import_row_errors SET message = income_ledger_mask_ids(message) WHERE message GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'");
  },
};

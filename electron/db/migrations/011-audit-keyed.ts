/**
 * The audit chain becomes keyed (issue #18 item 3): each entry says how its hash was made. Entries
 * written before this step keep 'sha256' (the unkeyed chain they were written with); every entry
 * from now on is 'hmac' (HMAC-SHA256 with the installation's audit key, kept outside the database).
 * The first keyed entry links to the last unkeyed one, so the old chain is sealed by a keyed entry.
 */
import type { Migration } from './types.ts';

export const migration011: Migration = {
  name: 'audit-keyed',
  up: (db) => db.exec(`ALTER TABLE audit_log ADD COLUMN chain TEXT NOT NULL DEFAULT 'sha256' CHECK (chain = 'sha256' OR chain = 'hmac')`),
};

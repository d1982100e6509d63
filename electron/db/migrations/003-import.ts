/**
 * Import: a household without 户编号 is found by its head's ID number (one lookup per household
 * of every file), and undo/conflict checks find a batch's rows by batch_id. Partial indexes keep
 * rows that no import created (demo data, manual entries) out of the batch indexes.
 */
import type { Migration } from './types.ts';

const sql = `
CREATE INDEX households_head_id ON households(head_id_number) WHERE head_id_number IS NOT NULL;
CREATE INDEX households_batch ON households(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX members_batch ON members(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX income_records_batch ON income_records(batch_id) WHERE batch_id IS NOT NULL;
`;

export const migration003: Migration = { name: 'import', up: (db) => db.exec(sql) };

/** Batches driven by hand, the way the pipeline opens them, for revert and roster tests. */
import { auditWriter, type AuditEntry } from '../../../electron/db/audit.ts';
import type { Db } from '../../../electron/services/context.ts';

export const OPERATOR = '测试员';

/** BEGIN IMMEDIATE, a new import_batches row, an audit writer; commits what `fn` did, rolls back if it throws. */
export function inNewBatch<T>(db: Db, fn: (batchId: number, audit: (e: AuditEntry) => void) => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const batchId = Number(db.prepare('INSERT INTO import_batches (file_name, sha256, operator) VALUES (?, ?, ?)').run('手工批次.xlsx', 'a'.repeat(64), OPERATOR).lastInsertRowid);
    const out = fn(batchId, auditWriter(db, OPERATOR));
    db.exec('COMMIT');
    return out;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/** Work appended to an existing batch (as if later in the same file), in one transaction. */
export function inBatch<T>(db: Db, fn: (audit: (e: AuditEntry) => void) => T): T {
  return db.transaction(() => fn(auditWriter(db, OPERATOR))).immediate();
}

/** Every ledger row an import, a revert or an undo can touch, in a stable order. */
export function ledgerRows(db: Db): string {
  const q = (sql: string): unknown[] => db.prepare(sql).all();
  return JSON.stringify({
    households: q('SELECT * FROM households ORDER BY id'),
    members: q('SELECT * FROM members ORDER BY id'),
    income: q('SELECT * FROM income_records ORDER BY household_id, year'),
    figures: q('SELECT * FROM household_year_figures ORDER BY household_id, year'),
    dismissals: q('SELECT * FROM risk_dismissals ORDER BY id'),
  });
}

export function householdId(db: Db, code: string): number {
  return (db.prepare('SELECT id FROM households WHERE code = ?').get(code) as { id: number }).id;
}

export function memberRow(db: Db, idNumber: string): Record<string, unknown> | undefined {
  return db.prepare('SELECT * FROM members WHERE id_number = ?').get(idNumber) as Record<string, unknown> | undefined;
}

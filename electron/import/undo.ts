/**
 * Undo of a batch, in one transaction: fields the batch changed get their audited old values back
 * (newest first), rows the batch added are deleted, villages it created are removed when nothing
 * refers to them any more, and the undo itself is audited. A batch whose households were changed
 * again afterwards (by a later batch or a ledger edit) is not undone: restoring it would silently
 * throw that later work away.
 */
import type { UndoResult } from '../../shared/api/import.ts';
import { AppError } from '../../shared/errors.ts';
import { auditWriter } from '../db/audit.ts';
import type { Db } from '../services/context.ts';
import { INTEGER_COLUMNS } from './writer.ts';

interface UpdateEntry {
  id: number;
  table_name: 'households' | 'members' | 'income_records';
  row_key: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  household_id: number | null;
}

const TABLES = new Set(['households', 'members', 'income_records']);
const SAFE_COLUMN = /^[a-z_]+$/;

function touchedHouseholds(batchId: number): string {
  return `(SELECT id FROM households WHERE batch_id = ${batchId}
    UNION SELECT household_id FROM members WHERE batch_id = ${batchId}
    UNION SELECT household_id FROM income_records WHERE batch_id = ${batchId}
    UNION SELECT household_id FROM audit_log WHERE batch_id = ${batchId} AND household_id IS NOT NULL)`;
}

function checkConflicts(db: Db, batchId: number): void {
  const last = (db.prepare('SELECT max(id) AS m FROM audit_log WHERE batch_id = ?').get(batchId) as { m: number | null }).m ?? 0;
  const set = touchedHouseholds(batchId);
  const later = db.prepare(`SELECT l.batch_id, l.action, h.code FROM audit_log l LEFT JOIN households h ON h.id = l.household_id
    WHERE l.id > ? AND l.household_id IN ${set} AND (l.batch_id IS NULL OR (l.batch_id <> ? AND l.batch_id NOT IN (SELECT id FROM import_batches WHERE status = 'undone'))) LIMIT 1`).get(last, batchId) as
    { batch_id: number | null; action: string; code: string | null } | undefined;
  const laterRows = db.prepare(`SELECT batch_id FROM (
      SELECT batch_id, household_id FROM members WHERE batch_id > ? UNION ALL SELECT batch_id, household_id FROM income_records WHERE batch_id > ?)
    WHERE household_id IN ${set} LIMIT 1`).get(batchId, batchId) as { batch_id: number } | undefined;
  if (later || laterRows) {
    const by = later ? (later.batch_id ? `第 ${later.batch_id} 号导入批次` : '之后的台账修改') : `第 ${laterRows!.batch_id} 号导入批次`;
    throw new AppError('conflict', `无法撤销第 ${batchId} 号批次：其中的户${later?.code ? `（户编号 ${later.code}）` : ''}之后又被${by}修改过。请先撤销后来的批次，或在台账中手工更正。`);
  }
}

function typed(col: string, v: string | null): string | number | null {
  return v === null ? null : INTEGER_COLUMNS.has(col) ? Number(v) : v;
}

function restore(db: Db, e: UpdateEntry): void {
  if (!TABLES.has(e.table_name) || !SAFE_COLUMN.test(e.field)) throw new Error(`unexpected audit entry ${e.id}`);
  const value = typed(e.field, e.old_value);
  if (e.table_name === 'income_records') {
    const [hid, year] = e.row_key.split(':').map(Number);
    db.prepare(`UPDATE income_records SET ${e.field} = ? WHERE household_id = ? AND year = ?`).run(value, hid, year);
  } else db.prepare(`UPDATE ${e.table_name} SET ${e.field} = ? WHERE id = ?`).run(value, Number(e.row_key));
}

export function undoBatch(db: Db, batchId: number, operator: string): UndoResult {
  return db.transaction((): UndoResult => {
    const batch = db.prepare('SELECT status, file_name FROM import_batches WHERE id = ?').get(batchId) as { status: string; file_name: string } | undefined;
    if (!batch) throw new AppError('not-found', `没有第 ${batchId} 号导入批次`);
    if (batch.status === 'undone') throw new AppError('conflict', `第 ${batchId} 号批次（${batch.file_name}）已经撤销过了`);
    checkConflicts(db, batchId);
    const audit = auditWriter(db, operator);
    const updates = db.prepare(`SELECT id, table_name, row_key, field, old_value, new_value, household_id FROM audit_log
      WHERE batch_id = ? AND action = 'import:update' ORDER BY id DESC`).all(batchId) as UpdateEntry[];
    for (const e of updates) {
      restore(db, e);
      audit({ action: 'import:undo', table: e.table_name, key: e.row_key, field: e.field, old: e.new_value, new: e.old_value, householdId: e.household_id, batchId });
    }
    const income = db.prepare('DELETE FROM income_records WHERE batch_id = ?').run(batchId).changes;
    const members = db.prepare('DELETE FROM members WHERE batch_id = ?').run(batchId).changes;
    // Income of other years imported later would have blocked the undo, so the cascade removes nothing foreign.
    const households = db.prepare('DELETE FROM households WHERE batch_id = ?').run(batchId).changes;
    const regions = db.prepare(`SELECT row_key FROM audit_log WHERE batch_id = ? AND action = 'import:region'`).all(batchId) as Array<{ row_key: string }>;
    for (const r of regions) {
      db.prepare(`DELETE FROM regions WHERE code = ? AND level = 'village' AND NOT EXISTS (SELECT 1 FROM households WHERE village_code = ?)`).run(r.row_key, r.row_key);
    }
    db.prepare(`UPDATE import_batches SET status = 'undone', undone_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(batchId);
    const result: UndoResult = { batchId, householdsRemoved: households, membersRemoved: members, incomeRemoved: income, valuesRestored: updates.length };
    audit({ action: 'import:undo-batch', table: 'import_batches', key: batchId, batchId, detail: result });
    return result;
  }).immediate();
}

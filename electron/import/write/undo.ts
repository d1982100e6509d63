/**
 * Undo of a batch, in one transaction: rows the batch added are deleted, fields it changed get their
 * audited old values back and members it removed are inserted again (newest first), the households
 * it created go last, villages it created are removed when nothing refers to them any more, and the
 * undo itself is audited. What a revert inside the batch already took back (revert.ts) is left alone.
 * A batch whose households were changed again afterwards (by a later batch or a ledger edit) is not
 * undone: restoring it would silently throw that later work away.
 */
import type { UndoResult } from '../../../shared/api/import.ts';
import { AppError } from '../../../shared/errors.ts';
import { auditWriter } from '../../db/audit.ts';
import type { Db } from '../../db/types.ts';
import { compensation, liveEntries, takeBack } from './revert.ts';

/**
 * Households the batch still has an effect on. A household whose entries were all reverted inside
 * the batch is not among them, so later work on it does not block the undo.
 */
function touchedHouseholds(batchId: number): string {
  return `(SELECT id FROM households WHERE batch_id = ${batchId}
    UNION SELECT household_id FROM members WHERE batch_id = ${batchId}
    UNION SELECT household_id FROM income_records WHERE batch_id = ${batchId}
    UNION SELECT * FROM (WITH marks AS (SELECT household_id, max(id) AS m FROM audit_log
        WHERE batch_id = ${batchId} AND action = 'import:revert-household' GROUP BY household_id)
      SELECT l.household_id FROM audit_log l LEFT JOIN marks k ON k.household_id = l.household_id
      WHERE l.batch_id = ${batchId} AND l.household_id IS NOT NULL AND l.action IN ('import:update', 'import:remove') AND l.id > ifnull(k.m, 0)))`;
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

/**
 * Rows the batch added are deleted before anything is taken back: a member the batch removed may
 * have been inserted again later in the same file (same ID number, or SQLite's reused rowid). The
 * households it added stay until the end, so a member moved into one can be moved back first.
 */
function takeBackAll(db: Db, batchId: number, audit: ReturnType<typeof auditWriter>): Pick<UndoResult, 'incomeRemoved' | 'membersRemoved' | 'valuesRestored' | 'membersRestored'> {
  const entries = liveEntries(db, batchId);
  const incomeRemoved = db.prepare('DELETE FROM income_records WHERE batch_id = ?').run(batchId).changes;
  const membersRemoved = db.prepare('DELETE FROM members WHERE batch_id = ?').run(batchId).changes;
  const back = takeBack(db, batchId);
  let valuesRestored = 0;
  let membersRestored = 0;
  for (const e of entries) {
    const done = back(e);
    if (done === 'skipped') continue;
    // An updated_at stamp is restored with the values but is not one the user gave: it is not counted.
    if (done === 'restored') valuesRestored += e.field === 'updated_at' ? 0 : 1;
    else membersRestored++;
    audit(compensation('import:undo', batchId, e));
  }
  return { incomeRemoved, membersRemoved, valuesRestored, membersRestored };
}

export function undoBatch(db: Db, batchId: number, operator: string): UndoResult {
  return db.transaction((): UndoResult => {
    const batch = db.prepare('SELECT status, file_name FROM import_batches WHERE id = ?').get(batchId) as { status: string; file_name: string } | undefined;
    if (!batch) throw new AppError('not-found', `没有第 ${batchId} 号导入批次`);
    if (batch.status === 'undone') throw new AppError('conflict', `第 ${batchId} 号批次（${batch.file_name}）已经撤销过了`);
    checkConflicts(db, batchId);
    const audit = auditWriter(db, operator);
    const taken = takeBackAll(db, batchId, audit);
    // Income of other years imported later would have blocked the undo, so the cascade removes nothing foreign.
    const households = db.prepare('DELETE FROM households WHERE batch_id = ?').run(batchId).changes;
    const regions = db.prepare(`SELECT row_key FROM audit_log WHERE batch_id = ? AND action = 'import:region'`).all(batchId) as Array<{ row_key: string }>;
    for (const r of regions) {
      db.prepare(`DELETE FROM regions WHERE code = ? AND level = 'village' AND NOT EXISTS (SELECT 1 FROM households WHERE village_code = ?)`).run(r.row_key, r.row_key);
    }
    db.prepare(`UPDATE import_batches SET status = 'undone', undone_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(batchId);
    const result: UndoResult = { batchId, householdsRemoved: households, ...taken };
    audit({ action: 'import:undo-batch', table: 'import_batches', key: batchId, batchId, detail: result });
    return result;
  }).immediate();
}

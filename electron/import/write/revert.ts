/**
 * Taking back what an import batch did, inside the batch's own transaction: when a household turns
 * up again further down the same file (a split household), both parts are refused, and the earlier
 * part — already written — is reverted here. The same building blocks serve undo (undo.ts): an
 * audited change is reverted by giving the field its old value, a removed member by inserting its
 * audited row again. Nothing is erased from the audit log; the revert appends its own entries, and
 * an 'import:revert-household' entry marks every earlier entry of that household in the batch as
 * taken back, so undo (and a second revert) leave them alone.
 */
import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { AuditEntry } from '../../db/audit.ts';
import { FULL_VALUES_JOIN, fullColumn } from '../../db/audit-ids.ts';
import type { Db } from '../../db/types.ts';
import { reinsertMember, removedMember } from './roster.ts';

/** An entry of the batch that changed a row in place ('import:update') or deleted one ('import:remove'). */
export interface BatchEntry {
  id: number;
  action: 'import:update' | 'import:remove';
  table_name: 'households' | 'members' | 'income_records';
  row_key: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  household_id: number | null;
  detail: string | null;
}

/** What the household's write had counted, for the caller to take off its totals. */
export interface RevertResult {
  /** The household row was created by this batch (and has now been deleted). */
  householdAdded: boolean;
  /** A households or income_records entry, or income this batch inserted for an existing household. */
  householdChanged: boolean;
  /** Members this batch inserted into the household (now deleted). */
  membersAdded: number;
  /** Distinct members with 'import:update' entries under this household (now restored). */
  membersUpdated: number;
  /** Members this batch had removed from the household (roster.ts), now back. */
  membersRestored: number;
}

const TABLES = new Set(['households', 'members', 'income_records']);
const SAFE_COLUMN = /^[a-z_]+$/;
// The log keeps IDs masked; a batch's full values (db/audit-ids.ts) are what goes back into the ledger.
const ENTRY_COLUMNS = `l.id, l.action, l.table_name, ${fullColumn('row_key')}, l.field, ${fullColumn('old_value')}, ${fullColumn('new_value')}, l.household_id, ${fullColumn('detail')}`;

/**
 * The batch's entries still in effect, newest first: those of a household that come after its last
 * 'import:revert-household' marker (all of them when it has none). Markers are few, so they are
 * read once and the filter runs here rather than as a correlated subquery per entry.
 */
export function liveEntries(db: Db, batchId: number, householdId?: number): BatchEntry[] {
  const one = householdId === undefined ? '' : ' AND household_id = ?';
  const args = householdId === undefined ? [batchId] : [batchId, householdId];
  const marks = new Map((db.prepare(`SELECT household_id AS h, max(id) AS m FROM audit_log
    WHERE batch_id = ? AND action = 'import:revert-household'${one} GROUP BY household_id`).all(...args) as Array<{ h: number; m: number }>).map((r) => [r.h, r.m]));
  const entries = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log l ${FULL_VALUES_JOIN}
    WHERE l.batch_id = ? AND l.action IN ('import:update', 'import:remove')${one.replace('household_id', 'l.household_id')} ORDER BY l.id DESC`).all(...args) as BatchEntry[];
  return marks.size === 0 ? entries : entries.filter((e) => e.household_id === null || e.id > (marks.get(e.household_id) ?? 0));
}

/** Column types from the schema, so an audited text value goes back as the integer it was. */
function integerColumns(db: Db): ReadonlySet<string> {
  const rows = db.prepare(`SELECT t.name AS t, c.name AS c FROM (SELECT 'households' AS name UNION ALL SELECT 'members' UNION ALL SELECT 'income_records') t,
    pragma_table_info(t.name) c WHERE c.type = 'INTEGER'`).all() as Array<{ t: string; c: string }>;
  return new Set(rows.map((r) => `${r.t}.${r.c}`));
}

export type TakeBack = (e: BatchEntry) => 'restored' | 'reinserted' | 'skipped';

/**
 * Reverses one entry at a time: a field gets its audited old value, a removed member is inserted
 * again. A member that this batch had inserted and then removed stays gone ('skipped'): the rows
 * the batch inserted are exactly what its undo or revert deletes. Statements are kept per column,
 * so undoing a city-scale batch prepares each one once.
 */
export function takeBack(db: Db, batchId: number): TakeBack {
  const ints = integerColumns(db);
  const stmts = new Map<string, Statement>();
  const stmt = (sql: string): Statement => stmts.get(sql) ?? stmts.set(sql, db.prepare(sql)).get(sql)!;
  return (e) => {
    if (!TABLES.has(e.table_name)) throw new Error(`unexpected audit entry ${e.id}`);
    if (e.action === 'import:remove') {
      const m = removedMember(e.old_value, e.detail);
      if (m.row.batch_id === batchId) return 'skipped';
      reinsertMember(db, m);
      return 'reinserted';
    }
    if (e.field === null || !SAFE_COLUMN.test(e.field)) throw new Error(`unexpected audit entry ${e.id}`);
    const value = e.old_value === null ? null : ints.has(`${e.table_name}.${e.field}`) ? Number(e.old_value) : e.old_value;
    if (e.table_name === 'income_records') {
      const [hid, year] = e.row_key.split(':').map(Number);
      stmt(`UPDATE income_records SET ${e.field} = ? WHERE household_id = ? AND year = ?`).run(value, hid, year);
    } else stmt(`UPDATE ${e.table_name} SET ${e.field} = ? WHERE id = ?`).run(value, Number(e.row_key));
    return 'restored';
  };
}

/** The audit entry that records a take-back: the mirror of the entry taken back. */
export function compensation(action: 'import:revert' | 'import:undo', batchId: number, e: BatchEntry): AuditEntry {
  if (e.action === 'import:remove') {
    return { action, table: e.table_name, key: e.row_key, field: null, old: null, new: e.old_value, householdId: e.household_id, batchId };
  }
  return { action, table: e.table_name, key: e.row_key, field: e.field, old: e.new_value, new: e.old_value, householdId: e.household_id, batchId };
}

function counts(db: Db, batchId: number, householdId: number, entries: readonly BatchEntry[]): RevertResult {
  const added = (db.prepare('SELECT batch_id IS ? AS a FROM households WHERE id = ?').get(batchId, householdId) as { a: number } | undefined)?.a === 1;
  const count = (sql: string): number => (db.prepare(sql).get(householdId, batchId) as { n: number }).n;
  const income = count('SELECT count(*) AS n FROM income_records WHERE household_id = ? AND batch_id = ?');
  const updates = entries.filter((e) => e.action === 'import:update');
  return {
    householdAdded: added,
    householdChanged: updates.some((e) => e.table_name !== 'members') || (!added && income > 0),
    membersAdded: count('SELECT count(*) AS n FROM members WHERE household_id = ? AND batch_id = ?'),
    membersUpdated: new Set(updates.filter((e) => e.table_name === 'members').map((e) => e.row_key)).size,
    membersRestored: 0,
  };
}

/**
 * Undoes everything batch `batchId` has done so far to household `householdId`, in the caller's open
 * transaction: rows the batch inserted into it go first (a removed member may have come back under
 * the same ID number), then its entries are taken back newest first (a member moved in from another
 * household moves back), and finally the household row itself if this batch created it. Its
 * household_year_figures rows are deleted explicitly: the caller may run with triggers dropped.
 * Old values are restored without comparing with the current ones: a file writes each person once
 * (a repeated ID number is refused), so no other household's write has touched these rows since.
 */
export function revertHousehold(db: Db, batchId: number, householdId: number, audit: (e: AuditEntry) => void): RevertResult {
  const entries = liveEntries(db, batchId, householdId);
  const result = counts(db, batchId, householdId, entries);
  const incomeRemoved = db.prepare('DELETE FROM income_records WHERE household_id = ? AND batch_id = ?').run(householdId, batchId).changes;
  db.prepare('DELETE FROM members WHERE household_id = ? AND batch_id = ?').run(householdId, batchId);
  const back = takeBack(db, batchId);
  for (const e of entries) {
    const done = back(e);
    if (done === 'skipped') continue;
    if (done === 'reinserted') result.membersRestored++;
    audit(compensation('import:revert', batchId, e));
  }
  if (result.householdAdded) {
    // Whatever is still in it did not come from this batch: a cascade would delete it unseen.
    const left = db.prepare('SELECT count(*) AS n FROM members WHERE household_id = ?').get(householdId) as { n: number };
    if (left.n > 0) throw new AppError('internal', `撤回第 ${householdId} 号户时发现 ${left.n} 名不属于本批次的成员，已停止`);
    db.prepare('DELETE FROM household_year_figures WHERE household_id = ?').run(householdId);
    db.prepare('DELETE FROM households WHERE id = ?').run(householdId);
  }
  audit({ action: 'import:revert-household', table: 'households', key: householdId, householdId, batchId, detail: { ...result, incomeRemoved } });
  return result;
}

/**
 * Members the ledger holds for a household but a corrected re-import no longer lists. The file is
 * taken as the household's complete roster only when its 家庭人口数 equals the member rows it lists
 * for that household (decided rule): then a missing member is removed, with the complete row in the
 * audit log so undo (or a revert of the household) can put it back exactly; otherwise nothing is
 * removed and the caller reports the member for the township to check.
 */
import { maskIdNumber } from '../../../shared/domain/id-number.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AuditEntry } from '../../db/audit.ts';
import type { Db } from '../../db/types.ts';

export interface MissingMember {
  id: number;
  idNumber: string;
  name: string;
}

type Row = Record<string, string | number | null>;

/** What an 'import:remove' entry keeps: the member row and the dismissed risk hints its deletion cascaded away. */
export interface RemovedMember {
  row: Row;
  dismissals: Row[];
}

const SAFE_COLUMN = /^[a-z_]+$/;

/** The stored columns of a table: generated ones (members' sex and birth date) cannot be inserted. */
export function storedColumns(db: Db, table: string): string[] {
  const cols = db.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid').all(table) as Array<{ name: string }>;
  return cols.map((c) => c.name);
}

/** The complete-roster rule: a size column whose value equals the member rows listed for the household. */
export function rosterIsComplete(size: number | null, listedMembers: number): boolean {
  return size !== null && size === listedMembers;
}

/** Members of the household (as the ledger holds it now) whose ID numbers the file does not list. */
export function missingMembers(db: Db, householdId: number, presentIdNumbers: readonly string[]): MissingMember[] {
  const present = new Set(presentIdNumbers);
  const rows = db.prepare('SELECT id, id_number AS idNumber, name FROM members WHERE household_id = ? ORDER BY id').all(householdId) as MissingMember[];
  return rows.filter((m) => !present.has(m.idNumber));
}

/**
 * Deletes the members (only those still in the household), each audited as 'import:remove' with the
 * complete stored row as the old value; returns how many were removed. Runs in the caller's transaction.
 */
export function removeMembers(db: Db, batchId: number, audit: (e: AuditEntry) => void, householdId: number, memberIds: readonly number[]): number {
  const cols = storedColumns(db, 'members');
  const select = db.prepare(`SELECT ${cols.join(', ')} FROM members WHERE id = ? AND household_id = ?`);
  const dismissals = db.prepare(`SELECT ${storedColumns(db, 'risk_dismissals').join(', ')} FROM risk_dismissals WHERE member_id = ? ORDER BY id`);
  const del = db.prepare('DELETE FROM members WHERE id = ?');
  // Deleted explicitly rather than by the foreign key's cascade: a bulk import runs with foreign keys off.
  const delHints = db.prepare('DELETE FROM risk_dismissals WHERE member_id = ?');
  let removed = 0;
  for (const id of memberIds) {
    const row = select.get(id, householdId) as Row | undefined;
    if (!row) continue;
    // The member's dismissed risk hints go with it; they are kept so undo restores them too.
    const hints = dismissals.all(id) as Row[];
    audit({ action: 'import:remove', table: 'members', key: id, old: row, householdId, batchId, ...(hints.length ? { detail: { dismissals: hints } } : {}) });
    delHints.run(id);
    del.run(id);
    removed++;
  }
  return removed;
}

/** Reads an 'import:remove' entry back. */
export function removedMember(oldValue: string | null, detail: string | null): RemovedMember {
  const row = JSON.parse(oldValue ?? 'null') as Row | null;
  if (!row || typeof row.id !== 'number') throw new Error('unreadable import:remove entry');
  const d = detail ? (JSON.parse(detail) as { dismissals?: Row[] }) : {};
  return { row, dismissals: d.dismissals ?? [] };
}

function insertRow(db: Db, table: string, row: Row): void {
  const stored = new Set(storedColumns(db, table));
  const cols = Object.keys(row);
  for (const c of cols) if (!SAFE_COLUMN.test(c) || !stored.has(c)) throw new Error(`unexpected column ${table}.${c}`);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c] ?? null));
}

/**
 * Puts a removed member back with its id and every stored value. Refused when the id or the ID number
 * has been taken since (SQLite reuses the highest rowid; the person may have been entered again).
 */
export function reinsertMember(db: Db, m: RemovedMember): void {
  const taken = db.prepare('SELECT id FROM members WHERE id = ? OR id_number = ?').get(m.row.id, m.row.id_number) as { id: number } | undefined;
  if (taken) {
    throw new AppError('conflict', `无法恢复被移除的成员“${String(m.row.name)}”（证件号码 ${maskIdNumber(String(m.row.id_number))}）：台账中已有相同编号或证件号码的成员（之后又录入或导入过）。请先核实该成员。`);
  }
  insertRow(db, 'members', m.row);
  for (const d of m.dismissals) {
    // Dismissals are found by household, member, year and rule, never by id: a reused id just gets a new one.
    const free = db.prepare('SELECT 1 FROM risk_dismissals WHERE id = ?').get(d.id) === undefined;
    insertRow(db, 'risk_dismissals', free ? d : Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'id')));
  }
}

/** Warning for a member removed under the complete-roster rule. The ID is masked here. */
export function removedMessage(name: string, idNumber: string): string {
  return `成员“${name}”（证件号码 ${maskIdNumber(idNumber)}）不在本次文件中，已从该户移除（可撤销本批次恢复）`;
}

/**
 * Warning for members kept because the file's list may be partial: `size` is the household's
 * 家庭人口数 in the file (null when the sheet has none), `listed` the member rows it lists.
 */
export function notRemovedMessage(members: ReadonlyArray<{ name: string; idNumber: string }>, size: number | null, listed: number): string {
  const who = members.map((m) => `“${m.name}”（${maskIdNumber(m.idNumber)}）`).join('、');
  const why = size === null ? '本表没有该户的家庭人口数，无法确认所列成员是否完整' : `本表的家庭人口数（${size}）与所列成员数（${listed}）不一致`;
  return `台账中该户还有成员${who}未出现在本文件中；${why}，未删除，请核实`;
}

/**
 * Writes checked households inside the caller's transaction: new rows carry the batch id (so undo
 * can remove them), changed fields are updated with their old value in the audit log (so undo can
 * restore them), unchanged rows are not touched. Only fields the file has a column for are
 * compared: a sheet without 户类型 never resets a household's type.
 */
import type { FieldKey } from '../../../shared/domain/import-headers.ts';
import type { ImportCounts } from '../../../shared/api/import.ts';
import type { AuditWriter } from '../../db/audit.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/types.ts';
import type { CheckedHousehold, CheckedMember } from '../check/household.ts';
import type { RegionResolver } from '../regions.ts';
import { CODE, HEAD_ID, WrittenKeys } from './written-keys.ts';

type Row = Record<string, string | number | null>;
type ColumnSpec = readonly [column: string, fields: readonly FieldKey[] | 'always'];

const HOUSEHOLD_COLUMNS: readonly ColumnSpec[] = [
  ['county_code', 'always'], ['township_code', 'always'], ['village_code', ['village']], ['group_name', ['group']],
  ['head_name', 'always'], ['head_id_number', 'always'], ['size', 'always'], ['household_type', ['householdType', 'monitoringCategory']],
  ['poverty_attribute', ['povertyAttribute']], ['monitoring_category', ['monitoringCategory']], ['risk_types', ['riskTypes']],
  ['identified_ym', ['identifiedYm']], ['risk_eliminated', ['riskEliminated']], ['elimination_method', ['eliminationMethod']],
  ['eliminated_ym', ['eliminatedYm']], ['relocated', ['relocated']], ['phone', ['phone']], ['note', ['note']],
];
const MEMBER_COLUMNS: readonly ColumnSpec[] = [
  ['household_id', 'always'], ['name', 'always'], ['id_type', ['idType']], ['id_extra', ['idType']], ['person_code', ['personCode']],
  ['relation', ['relation']], ['labour', ['labour']], ['health', ['health']], ['education', ['education']],
  ['student_status', ['studentStatus']], ['work_place_class', ['workPlaceClass']], ['work_months', ['workMonths']],
  ['welfare_post', ['welfarePost']], ['phone', ['memberPhone']],
];
// A file's 经营净收入 replaces the split and its split replaces a net figure (validateIncomeRow sets one
// or the other), so the three business columns are compared whenever any of the three is mapped.
const BUSINESS: readonly FieldKey[] = ['businessGross', 'businessExpense', 'businessNet'];
const INCOME_COLUMNS: readonly ColumnSpec[] = [
  ['size', 'always'], ['wage_fen', ['wage']], ['welfare_post_wage_fen', ['welfarePostWage']], ['business_gross_fen', BUSINESS],
  ['business_expense_fen', BUSINESS], ['business_net_fen', BUSINESS], ['property_fen', ['property']], ['transfer_fen', ['transfer']],
];

/** Columns that hold integers, so undo can turn an audited old value back into its type. */
export const INTEGER_COLUMNS = new Set(['size', 'risk_eliminated', 'relocated', 'work_months', 'welfare_post', 'household_id',
  'wage_fen', 'welfare_post_wage_fen', 'business_gross_fen', 'business_expense_fen', 'business_net_fen', 'property_fen', 'transfer_fen']);

const b = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);

export interface WriteCounts {
  households: ImportCounts;
  /** `removed`: members a complete roster in the file no longer lists. */
  members: ImportCounts & { removed: number };
  /** Blank cells over a value the ledger holds: kept (the default) or cleared (when asked). */
  blanks: { kept: number; cleared: number };
}

const HOUSEHOLD_INSERT = ['code', ...HOUSEHOLD_COLUMNS.map(([c]) => c)];
const MEMBER_INSERT = ['id_number', ...MEMBER_COLUMNS.map(([c]) => c)];
/** The order writeMembers binds a new member's values in; checked against MEMBER_INSERT once at load. */
const MEMBER_BIND_ORDER = 'id_number,household_id,name,id_type,id_extra,person_code,relation,labour,health,education,student_status,work_place_class,work_months,welfare_post,phone';
if (MEMBER_INSERT.join(',') !== MEMBER_BIND_ORDER) throw new Error('writeMembers binds members in another order than MEMBER_INSERT');
const INCOME_INSERT = ['household_id', 'year', ...INCOME_COLUMNS.map(([c]) => c)];

/**
 * One INSERT per table with every column, prepared once: building the SQL per row (and looking it up
 * in a cache) cost more than the insert itself at city scale. Members use ON CONFLICT DO NOTHING so
 * the common case (a new person) is one statement; a person already in the ledger (moved, or a
 * re-import) reports no change and takes the lookup-and-compare path.
 */
function insertSql(table: string, cols: readonly string[], stamps: readonly string[], conflict = ''): string {
  const all = [...cols, 'batch_id', ...stamps];
  return `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})${conflict}`;
}

/**
 * Timestamps of inserted rows are bound (the import's start, the same for the whole batch) rather
 * than left to the columns' DEFAULT strftime(…'now'): two strftime calls cost more per row than
 * binding two strings (~1.6 µs of a member insert).
 */
const CREATED = ['created_at', 'updated_at'];
const UPDATED = ['updated_at'];

export interface Written {
  id: number;
  /** The household was in the ledger before (matched by its code or its head's ID number). */
  existed: boolean;
}

export class LedgerWriter {
  private readonly db: Db;
  private readonly batchId: number;
  private readonly audit: AuditWriter;
  private readonly regions: RegionResolver;
  private readonly stmts;
  private readonly sqlCache = new Map<string, Statement>();
  /** In SQLite's own format (strftime('%Y-%m-%dT%H:%M:%fZ')), which toISOString() matches. */
  private readonly now = new Date().toISOString();
  readonly counts: WriteCounts = { households: zero(), members: { ...zero(), removed: 0 }, blanks: { kept: 0, cleared: 0 } };
  /** A blank cell erases the ledger's value only when the user asked for it (import option 清空空白单元格). */
  private readonly clearBlanks: boolean;
  /** Set when the ledger held no households at the start: lookups of keys never written are skipped. */
  private readonly written: WrittenKeys | null;

  constructor(db: Db, batchId: number, audit: AuditWriter, regions: RegionResolver, clearBlanks = false) {
    this.db = db;
    this.clearBlanks = clearBlanks;
    this.written = WrittenKeys.forLedger(db);
    this.batchId = batchId;
    this.audit = audit;
    this.regions = regions;
    this.stmts = {
      byCode: db.prepare('SELECT * FROM households WHERE code = ?'),
      // The smallest id is picked in JS: `min(id)`, a scalar subquery or ORDER BY … LIMIT 1 each set
      // up an aggregate or a sorter per call and measured 20–60 µs against ~2 µs for this.
      idsByHead: db.prepare('SELECT id FROM households WHERE head_id_number = ?').pluck(),
      byId: db.prepare('SELECT * FROM households WHERE id = ?'),
      member: db.prepare('SELECT id, updated_at, household_id, name, id_type, id_extra, person_code, relation, labour, health, education, student_status, work_place_class, work_months, welfare_post, phone FROM members WHERE id_number = ?'),
      income: db.prepare('SELECT updated_at, size, wage_fen, welfare_post_wage_fen, business_gross_fen, business_expense_fen, business_net_fen, property_fen, transfer_fen FROM income_records WHERE household_id = ? AND year = ?'),
      insertHousehold: db.prepare(insertSql('households', HOUSEHOLD_INSERT, CREATED)),
      insertMember: db.prepare(insertSql('members', MEMBER_INSERT, CREATED, ' ON CONFLICT (id_number) DO NOTHING')),
      insertIncome: db.prepare(insertSql('income_records', INCOME_INSERT, UPDATED)),
      savepoint: db.prepare('SAVEPOINT hh'),
      release: db.prepare('RELEASE hh'),
      rollbackTo: db.prepare('ROLLBACK TO hh'),
      groupSavepoint: db.prepare('SAVEPOINT households'),
      groupRelease: db.prepare('RELEASE households'),
      groupRollbackTo: db.prepare('ROLLBACK TO households'),
    };
  }

  private householdRow(h: CheckedHousehold, village: string | null): Row {
    const v = h.household;
    return {
      county_code: h.countyCode, township_code: h.townshipCode, village_code: village, group_name: v.group,
      head_name: v.headName, head_id_number: v.headIdNumber, size: v.size, household_type: v.householdType,
      poverty_attribute: v.povertyAttribute, monitoring_category: v.monitoringCategory, risk_types: JSON.stringify(v.riskTypes),
      identified_ym: v.identifiedYm, risk_eliminated: b(v.riskEliminated), elimination_method: v.eliminationMethod,
      eliminated_ym: v.eliminatedYm, relocated: b(v.relocated), phone: v.phone, note: v.note,
    };
  }

  private values(cols: readonly string[], row: Row, stamps: readonly string[]): Array<string | number | null> {
    const out = new Array<string | number | null>(cols.length + 1 + stamps.length);
    for (let i = 0; i < cols.length; i++) out[i] = row[cols[i]!] ?? null;
    out[cols.length] = this.batchId;
    for (let i = 0; i < stamps.length; i++) out[cols.length + 1 + i] = this.now;
    return out;
  }

  private cached(sql: string): Statement {
    let s = this.sqlCache.get(sql);
    if (!s) this.sqlCache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** True when every mapped source of the column was blank in the file: "not reported", not "none". */
  private keepsBlank(fields: readonly FieldKey[], mapped: ReadonlySet<FieldKey>, blank: readonly FieldKey[], old: unknown): boolean {
    if (blank.length === 0 || old === null || !fields.every((f) => !mapped.has(f) || blank.includes(f))) return false;
    if (this.clearBlanks) {
      this.counts.blanks.cleared++;
      return false;
    }
    this.counts.blanks.kept++;
    return true;
  }

  /** Updates the compared columns that differ; returns whether anything changed. */
  private update(table: string, where: string, key: unknown[], auditKey: string, householdId: number, old: Row, next: Row, specs: readonly ColumnSpec[], mapped: ReadonlySet<FieldKey>, blank: readonly FieldKey[]): boolean {
    let changed = false;
    for (const [col, fields] of specs) {
      if (fields !== 'always' && !fields.some((f) => mapped.has(f))) continue;
      if (col === 'head_id_number' && next[col] === null) continue;
      const a = old[col] ?? null;
      const n = next[col] ?? null;
      if (a === n) continue;
      if (fields !== 'always' && this.keepsBlank(fields, mapped, blank, a)) continue;
      // The row's previous updated_at is audited too, so undo restores the row exactly.
      if (!changed) this.audit({ action: 'import:update', table, key: auditKey, field: 'updated_at', old: old.updated_at ?? null, new: null, householdId, batchId: this.batchId });
      this.cached(`UPDATE ${table} SET ${col} = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE ${where}`).run(n, ...key);
      this.audit({ action: 'import:update', table, key: auditKey, field: col, old: a, new: n, householdId, batchId: this.batchId });
      changed = true;
    }
    return changed;
  }

  /**
   * Writes one household; a constraint failure rolls back just this household and is returned as a
   * message. On success returns the household's id.
   */
  write(h: CheckedHousehold, mapped: ReadonlySet<FieldKey>): Written | { failure: string } {
    const undo = this.undoPoint();
    this.stmts.savepoint.run();
    try {
      const r = this.writeInGroup(h, mapped);
      this.stmts.release.run();
      return r;
    } catch (e) {
      this.stmts.rollbackTo.run();
      this.stmts.release.run();
      undo();
      return { failure: (e as Error).message };
    }
  }

  /** Writes one household inside group(): a constraint failure throws (and group() rolls back). */
  writeInGroup(h: CheckedHousehold, mapped: ReadonlySet<FieldKey>): Written {
    const before = this.counts.households.added;
    const id = this.writeHousehold(h, mapped);
    return { id, existed: this.counts.households.added === before };
  }

  /**
   * Runs `fn`, which writes several households with writeInGroup(), in one savepoint. A savepoint
   * per household made SQLite copy every page each household touched into its statement journal:
   * ~45% of the write time at city scale. Returns false when `fn` threw: everything it wrote and
   * counted is rolled back, and the caller writes the same households one by one with write(),
   * which refuses just the one the database rejects.
   */
  group(fn: () => void): boolean {
    const undo = this.undoPoint();
    this.stmts.groupSavepoint.run();
    try {
      fn();
      this.stmts.groupRelease.run();
      return true;
    } catch {
      this.stmts.groupRollbackTo.run();
      this.stmts.groupRelease.run();
      undo();
      return false;
    }
  }

  /** What a rollback to a savepoint taken now must also take back outside the database. */
  private undoPoint(): () => void {
    const created = this.regions.created.length;
    const counts = snapshotCounts(this.counts);
    return () => {
      this.regions.rollbackTo(created);
      restoreCounts(this.counts, counts);
      this.audit.resync();
    };
  }

  private writeHousehold(h: CheckedHousehold, mapped: ReadonlySet<FieldKey>): number {
    const v = h.household;
    const w = this.written;
    let old = (v.householdCode && (!w || w.mayHold(CODE, v.householdCode)) ? this.stmts.byCode.get(v.householdCode) : undefined) as (Row & { id: number; code: string }) | undefined;
    if (!old && v.headIdNumber && (!w || w.mayHold(HEAD_ID, v.headIdNumber))) {
      const ids = this.stmts.idsByHead.all(v.headIdNumber) as number[];
      if (ids.length) old = this.stmts.byId.get(Math.min(...ids)) as Row & { id: number; code: string };
    }
    const village = h.villageName ? this.regions.village(h.townshipCode, h.villageName, true) : null;
    const row = this.householdRow(h, village);
    let id: number;
    let changed: boolean;
    if (!old) {
      row.code = v.householdCode ?? `ID${v.headIdNumber}`;
      id = Number(this.stmts.insertHousehold.run(...this.values(HOUSEHOLD_INSERT, row, CREATED)).lastInsertRowid);
      w?.add(CODE, row.code);
      if (v.headIdNumber) w?.add(HEAD_ID, v.headIdNumber);
      this.counts.households.added++;
      changed = true;
    } else {
      id = old.id;
      const codeRow: Row = { code: v.householdCode && old.code.startsWith('ID') ? v.householdCode : old.code };
      w?.add(CODE, codeRow.code as string);
      if (v.headIdNumber) w?.add(HEAD_ID, v.headIdNumber);
      changed = this.update('households', 'id = ?', [id], String(id), id, old, { ...row, ...codeRow }, [['code', 'always'], ...HOUSEHOLD_COLUMNS], mapped, h.blank);
    }
    this.writeMembers(id, h.members, mapped);
    if (h.income && h.year !== null) changed = this.writeIncome(id, h, mapped, !old) || changed;
    if (old) this.counts.households[changed ? 'updated' : 'unchanged']++;
    return id;
  }

  private writeMembers(householdId: number, members: readonly CheckedMember[], mapped: ReadonlySet<FieldKey>): void {
    for (const m of members) {
      // Bound straight from the member in MEMBER_BIND_ORDER: building the Row and mapping it into an
      // array cost ~1 µs of the writer's thread a member (city file: CPU 15.6 → 15.1 s); the Row is
      // built only for a person already in the ledger, to compare.
      if (this.stmts.insertMember.run(m.idNumber, householdId, m.name, m.idType, m.idExtra, m.personCode, m.relation, m.labour, m.health,
        m.education, m.studentStatus, m.workPlaceClass, m.workMonths, m.welfarePost ? 1 : 0, m.phone, this.batchId, this.now, this.now).changes === 1) {
        this.counts.members.added++;
        continue;
      }
      const row: Row = {
        id_number: m.idNumber, household_id: householdId, name: m.name, id_type: m.idType, id_extra: m.idExtra, person_code: m.personCode,
        relation: m.relation, labour: m.labour, health: m.health, education: m.education, student_status: m.studentStatus,
        work_place_class: m.workPlaceClass, work_months: m.workMonths, welfare_post: m.welfarePost ? 1 : 0, phone: m.phone,
      };
      const old = this.stmts.member.get(m.idNumber) as Row & { id: number };
      // Relation is always written by household-level sheets (the head), so compare it then too.
      const changed = this.update('members', 'id = ?', [old.id], String(old.id), householdId, old, row, MEMBER_COLUMNS, mapped, m.blank);
      this.counts.members[changed ? 'updated' : 'unchanged']++;
    }
  }

  /** `isNew`: the household was inserted just now, so it has no income row to compare with. */
  private writeIncome(householdId: number, h: CheckedHousehold, mapped: ReadonlySet<FieldKey>, isNew: boolean): boolean {
    const i = h.income!;
    const row: Row = {
      household_id: householdId, year: h.year, size: h.household.size, wage_fen: i.wageFen, welfare_post_wage_fen: i.welfarePostWageFen,
      business_gross_fen: i.businessGrossFen, business_expense_fen: i.businessExpenseFen, business_net_fen: i.businessNetFen,
      property_fen: i.propertyFen, transfer_fen: i.transferFen,
    };
    const old = isNew ? undefined : (this.stmts.income.get(householdId, h.year) as Row | undefined);
    if (!old) {
      this.stmts.insertIncome.run(...this.values(INCOME_INSERT, row, UPDATED));
      return true;
    }
    return this.update('income_records', 'household_id = ? AND year = ?', [householdId, h.year], `${householdId}:${h.year}`, householdId, old, row, INCOME_COLUMNS, mapped, h.blank);
  }
}

function snapshotCounts(c: WriteCounts): WriteCounts {
  return { households: { ...c.households }, members: { ...c.members }, blanks: { ...c.blanks } };
}

function restoreCounts(c: WriteCounts, s: WriteCounts): void {
  Object.assign(c.households, s.households);
  Object.assign(c.members, s.members);
  Object.assign(c.blanks, s.blanks);
}

export function zero(): ImportCounts {
  return { added: 0, updated: 0, unchanged: 0, refused: 0 };
}

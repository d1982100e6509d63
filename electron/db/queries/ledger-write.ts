/**
 * Ledger corrections. Each function runs inside the caller's transaction and writes one audit entry
 * per changed field (old and new value as stored, household_id set), so the history of a household
 * reads field by field and a rollback leaves neither the change nor its entry.
 */
import type { HouseholdPatch, IncomeInput, MemberFields, MemberPatch } from '../../../shared/api/ledger.ts';
import { validateIncomeRow, validateMemberRow, type RowIssue } from '../../../shared/domain/import-rows.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AuditEntry } from '../audit.ts';
import type { Db } from '../types.ts';

export type Audit = (e: AuditEntry) => void;
type Row = Record<string, unknown>;

const HOUSEHOLD_COLUMNS: Record<keyof HouseholdPatch, string> = {
  headName: 'head_name', township: 'township_code', village: 'village_code', groupName: 'group_name', size: 'size',
  householdType: 'household_type', povertyAttribute: 'poverty_attribute', monitoringCategory: 'monitoring_category',
  relocated: 'relocated', phone: 'phone', note: 'note',
};

const MEMBER_COLUMNS: Record<keyof MemberFields, string> = {
  name: 'name', idNumber: 'id_number', idType: 'id_type', relation: 'relation', labour: 'labour', health: 'health',
  education: 'education', workPlaceClass: 'work_place_class', workMonths: 'work_months', welfarePost: 'welfare_post', phone: 'phone',
};

function toDb(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v === '' ? null : v;
}

/** Columns whose stored value differs from the patch, as [column, old, new]. */
function diff(current: Row, patch: Record<string, unknown>, columns: Record<string, string>): Array<[string, unknown, unknown]> {
  const out: Array<[string, unknown, unknown]> = [];
  for (const [key, value] of Object.entries(patch)) {
    const col = columns[key];
    if (col === undefined || value === undefined) continue;
    const next = toDb(value);
    if (current[col] !== next) out.push([col, current[col] ?? null, next]);
  }
  return out;
}

function updateRow(db: Db, table: 'households' | 'members', id: number, changes: Array<[string, unknown, unknown]>): void {
  if (!changes.length) return;
  const sets = changes.map(([col]) => `${col} = ?`).join(', ');
  db.prepare(`UPDATE ${table} SET ${sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(...changes.map((c) => c[2]), id);
}

function refuse(errors: RowIssue[]): never {
  throw new AppError('validation', errors.map((e) => e.message).join('；'), { issues: errors });
}

/** The importer's row rules (shared/domain/import-rows.ts), so a correction is held to the same standard as a sheet. */
export function validId(raw: string, name = '占位'): string {
  const r = validateMemberRow({ name, idNumber: raw });
  if (!r.value) refuse(r.errors);
  return r.value.idNumber;
}

function assertIdFree(db: Db, id: string, exceptMember: number | null): void {
  const other = db.prepare(
    'SELECT m.id, m.name, h.code FROM members m JOIN households h ON h.id = m.household_id WHERE m.id_number = ?',
  ).get(id) as { id: number; name: string; code: string } | undefined;
  if (other && other.id !== exceptMember) {
    throw new AppError('conflict', `身份证号码已登记在户 ${other.code} 的成员“${other.name}”名下，同一人不能重复登记。`, { field: 'idNumber' });
  }
}

/** Checks a township (and village) exist and nest; returns the county the township belongs to. */
function regionsFor(db: Db, township: string, village: string | null): string {
  const t = db.prepare(`SELECT parent_code FROM regions WHERE code = ? AND level = 'township'`).get(township) as { parent_code: string } | undefined;
  if (!t) throw new AppError('validation', `乡镇代码 ${township} 不在区划目录中。`, { field: 'township' });
  if (village !== null) {
    const v = db.prepare(`SELECT parent_code FROM regions WHERE code = ? AND level = 'village'`).get(village) as { parent_code: string } | undefined;
    if (!v || v.parent_code !== township) throw new AppError('validation', `村代码 ${village} 不在该乡镇下。`, { field: 'village' });
  }
  return t.parent_code;
}

export function getRow(db: Db, table: 'households' | 'members', id: number): Row {
  const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not-found', table === 'households' ? '找不到该户，可能已被删除。' : '找不到该成员，可能已被删除。');
  return row;
}

export function updateHousehold(db: Db, audit: Audit, id: number, patch: HouseholdPatch): number {
  const current = getRow(db, 'households', id);
  const full: Record<string, unknown> = { ...patch };
  if (patch.township !== undefined || patch.village !== undefined) {
    const township = patch.township ?? (current.township_code as string);
    const village = patch.village === undefined ? (patch.township !== undefined ? null : (current.village_code as string | null)) : patch.village;
    full.village = village;
    const county = regionsFor(db, township, village);
    if (county !== current.county_code) full.county = county;
  }
  const changes = diff(current, full, { ...HOUSEHOLD_COLUMNS, county: 'county_code' });
  updateRow(db, 'households', id, changes);
  for (const [field, old, next] of changes) audit({ action: 'ledger:update', table: 'households', key: id, field, old, new: next, householdId: id });
  return changes.length;
}

export function updateMember(db: Db, audit: Audit, id: number, patch: MemberPatch): { householdId: number; changes: number } {
  const current = getRow(db, 'members', id);
  const householdId = current.household_id as number;
  const full: Record<string, unknown> = { ...patch };
  if (patch.idNumber !== undefined) {
    full.idNumber = validId(patch.idNumber, patch.name ?? (current.name as string));
    assertIdFree(db, full.idNumber as string, id);
  }
  const changes = diff(current, full, MEMBER_COLUMNS);
  updateRow(db, 'members', id, changes);
  for (const [field, old, next] of changes) audit({ action: 'ledger:update', table: 'members', key: id, field, old, new: next, householdId });
  return { householdId, changes: changes.length + syncHousehold(db, audit, householdId) };
}

export function insertMember(db: Db, audit: Audit, householdId: number, m: Partial<MemberFields> & { name: string; idNumber: string }): number {
  const id = validId(m.idNumber, m.name);
  assertIdFree(db, id, null);
  const values: Record<string, unknown> = { household_id: householdId };
  for (const [key, col] of Object.entries(MEMBER_COLUMNS)) {
    const v = (m as Record<string, unknown>)[key];
    if (v !== undefined) values[col] = key === 'idNumber' ? id : toDb(v);
  }
  const cols = Object.keys(values);
  const info = db.prepare(`INSERT INTO members (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(values));
  const memberId = Number(info.lastInsertRowid);
  audit({ action: 'ledger:add', table: 'members', key: memberId, new: { ...values, id: memberId }, householdId });
  return memberId;
}

export function deleteMember(db: Db, audit: Audit, id: number, reason: string): number {
  const current = getRow(db, 'members', id);
  const householdId = current.household_id as number;
  const left = (db.prepare('SELECT count(*) AS n FROM members WHERE household_id = ?').get(householdId) as { n: number }).n;
  if (left <= 1) throw new AppError('validation', '这是该户唯一的成员，不能删除；如需注销整户，请删除该户。');
  db.prepare('DELETE FROM members WHERE id = ?').run(id);
  audit({ action: 'ledger:remove', table: 'members', key: id, old: current, householdId, detail: { reason } });
  return householdId;
}

/**
 * Keeps the household row in step with its members: the head's name and ID follow the member whose
 * relation is 户主, and 家庭人口 follows the member count. Returns the audit entries written.
 */
export function syncHousehold(db: Db, audit: Audit, householdId: number): number {
  const h = getRow(db, 'households', householdId);
  const head = db.prepare(`SELECT name, id_number FROM members WHERE household_id = ? AND relation = '户主' ORDER BY id LIMIT 1`).get(householdId) as
    | { name: string; id_number: string } | undefined;
  const n = (db.prepare('SELECT count(*) AS n FROM members WHERE household_id = ?').get(householdId) as { n: number }).n;
  const target: Row = { size: n };
  if (head) Object.assign(target, { head_name: head.name, head_id_number: head.id_number });
  if (n === 0) return 0;
  const changes = Object.entries(target).filter(([col, v]) => h[col] !== v).map(([col, v]): [string, unknown, unknown] => [col, h[col] ?? null, v]);
  updateRow(db, 'households', householdId, changes);
  for (const [field, old, next] of changes) audit({ action: 'ledger:sync', table: 'households', key: householdId, field, old, new: next, householdId });
  return changes.length;
}

export interface NewHousehold {
  code: string; township: string; village: string | null; groupName: string | null; householdType: string;
  head: Partial<MemberFields> & { name: string; idNumber: string };
}

export function insertHousehold(db: Db, audit: Audit, h: NewHousehold): { householdId: number; memberId: number } {
  const county = regionsFor(db, h.township, h.village);
  if (db.prepare('SELECT 1 FROM households WHERE code = ?').get(h.code)) throw new AppError('conflict', `户编号 ${h.code} 已存在。`, { field: 'code' });
  const headId = validId(h.head.idNumber, h.head.name);
  const info = db.prepare(
    `INSERT INTO households (code, county_code, township_code, village_code, group_name, head_name, head_id_number, size, household_type)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  ).run(h.code, county, h.township, h.village, h.groupName, h.head.name, headId, h.householdType);
  const householdId = Number(info.lastInsertRowid);
  audit({ action: 'ledger:add', table: 'households', key: householdId, new: { code: h.code, county_code: county, township_code: h.township, village_code: h.village, head_name: h.head.name }, householdId });
  const memberId = insertMember(db, audit, householdId, { relation: '户主', ...h.head });
  return { householdId, memberId };
}

export function deleteHousehold(db: Db, audit: Audit, id: number, reason: string): void {
  const h = getRow(db, 'households', id);
  const snapshot = {
    household: h,
    members: db.prepare('SELECT * FROM members WHERE household_id = ?').all(id),
    incomes: db.prepare('SELECT * FROM income_records WHERE household_id = ?').all(id),
  };
  db.prepare('DELETE FROM households WHERE id = ?').run(id);
  audit({ action: 'ledger:remove', table: 'households', key: id, old: { code: h.code, head_name: h.head_name }, householdId: id, detail: { reason, snapshot } });
}

export function upsertIncome(db: Db, audit: Audit, input: IncomeInput): number {
  getRow(db, 'households', input.householdId);
  const old = db.prepare('SELECT * FROM income_records WHERE household_id = ? AND year = ?').get(input.householdId, input.year) as Row | undefined;
  const checked = validateIncomeRow({
    year: input.year, wage: input.wage, welfarePostWage: input.welfarePostWage, businessGross: input.businessGross,
    businessExpense: input.businessExpense, businessNet: input.businessNet ?? null, property: input.property, transfer: input.transfer,
  });
  if (!checked.value) refuse(checked.errors);
  const v = checked.value;
  const next: Row = {
    size: input.size, wage_fen: v.wageFen, welfare_post_wage_fen: v.welfarePostWageFen, business_gross_fen: v.businessGrossFen,
    business_expense_fen: v.businessExpenseFen, business_net_fen: v.businessNetFen, property_fen: v.propertyFen, transfer_fen: v.transferFen,
  };
  const changes = Object.entries(next).filter(([col, v]) => (old ? old[col] !== v : v !== null));
  if (!changes.length) return 0;
  const cols = Object.keys(next);
  // Plain UPDATE or INSERT, not an UPSERT: an outer UPSERT overrides the OR IGNORE of other areas' triggers.
  if (old) {
    db.prepare(`UPDATE income_records SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      WHERE household_id = ? AND year = ?`).run(...Object.values(next), input.householdId, input.year);
  } else {
    db.prepare(`INSERT INTO income_records (household_id, year, ${cols.join(', ')}) VALUES (?, ?, ${cols.map(() => '?').join(', ')})`)
      .run(input.householdId, input.year, ...Object.values(next));
  }
  const key = `${input.householdId}/${input.year}`;
  for (const [col, v] of changes) {
    audit({ action: old ? 'ledger:update' : 'ledger:add', table: 'income_records', key, field: col, old: old ? old[col] : null, new: v, householdId: input.householdId, detail: { year: input.year } });
  }
  return changes.length;
}

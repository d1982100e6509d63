/**
 * 自然变更: record a coded change and, when asked, take the member or household out of the ledger
 * through the ledger's own delete (its snapshot goes to the audit log); the change row keeps the
 * name, ID and region so the departure is still counted by year, township and reason.
 */
import type { Db } from '../db/types.ts';
import type { AuditWriter } from '../db/audit.ts';
import type { ChangeRow, ChangesResult } from '../../shared/api/campaign.ts';
import { isLeaving, NATURAL_REASONS, type NaturalReason } from '../../shared/campaign/reasons.ts';
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import { AppError } from '../../shared/errors.ts';
import { deleteHousehold, deleteMember, syncHousehold } from '../db/queries/ledger-write.ts';

export interface ChangeInput {
  year: number; date: string; reason: NaturalReason; note?: string | undefined;
  householdId: number; memberId?: number | undefined; remove: boolean;
}

interface Household { id: number; code: string; county_code: string; township_code: string; head_name: string; head_id_number: string | null }

function checkInput(db: Db, a: ChangeInput): { h: Household; person: { name: string; id_number: string } | null } {
  if (a.reason === '其他' && (a.note ?? '').length < 2) throw new AppError('validation', '原因为“其他”时必须填写说明。', { field: 'note' });
  if (Number(a.date.slice(0, 4)) !== a.year) throw new AppError('validation', `变更日期 ${a.date} 不在 ${a.year} 年内。`, { field: 'date' });
  if (a.remove && !isLeaving(a.reason)) throw new AppError('validation', `原因“${a.reason}”不是减少人口的原因，不能移出台账。`, { field: 'remove' });
  const h = db.prepare('SELECT id, code, county_code, township_code, head_name, head_id_number FROM households WHERE id = ?').get(a.householdId) as Household | undefined;
  if (!h) throw new AppError('not-found', `没有编号为 ${a.householdId} 的户。`);
  if (a.memberId === undefined) return { h, person: null };
  const m = db.prepare('SELECT name, id_number FROM members WHERE id = ? AND household_id = ?').get(a.memberId, a.householdId) as { name: string; id_number: string } | undefined;
  if (!m) throw new AppError('not-found', `户 ${h.code} 中没有编号为 ${a.memberId} 的成员。`);
  return { h, person: m };
}

export function recordChange(db: Db, audit: AuditWriter, operator: string, a: ChangeInput): ChangeRow {
  const { h, person } = checkInput(db, a);
  const why = `自然变更：${a.reason}${a.note ? `（${a.note}）` : ''}`;
  if (a.remove && a.memberId !== undefined) {
    deleteMember(db, audit, a.memberId, why);
    syncHousehold(db, audit, h.id);
  } else if (a.remove) {
    deleteHousehold(db, audit, h.id, why);
  }
  const info = db.prepare(
    `INSERT INTO natural_changes (year, change_date, reason, note, county_code, township_code, household_code, household_id, person_name, id_number, left_ledger, operator)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.year, a.date, a.reason, a.note ?? null, h.county_code, h.township_code, h.code, h.id,
    person?.name ?? h.head_name, person?.id_number ?? h.head_id_number, a.remove ? 1 : 0, operator);
  const id = Number(info.lastInsertRowid);
  audit({ action: 'campaign:change', table: 'natural_changes', key: id, householdId: a.remove && a.memberId === undefined ? null : h.id,
    new: { reason: a.reason, note: a.note ?? null, date: a.date, year: a.year, member_id: a.memberId ?? null, left_ledger: a.remove } });
  return listChanges(db, a.year).rows.find((r) => r.id === id) as ChangeRow;
}

interface Stored { id: number; year: number; change_date: string; reason: NaturalReason; note: string | null; township_code: string; tname: string | null;
  household_code: string; person_name: string | null; id_number: string | null; left_ledger: number; operator: string }

export function listChanges(db: Db, year: number, county?: string): ChangesResult {
  const rows = (db.prepare(
    `SELECT c.*, r.name AS tname FROM natural_changes c LEFT JOIN regions r ON r.code = c.township_code
     WHERE c.year = ? AND (? IS NULL OR c.county_code = ?) ORDER BY c.township_code, c.change_date, c.id`,
  ).all(year, county ?? null, county ?? null) as Stored[]).map((s): ChangeRow => ({
    id: s.id, year: s.year, date: s.change_date, reason: s.reason, note: s.note, township: s.township_code, townshipName: s.tname ?? s.township_code,
    householdCode: s.household_code, personName: s.person_name, idNumber: s.id_number ? maskIdNumber(s.id_number) : null,
    leftLedger: s.left_ledger === 1, operator: s.operator,
  }));
  const byReason: Partial<Record<NaturalReason, number>> = {};
  const towns = new Map<string, ChangesResult['byTownship'][number]>();
  for (const r of rows) {
    byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
    const t = towns.get(r.township) ?? { code: r.township, name: r.townshipName, counts: {}, total: 0 };
    t.counts[r.reason] = (t.counts[r.reason] ?? 0) + 1;
    t.total++;
    towns.set(r.township, t);
  }
  return { year, rows, byTownship: [...towns.values()], byReason };
}

export { NATURAL_REASONS };

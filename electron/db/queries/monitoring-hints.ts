/**
 * Inputs of the risk hints (members, the monitoring floor) and the steward's dismissals. A
 * dismissal is kept per (household, member, year, rule): next year's data is looked at afresh.
 */
import type { RiskHintDto } from '../../../shared/api/monitoring.ts';
import { hintKey, RISK_RULE_LABELS, riskHints, type HintHousehold, type HintMember, type RiskRule } from '../../../shared/domain/risk-hints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AuditEntry } from '../audit.ts';
import { monitoringLineOf } from './monitoring-line.ts';
import type { Db } from '../types.ts';

export interface MemberRow extends HintMember {
  householdId: number;
  relation: string;
}

/** Members of the given households, grouped by household, head first. */
export function membersOf(db: Db, householdIds: readonly number[]): Map<number, MemberRow[]> {
  const out = new Map<number, MemberRow[]>();
  if (householdIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT id, household_id AS householdId, name, relation, birth_date AS birthDate, labour, health,
        student_status AS studentStatus, work_place_class AS workPlaceClass, work_months AS workMonths, welfare_post AS welfarePost
       FROM members WHERE household_id IN (SELECT value FROM json_each(?))
       ORDER BY household_id, relation <> '户主', id`,
    )
    .all(JSON.stringify(householdIds)) as Array<Omit<MemberRow, 'welfarePost'> & { welfarePost: number }>;
  for (const r of rows) {
    const list = out.get(r.householdId) ?? [];
    list.push({ ...r, welfarePost: r.welfarePost === 1 });
    out.set(r.householdId, list);
  }
  return out;
}

/** The year's monitoring line for the whole ledger (city, else province): see monitoring-line.ts. */
export function monitoringFloor(db: Db, year: number): number | null {
  return monitoringLineOf(db, year)?.value ?? null;
}

interface Dismissal {
  note: string;
  operator: string;
  at: string;
}

export function dismissalsOf(db: Db, householdIds: readonly number[], year: number): Map<number, Map<string, Dismissal>> {
  const out = new Map<number, Map<string, Dismissal>>();
  if (householdIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT household_id AS householdId, member_id AS memberId, rule, note, operator, created_at AS at FROM risk_dismissals
       WHERE year = ? AND household_id IN (SELECT value FROM json_each(?))`,
    )
    .all(year, JSON.stringify(householdIds)) as Array<Dismissal & { householdId: number; memberId: number | null; rule: string }>;
  for (const r of rows) {
    const map = out.get(r.householdId) ?? new Map<string, Dismissal>();
    map.set(hintKey(r), { note: r.note, operator: r.operator, at: r.at });
    out.set(r.householdId, map);
  }
  return out;
}

/** The household's hints with their dismissals attached. */
export function hintDtos(h: HintHousehold, dismissed: Map<string, Dismissal> | undefined): RiskHintDto[] {
  return riskHints(h).map((x) => ({
    rule: x.rule,
    label: RISK_RULE_LABELS[x.rule],
    memberId: x.memberId,
    memberName: x.memberName,
    message: x.message,
    dismissed: dismissed?.get(hintKey(x)) ?? null,
  }));
}

export interface HintTarget {
  householdId: number;
  memberId: number | null;
  year: number;
  rule: string;
}

function checkRule(rule: string): asserts rule is RiskRule {
  if (!(rule in RISK_RULE_LABELS)) throw new AppError('validation', `未知的提示规则：${rule}`);
}

export function dismissHint(db: Db, audit: (e: AuditEntry) => void, operator: string, t: HintTarget & { note: string }): void {
  checkRule(t.rule);
  const existing = db
    .prepare('SELECT id, note FROM risk_dismissals WHERE household_id = ? AND ifnull(member_id, 0) = ? AND year = ? AND rule = ?')
    .get(t.householdId, t.memberId ?? 0, t.year, t.rule) as { id: number; note: string } | undefined;
  const detail = { year: t.year, rule: t.rule, memberId: t.memberId };
  if (existing) {
    db.prepare('UPDATE risk_dismissals SET note = ?, operator = ? WHERE id = ?').run(t.note, operator, existing.id);
    audit({ action: 'risk-hint:dismiss', table: 'risk_dismissals', key: existing.id, field: 'note', old: existing.note, new: t.note, householdId: t.householdId, detail });
    return;
  }
  const id = db
    .prepare('INSERT INTO risk_dismissals (household_id, member_id, year, rule, note, operator) VALUES (?, ?, ?, ?, ?, ?)')
    .run(t.householdId, t.memberId, t.year, t.rule, t.note, operator).lastInsertRowid;
  audit({ action: 'risk-hint:dismiss', table: 'risk_dismissals', key: Number(id), field: 'note', new: t.note, householdId: t.householdId, detail });
}

export function restoreHint(db: Db, audit: (e: AuditEntry) => void, t: HintTarget): void {
  checkRule(t.rule);
  const existing = db
    .prepare('SELECT id, note FROM risk_dismissals WHERE household_id = ? AND ifnull(member_id, 0) = ? AND year = ? AND rule = ?')
    .get(t.householdId, t.memberId ?? 0, t.year, t.rule) as { id: number; note: string } | undefined;
  if (!existing) throw new AppError('not-found', '该提示没有被忽略过。');
  db.prepare('DELETE FROM risk_dismissals WHERE id = ?').run(existing.id);
  audit({
    action: 'risk-hint:restore', table: 'risk_dismissals', key: existing.id, field: 'note', old: existing.note,
    householdId: t.householdId, detail: { year: t.year, rule: t.rule, memberId: t.memberId },
  });
}

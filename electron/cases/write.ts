/**
 * Opening a case from a clue and moving it one step, each in the caller's transaction, audited.
 * A step is refused, with the reason in Chinese, when the move is not allowed from the current state,
 * its date is before the previous step or after today, the village notice has not run its minimum,
 * a reason is missing (不予纳入, 继续监测), or — for 风险消除 — any checklist item fails.
 */
import type { Db } from '../db/types.ts';
import type { AuditWriter } from '../db/audit.ts';
import type { AdvanceResult, CaseDetail } from '../../shared/api/cases.ts';
import type { Confirmations } from '../../shared/cases/checklist.ts';
import { isValidDate } from '../../shared/cases/calendar.ts';
import { noticeEnds } from '../../shared/cases/deadlines.ts';
import { canMove, isClosed, TRANSITIONS, type CaseSource, type CaseState } from '../../shared/cases/states.ts';
import type { MonitoringCategory } from '../../shared/domain/plans.ts';
import { AppError } from '../../shared/errors.ts';
import { loadRules } from './calendar.ts';
import { syncLedger } from './ledger-sync.ts';
import { checklistFor, getCase, storedCase, today } from './read.ts';

export interface OpenInput { householdId: number; source: CaseSource; date: string; category?: MonitoringCategory | undefined; riskTypes?: string[] | undefined; note?: string | undefined }

function checkDate(date: string, notBefore: string | null, asOf: string): void {
  if (!isValidDate(date)) throw new AppError('validation', `日期 ${date} 不存在。`, { field: 'date' });
  if (date > asOf) throw new AppError('validation', `日期 ${date} 晚于今天（${asOf}），不能登记尚未发生的步骤。`, { field: 'date' });
  if (notBefore && date < notBefore) throw new AppError('validation', `日期 ${date} 早于上一步的日期 ${notBefore}。`, { field: 'date' });
}

export function openCase(db: Db, audit: AuditWriter, operator: string, a: OpenInput, asOf = today()): CaseDetail {
  checkDate(a.date, null, asOf);
  const h = db.prepare('SELECT id, code, head_name, county_code, township_code, village_code FROM households WHERE id = ?').get(a.householdId) as
    { id: number; code: string; head_name: string; county_code: string; township_code: string; village_code: string | null } | undefined;
  if (!h) throw new AppError('not-found', `没有编号为 ${a.householdId} 的户。`);
  const open = (db.prepare('SELECT id, state FROM monitoring_cases WHERE household_id = ?').all(h.id) as Array<{ id: number; state: CaseState }>)
    .find((c) => !isClosed(c.state));
  if (open) throw new AppError('conflict', `户 ${h.code}（${h.head_name}）已有进行中的监测记录（编号 ${open.id}，当前“${open.state}”），不能重复登记。`);
  const id = Number(db.prepare(
    `INSERT INTO monitoring_cases (household_id, household_code, head_name, county_code, township_code, village_code, source, category, risk_types, state, clue_date, state_date, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '线索', ?, ?, ?)`,
  ).run(h.id, h.code, h.head_name, h.county_code, h.township_code, h.village_code, a.source, a.category ?? null, JSON.stringify(a.riskTypes ?? []),
    a.date, a.date, a.note ?? null).lastInsertRowid);
  db.prepare(`INSERT INTO case_steps (case_id, state, step_date, operator, note) VALUES (?, '线索', ?, ?, ?)`).run(id, a.date, operator, a.note ?? null);
  audit({ action: 'case:open', table: 'monitoring_cases', key: id, householdId: h.id,
    new: { source: a.source, date: a.date, category: a.category ?? null, riskTypes: a.riskTypes ?? [], note: a.note ?? null } });
  return getCase(db, id, asOf);
}

export interface AdvanceInput {
  id: number; to: CaseState; date: string; note?: string | undefined; category?: MonitoringCategory | undefined;
  confirm?: Confirmations | undefined; method?: '帮扶消除' | '自然消除' | undefined; planId?: number | undefined;
}

type Stored = ReturnType<typeof storedCase>;

function refuseMove(s: Stored, to: CaseState): never {
  const allowed = TRANSITIONS[s.state];
  throw new AppError('validation', `编号 ${s.id} 当前为“${s.state}”，不能转为“${to}”；${allowed.length ? `可转为：${allowed.join('、')}` : '流程已结束'}。`, { field: 'to' });
}

/** Checks that depend on the target state; returns the checklist stored with a 风险消除 step. */
function checkTarget(db: Db, s: Stored, a: AdvanceInput): string | null {
  if ((a.to === '不予纳入' || a.to === '继续监测') && (a.note ?? '').length < 2) {
    throw new AppError('validation', `转为“${a.to}”必须填写原因（说明）。`, { field: 'note' });
  }
  if (a.to === '乡镇审核') {
    const earliest = noticeEnds(s.state_date, loadRules(db));
    if (a.date < earliest) throw new AppError('validation', `村级公示自 ${s.state_date} 起未满规定天数，最早 ${earliest} 才能登记乡镇审核。`, { field: 'date' });
  }
  if (a.to === '县级审定' && !(a.category ?? s.category)) {
    throw new AppError('validation', '县级审定纳入监测时必须选择监测对象类别（脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户）。', { field: 'category' });
  }
  if (a.to !== '风险消除') return null;
  if (!a.method) throw new AppError('validation', '风险消除时必须选择消除方式（帮扶消除 / 自然消除）。', { field: 'method' });
  const list = checklistFor(db, s, a.date, a.confirm ?? {});
  const failing = list.filter((c) => !c.ok);
  if (failing.length) {
    throw new AppError('validation', `风险消除条件未满足，不能标记消除：${failing.map((c) => `${c.label}（${c.detail}）`).join('；')}。`, { field: 'confirm', checklist: list });
  }
  return JSON.stringify(list);
}

function planFor(db: Db, s: Stored, a: AdvanceInput): number | null {
  if (a.to !== '帮扶') return s.plan_id;
  if (a.planId !== undefined) {
    const p = db.prepare('SELECT household_id FROM plans WHERE id = ?').get(a.planId) as { household_id: number } | undefined;
    if (!p || p.household_id !== s.household_id) throw new AppError('validation', `一户一策 ${a.planId} 不属于户 ${s.household_code}。`, { field: 'planId' });
    return a.planId;
  }
  const p = db.prepare('SELECT id FROM plans WHERE household_id = ? AND year = ?').get(s.household_id, Number(a.date.slice(0, 4))) as { id: number } | undefined;
  return p?.id ?? null;
}

export function advanceCase(db: Db, audit: AuditWriter, operator: string, a: AdvanceInput, asOf = today()): AdvanceResult {
  const s = storedCase(db, a.id);
  if (!canMove(s.state, a.to)) refuseMove(s, a.to);
  checkDate(a.date, s.state_date, asOf);
  const checklist = checkTarget(db, s, a);
  const category = a.category ?? s.category;
  const plan = planFor(db, s, a);
  db.prepare('INSERT INTO case_steps (case_id, state, step_date, operator, note, checklist) VALUES (?, ?, ?, ?, ?, ?)')
    .run(s.id, a.to, a.date, operator, a.note ?? null, checklist);
  db.prepare(`UPDATE monitoring_cases SET state = ?, state_date = ?, category = ?, plan_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`)
    .run(a.to, a.date, category, plan, s.id);
  audit({ action: 'case:advance', table: 'monitoring_cases', key: s.id, householdId: s.household_id, field: 'state', old: s.state, new: a.to,
    detail: { date: a.date, note: a.note ?? null, category, planId: plan, method: a.method ?? null } });
  const ledgerChanges = syncLedger(db, audit, { ...s, category }, a);
  return { ...getCase(db, s.id, asOf), ledgerChanges };
}

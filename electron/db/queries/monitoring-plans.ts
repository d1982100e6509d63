/**
 * 一户一策 plans: read one, save one (plan fields and measures diffed against what is stored, every
 * change audited in the caller's transaction), delete one. Money is fen here, yuan in the DTOs.
 */
import type { MeasureInput, PlanDto, PlanMeasureDto, PlanSaveArgs } from '../../../shared/api/monitoring.ts';
import { fenToYuan, yuanToFen } from '../../../shared/domain/income.ts';
import { statusNeedsMeasures, type MeasureType, type PlanStatus } from '../../../shared/domain/plans.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AuditEntry } from '../audit.ts';
import type { Db } from '../types.ts';

type Audit = (e: AuditEntry) => void;

interface PlanRow {
  id: number;
  household_id: number;
  year: number;
  status: PlanStatus;
  target_per_capita_fen: number | null;
  cadre_name: string | null;
  cadre_phone: string | null;
  note: string | null;
  updated_at: string;
}

interface MeasureRow {
  id: number;
  measure_id: number | null;
  measure_n: number | null;
  measure_title: string | null;
  measure_type: MeasureType;
  content: string;
  scale: string | null;
  funds_fen: number | null;
  department: string | null;
  cadre: string | null;
  deadline: string | null;
  expected_increase_fen: number | null;
}

const NOW_SQL = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
const yuan = (fen: number | null): number | null => (fen === null ? null : fenToYuan(fen));
const fen = (y: number | null): number | null => (y === null ? null : yuanToFen(y));
const blank = (s: string | null): string | null => (s === null || s.trim() === '' ? null : s.trim());

function planRow(db: Db, householdId: number, year: number): PlanRow | undefined {
  return db.prepare('SELECT * FROM plans WHERE household_id = ? AND year = ?').get(householdId, year) as PlanRow | undefined;
}

function measureRows(db: Db, planId: number): MeasureRow[] {
  return db
    .prepare(
      `SELECT pm.*, m.n AS measure_n, m.title AS measure_title FROM plan_measures pm
       LEFT JOIN measures m ON m.id = pm.measure_id WHERE pm.plan_id = ? ORDER BY pm.sort, pm.id`,
    )
    .all(planId) as MeasureRow[];
}

function toMeasureDto(m: MeasureRow): PlanMeasureDto {
  return {
    id: m.id, measureN: m.measure_n, measureTitle: m.measure_title, measureType: m.measure_type, content: m.content,
    scale: m.scale, funds: yuan(m.funds_fen), department: m.department, cadre: m.cadre, deadline: m.deadline,
    expectedIncrease: yuan(m.expected_increase_fen),
  };
}

export function readPlan(db: Db, householdId: number, year: number): PlanDto | null {
  const p = planRow(db, householdId, year);
  if (!p) return null;
  const measures = measureRows(db, p.id).map(toMeasureDto);
  return {
    id: p.id, householdId: p.household_id, year: p.year, status: p.status, targetPerCapita: yuan(p.target_per_capita_fen),
    cadreName: p.cadre_name, cadrePhone: p.cadre_phone, note: p.note, updatedAt: p.updated_at, measures,
    expectedIncrease: fenToYuan(measures.reduce((a, m) => a + yuanToFen(m.expectedIncrease ?? 0), 0)),
  };
}

/** Measure number (1–22, stable across databases) → row id in `measures`. */
function measureIds(db: Db): Map<number, number> {
  const rows = db.prepare('SELECT id, n FROM measures').all() as Array<{ id: number; n: number }>;
  return new Map(rows.map((r) => [r.n, r.id]));
}

function checkConflict(existing: PlanRow | undefined, expected: string | null | undefined): void {
  if (expected === undefined) return;
  if ((existing?.updated_at ?? null) !== expected) {
    throw new AppError('conflict', '该户的帮扶计划已被他人修改或删除，请重新打开后再保存。');
  }
}

const PLAN_FIELDS = ['status', 'target_per_capita_fen', 'cadre_name', 'cadre_phone', 'note'] as const;

function planValues(a: PlanSaveArgs): Record<(typeof PLAN_FIELDS)[number], string | number | null> {
  return {
    status: a.status, target_per_capita_fen: fen(a.targetPerCapita), cadre_name: blank(a.cadreName),
    cadre_phone: blank(a.cadrePhone), note: blank(a.note),
  };
}

const MEASURE_FIELDS = ['measure_id', 'measure_type', 'content', 'scale', 'funds_fen', 'department', 'cadre', 'deadline', 'expected_increase_fen', 'sort'] as const;
type MeasureValues = Record<(typeof MEASURE_FIELDS)[number], string | number | null>;

function measureValues(m: MeasureInput, ids: Map<number, number>, sort: number): MeasureValues {
  const measureId = m.measureN === null ? null : ids.get(m.measureN);
  if (measureId === undefined) throw new AppError('validation', `增收措施第 ${m.measureN} 条不存在（方案共 ${ids.size} 条）。`);
  return {
    measure_id: measureId, measure_type: m.measureType, content: m.content.trim(), scale: blank(m.scale), funds_fen: fen(m.funds),
    department: blank(m.department), cadre: blank(m.cadre), deadline: m.deadline, expected_increase_fen: fen(m.expectedIncrease), sort,
  };
}

/** Creates or updates the plan of (household, year); returns whether anything changed. */
export function savePlan(db: Db, audit: Audit, a: PlanSaveArgs): boolean {
  const household = db.prepare('SELECT id FROM households WHERE id = ?').get(a.householdId);
  if (!household) throw new AppError('not-found', `户 ${a.householdId} 不存在。`);
  if (statusNeedsMeasures(a.status) && a.measures.length === 0) {
    throw new AppError('validation', `状态为“${a.status}”的计划至少要有一项帮扶措施。`);
  }
  const existing = planRow(db, a.householdId, a.year);
  checkConflict(existing, a.expectedUpdatedAt);
  const values = planValues(a);
  const base = { table: 'plans', householdId: a.householdId };
  let planId: number;
  let changed = false;
  if (!existing) {
    planId = Number(
      db.prepare(`INSERT INTO plans (household_id, year, ${PLAN_FIELDS.join(', ')}) VALUES (?, ?, ${PLAN_FIELDS.map(() => '?').join(', ')})`)
        .run(a.householdId, a.year, ...PLAN_FIELDS.map((f) => values[f])).lastInsertRowid,
    );
    audit({ ...base, action: 'plan:create', key: planId, new: { year: a.year, ...values } });
    changed = true;
  } else {
    planId = existing.id;
    for (const f of PLAN_FIELDS) {
      if (existing[f] === values[f]) continue;
      db.prepare(`UPDATE plans SET ${f} = ? WHERE id = ?`).run(values[f], planId);
      audit({ ...base, action: 'plan:update', key: planId, field: f, old: existing[f], new: values[f] });
      changed = true;
    }
  }
  changed = saveMeasures(db, audit, planId, a) || changed;
  if (changed) db.prepare(`UPDATE plans SET updated_at = ${NOW_SQL} WHERE id = ?`).run(planId);
  return changed;
}

function saveMeasures(db: Db, audit: Audit, planId: number, a: PlanSaveArgs): boolean {
  const ids = measureIds(db);
  const stored = new Map(
    (db.prepare('SELECT * FROM plan_measures WHERE plan_id = ?').all(planId) as Array<MeasureValues & { id: number }>).map((m) => [m.id, m]),
  );
  const base = { table: 'plan_measures', householdId: a.householdId };
  const kept = new Set(a.measures.map((m) => m.id).filter((id): id is number => id !== undefined));
  let changed = false;
  for (const [id, old] of stored) {
    if (kept.has(id)) continue;
    db.prepare('DELETE FROM plan_measures WHERE id = ?').run(id);
    audit({ ...base, action: 'plan-measure:delete', key: id, old, detail: { planId } });
    changed = true;
  }
  a.measures.forEach((m, i) => {
    const v = measureValues(m, ids, i);
    if (m.id === undefined) {
      const id = db.prepare(`INSERT INTO plan_measures (plan_id, ${MEASURE_FIELDS.join(', ')}) VALUES (?, ${MEASURE_FIELDS.map(() => '?').join(', ')})`)
        .run(planId, ...MEASURE_FIELDS.map((f) => v[f])).lastInsertRowid;
      audit({ ...base, action: 'plan-measure:create', key: Number(id), new: v, detail: { planId } });
      changed = true;
      return;
    }
    const old = stored.get(m.id);
    if (!old) throw new AppError('conflict', '要修改的措施已被删除，请重新打开该户的计划。');
    for (const f of MEASURE_FIELDS) {
      if (old[f] === v[f]) continue;
      db.prepare(`UPDATE plan_measures SET ${f} = ? WHERE id = ?`).run(v[f], m.id);
      audit({ ...base, action: 'plan-measure:update', key: m.id, field: f, old: old[f], new: v[f], detail: { planId } });
      changed = true;
    }
  });
  return changed;
}

export function deletePlan(db: Db, audit: Audit, householdId: number, year: number): void {
  const existing = planRow(db, householdId, year);
  if (!existing) throw new AppError('not-found', `该户没有 ${year} 年的帮扶计划。`);
  const measures = db.prepare('SELECT * FROM plan_measures WHERE plan_id = ?').all(existing.id);
  db.prepare('DELETE FROM plans WHERE id = ?').run(existing.id);
  audit({ table: 'plans', householdId, action: 'plan:delete', key: existing.id, old: { ...existing, measures } });
}

/** The years other than `year` for which the household has a plan, newest first. */
export function otherPlanYears(db: Db, householdId: number, year: number): Array<{ year: number; status: PlanStatus; targetFen: number | null }> {
  return db
    .prepare('SELECT year, status, target_per_capita_fen AS targetFen FROM plans WHERE household_id = ? AND year <> ? ORDER BY year DESC')
    .all(householdId, year) as Array<{ year: number; status: PlanStatus; targetFen: number | null }>;
}

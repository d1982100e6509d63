/**
 * Yearly progress of a measure in one scope: a status, note and person responsible per department,
 * and a target and actual value per indicator. One row per (measure, scope, department, indicator,
 * year); recording again replaces the row and the audit entry keeps what it replaced.
 */
import type { ProgressEntry, ProgressStatus } from '../../../shared/api/matrix.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Db } from '../types.ts';
import type { Audit } from './matrix-audit.ts';
import { findProgress, type MeasureRow } from './matrix.ts';

export interface ProgressInput {
  year: number;
  departmentId: number | null;
  indicatorId: number | null;
  status: ProgressStatus;
  target: number | null;
  actual: number | null;
  note: string | null;
  responsible: string | null;
}

/** The department must hold a role in this measure in this scope; the indicator must be the measure's. */
function describeTarget(db: Db, m: Pick<MeasureRow, 'id' | 'n'>, county: string | null, p: ProgressInput): string {
  const parts: string[] = [];
  if (p.departmentId !== null) {
    const d = db
      .prepare(
        `SELECT d.name FROM measure_departments md JOIN departments d ON d.id = md.department_id
         WHERE md.measure_id = ? AND md.department_id = ? AND d.county_code IS ?`,
      )
      .get(m.id, p.departmentId, county) as { name: string } | undefined;
    if (!d) throw new AppError('validation', `该单位不承担第 ${m.n} 条措施，不能填报其进展`);
    parts.push(d.name);
  }
  if (p.indicatorId !== null) {
    const ind = db.prepare('SELECT key FROM measure_indicators WHERE id = ? AND measure_id = ?').get(p.indicatorId, m.id) as { key: string } | undefined;
    if (!ind) throw new AppError('validation', `第 ${m.n} 条措施没有这个指标`);
    parts.push(ind.key);
  }
  if (parts.length === 0) throw new AppError('validation', '请选择填报进展的单位或指标');
  return parts.join('/');
}

function clean(text: string | null): string | null {
  const t = text?.trim() ?? '';
  return t === '' ? null : t;
}

export function recordProgress(db: Db, audit: Audit, m: Pick<MeasureRow, 'id' | 'n'>, county: string | null, p: ProgressInput): ProgressEntry {
  const what = describeTarget(db, m, county, p);
  const key = { measureId: m.id, county, departmentId: p.departmentId, indicatorId: p.indicatorId, year: p.year };
  const old = findProgress(db, key);
  const next = { status: p.status, target: p.target, actual: p.actual, note: clean(p.note), responsible: clean(p.responsible) };
  if (old) {
    db.prepare(
      `UPDATE measure_progress SET status = ?, target = ?, actual = ?, note = ?, responsible = ?,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
    ).run(next.status, next.target, next.actual, next.note, next.responsible, old.id);
  } else {
    db.prepare(
      `INSERT INTO measure_progress (measure_id, county_code, department_id, indicator_id, year, status, target, actual, note, responsible)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(m.id, county, p.departmentId, p.indicatorId, p.year, next.status, next.target, next.actual, next.note, next.responsible);
  }
  const before = old ? { status: old.status, target: old.target, actual: old.actual, note: old.note, responsible: old.responsible } : null;
  audit({
    action: 'matrix.progress.set', table: 'measure_progress', key: `${m.n}/${county ?? 'city'}/${what}/${p.year}`,
    field: 'progress', old: before, new: next,
  });
  const saved = findProgress(db, key);
  if (!saved) throw new AppError('internal', '进展保存后未能读回');
  return saved;
}

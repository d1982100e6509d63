/**
 * Changes to the matrix. The plan is a draft (征求意见稿), so measures, departments, roles and
 * indicators change; each function writes one audit entry per changed field through the writer the
 * service opened in the same transaction, so the history of the draft can be read back.
 */
import type { MatrixRole } from '../../../shared/api/matrix.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Audit } from './matrix-audit.ts';
import type { Db } from '../types.ts';
import { copyRolesToCounties } from './matrix-scope.ts';
import { departmentById, type MeasureRow } from './matrix.ts';

export interface MeasureChanges {
  title?: string | undefined;
  body?: string | undefined;
  group?: number | undefined;
  archived?: boolean | undefined;
}

function requireGroup(db: Db, group: number): void {
  if (!db.prepare('SELECT 1 FROM measure_groups WHERE n = ?').get(group)) throw new AppError('validation', `没有第 ${group} 组措施`);
}

export function updateMeasure(db: Db, audit: Audit, m: MeasureRow, c: MeasureChanges): void {
  if (c.group !== undefined) requireGroup(db, c.group);
  const fields: Array<[keyof MeasureChanges, string, unknown, unknown]> = [
    ['title', 'title', m.title, c.title],
    ['body', 'body', m.body, c.body],
    ['group', 'group_n', m.group_n, c.group],
    ['archived', 'archived', m.archived === 1, c.archived],
  ];
  for (const [, column, old, next] of fields) {
    if (next === undefined || next === old) continue;
    const stored = typeof next === 'boolean' ? Number(next) : next;
    db.prepare(`UPDATE measures SET ${column} = ? WHERE id = ?`).run(stored, m.id);
    audit({ action: 'matrix.measure.update', table: 'measures', key: m.n, field: column, old, new: next });
  }
}

export interface NewMeasure {
  group: number;
  title: string;
  body: string;
  departments: Array<{ departmentId: number; role: MatrixRole }>;
}

/** Appends a measure after the last number; the scope's main-responsibility bodies carry it as they carry every other. */
export function addMeasure(db: Db, audit: Audit, county: string | null, m: NewMeasure): number {
  requireGroup(db, m.group);
  const n = (db.prepare('SELECT ifnull(max(n), 0) + 1 AS n FROM measures').get() as { n: number }).n;
  const id = Number(db.prepare('INSERT INTO measures (n, group_n, title, body) VALUES (?, ?, ?, ?)').run(n, m.group, m.title, m.body).lastInsertRowid);
  audit({ action: 'matrix.measure.add', table: 'measures', key: n, new: { group: m.group, title: m.title, body: m.body } });
  const mains = db
    .prepare(
      `SELECT DISTINCT md.department_id AS id FROM measure_departments md JOIN departments d ON d.id = md.department_id
       WHERE md.role = 'main' AND d.county_code IS ? AND d.archived = 0`,
    )
    .all(county) as Array<{ id: number }>;
  const given = new Set(m.departments.map((d) => d.departmentId));
  const roles = [...m.departments, ...mains.filter((d) => !given.has(d.id)).map((d) => ({ departmentId: d.id, role: 'main' as const }))];
  for (const r of roles) setRole(db, audit, { id, n }, r.departmentId, r.role, county);
  if (county === null) copyRolesToCounties(db, id);
  return n;
}

function requireDepartmentInScope(db: Db, departmentId: number, county: string | null): { name: string } {
  const d = departmentById(db, departmentId);
  if (!d) throw new AppError('not-found', `没有编号为 ${departmentId} 的责任单位`);
  if (d.countyCode !== county) throw new AppError('validation', `“${d.name}”不属于当前的责任分工范围`);
  return d;
}

/**
 * Sets or removes one department's role in a measure. A measure has one lead in a scope: naming a
 * new lead turns the old one into a supporting department, as the plan's wording does.
 */
export function setRole(db: Db, audit: Audit, m: Pick<MeasureRow, 'id' | 'n'>, departmentId: number, role: MatrixRole | null, county: string | null): void {
  const dept = requireDepartmentInScope(db, departmentId, county);
  const current = db.prepare('SELECT role FROM measure_departments WHERE measure_id = ? AND department_id = ?').get(m.id, departmentId) as { role: MatrixRole } | undefined;
  if ((current?.role ?? null) === role) return;
  if (role === 'lead') {
    const leads = db
      .prepare(
        `SELECT md.department_id AS id, d.name FROM measure_departments md JOIN departments d ON d.id = md.department_id
         WHERE md.measure_id = ? AND md.role = 'lead' AND d.county_code IS ? AND md.department_id <> ?`,
      )
      .all(m.id, county, departmentId) as Array<{ id: number; name: string }>;
    for (const l of leads) {
      db.prepare(`UPDATE measure_departments SET role = 'support' WHERE measure_id = ? AND department_id = ?`).run(m.id, l.id);
      audit({ action: 'matrix.role.set', table: 'measure_departments', key: `${m.n}/${l.name}`, field: 'role', old: 'lead', new: 'support' });
    }
  }
  if (role === null) {
    db.prepare('DELETE FROM measure_departments WHERE measure_id = ? AND department_id = ?').run(m.id, departmentId);
  } else if (current) {
    db.prepare('UPDATE measure_departments SET role = ? WHERE measure_id = ? AND department_id = ?').run(role, m.id, departmentId);
  } else {
    // The lead goes first; others after the ones already named, in the order they are added.
    const sort = role === 'lead' ? -1 : (db.prepare('SELECT ifnull(max(sort), 0) + 1 AS s FROM measure_departments WHERE measure_id = ? AND sort < 99').get(m.id) as { s: number }).s;
    db.prepare('INSERT INTO measure_departments (measure_id, department_id, role, sort) VALUES (?, ?, ?, ?)').run(m.id, departmentId, role, role === 'main' ? 99 : sort);
  }
  audit({ action: 'matrix.role.set', table: 'measure_departments', key: `${m.n}/${dept.name}`, field: 'role', old: current?.role ?? null, new: role });
}

function requireUniqueName(db: Db, name: string, county: string | null, exceptId: number): void {
  const clash = db.prepare('SELECT id FROM departments WHERE name = ? AND county_code IS ? AND id <> ?').get(name, county, exceptId);
  if (clash) throw new AppError('conflict', `已有名为“${name}”的责任单位`);
}

export function renameDepartment(db: Db, audit: Audit, id: number, name: string): void {
  const d = departmentById(db, id);
  if (!d) throw new AppError('not-found', `没有编号为 ${id} 的责任单位`);
  if (d.name === name) return;
  requireUniqueName(db, name, d.countyCode, id);
  db.prepare('UPDATE departments SET name = ? WHERE id = ?').run(name, id);
  audit({ action: 'matrix.department.rename', table: 'departments', key: id, field: 'name', old: d.name, new: name });
}

export function archiveDepartment(db: Db, audit: Audit, id: number, archived: boolean): void {
  const d = departmentById(db, id);
  if (!d) throw new AppError('not-found', `没有编号为 ${id} 的责任单位`);
  if (d.archived === archived) return;
  db.prepare('UPDATE departments SET archived = ? WHERE id = ?').run(Number(archived), id);
  audit({ action: 'matrix.department.archive', table: 'departments', key: id, field: 'archived', old: d.archived, new: archived, detail: { name: d.name } });
}

export function addDepartment(db: Db, audit: Audit, name: string, county: string | null): number {
  requireUniqueName(db, name, county, 0);
  const sort = (db.prepare('SELECT ifnull(max(sort), 0) + 1 AS s FROM departments WHERE county_code IS ?').get(county) as { s: number }).s;
  const id = Number(
    db.prepare('INSERT INTO departments (name, level, county_code, sort) VALUES (?, ?, ?, ?)').run(name, county === null ? 'city' : 'county', county, sort).lastInsertRowid,
  );
  audit({ action: 'matrix.department.add', table: 'departments', key: id, new: { name, county } });
  return id;
}

export interface IndicatorInput {
  id?: number | undefined;
  label: string;
  comparator: '>=' | '<=' | '=';
  value: number;
  unit: string;
  year: number | null;
}

type IndicatorRow = Omit<IndicatorInput, 'id'> & { id: number; key: string };

export function setIndicator(db: Db, audit: Audit, m: Pick<MeasureRow, 'id' | 'n'>, input: IndicatorInput): void {
  const next = { label: input.label, comparator: input.comparator, value: input.value, unit: input.unit, year: input.year };
  if (input.id === undefined) {
    // The next rowid makes a key that is unique and stable; seeded keys are words, so they never clash.
    const key = `custom${(db.prepare('SELECT ifnull(max(id), 0) + 1 AS id FROM measure_indicators').get() as { id: number }).id}`;
    db.prepare('INSERT INTO measure_indicators (measure_id, key, label, comparator, value, unit, year) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(m.id, key, next.label, next.comparator, next.value, next.unit, next.year);
    audit({ action: 'matrix.indicator.add', table: 'measure_indicators', key: `${m.n}/${key}`, new: next });
    return;
  }
  const old = db.prepare('SELECT id, key, label, comparator, value, unit, year FROM measure_indicators WHERE id = ? AND measure_id = ?').get(input.id, m.id) as IndicatorRow | undefined;
  if (!old) throw new AppError('not-found', `第 ${m.n} 条措施没有编号为 ${input.id} 的指标`);
  db.prepare('UPDATE measure_indicators SET label = ?, comparator = ?, value = ?, unit = ?, year = ? WHERE id = ?')
    .run(next.label, next.comparator, next.value, next.unit, next.year, old.id);
  const { id: _id, key, ...before } = old;
  audit({ action: 'matrix.indicator.update', table: 'measure_indicators', key: `${m.n}/${key}`, old: before, new: next });
}

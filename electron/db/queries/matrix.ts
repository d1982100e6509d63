/**
 * Reads of the responsibility matrix. A scope is the city plan (departments.county_code IS NULL)
 * or one county's own departments (county_code = the county); `IS ?` matches both with one query.
 */
import type {
  MatrixCell, MatrixDepartment, MatrixGroup, MatrixIndicator, MatrixMeasure, MatrixRole, ProgressEntry, ProgressStatus,
} from '../../../shared/api/matrix.ts';
import type { Db } from '../types.ts';

export interface MeasureRow {
  id: number;
  n: number;
  group_n: number;
  title: string;
  body: string;
  archived: number;
}

interface DepartmentRow {
  id: number;
  name: string;
  county_code: string | null;
  city_department_id: number | null;
  city_name: string | null;
  archived: number;
  lead: number;
  support: number;
  main: number;
}

interface CellRow {
  n: number;
  department_id: number;
  name: string;
  role: MatrixRole;
}

interface ProgressRow {
  id: number;
  year: number;
  department_id: number | null;
  indicator_id: number | null;
  status: ProgressStatus;
  target: number | null;
  actual: number | null;
  note: string | null;
  responsible: string | null;
  updated_at: string;
}

/** Lead first, then support, then the main responsibility; within a role the plan's order. */
const ROLE_ORDER = `CASE md.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END, md.sort, d.sort, d.id`;

export function listGroups(db: Db): MatrixGroup[] {
  return (db.prepare('SELECT n, title, income_type FROM measure_groups ORDER BY n').all() as Array<{ n: number; title: string; income_type: string }>)
    .map((g) => ({ n: g.n, title: g.title, incomeType: g.income_type }));
}

export function listMeasureRows(db: Db): MeasureRow[] {
  return db.prepare('SELECT id, n, group_n, title, body, archived FROM measures ORDER BY n').all() as MeasureRow[];
}

export function measureByN(db: Db, n: number): MeasureRow | undefined {
  return db.prepare('SELECT id, n, group_n, title, body, archived FROM measures WHERE n = ?').get(n) as MeasureRow | undefined;
}

function toDepartment(r: DepartmentRow): MatrixDepartment {
  return {
    id: r.id,
    name: r.name,
    cityDepartmentId: r.city_department_id,
    cityName: r.city_name,
    archived: r.archived === 1,
    counts: { lead: r.lead, support: r.support, main: r.main },
  };
}

const DEPARTMENT_SELECT = `
  SELECT d.id, d.name, d.county_code, d.city_department_id, c.name AS city_name, d.archived,
    count(m.id) FILTER (WHERE md.role = 'lead') AS lead,
    count(m.id) FILTER (WHERE md.role = 'support') AS support,
    count(m.id) FILTER (WHERE md.role = 'main') AS main
  FROM departments d
  LEFT JOIN departments c ON c.id = d.city_department_id
  LEFT JOIN measure_departments md ON md.department_id = d.id
  LEFT JOIN measures m ON m.id = md.measure_id AND m.archived = 0`;

/** The scope's departments with how many (current) measures each leads, supports and carries. */
export function listDepartments(db: Db, county: string | null): MatrixDepartment[] {
  const rows = db.prepare(`${DEPARTMENT_SELECT} WHERE d.county_code IS ? GROUP BY d.id ORDER BY d.sort, d.id`).all(county) as DepartmentRow[];
  return rows.map(toDepartment);
}

export function departmentById(db: Db, id: number): (MatrixDepartment & { countyCode: string | null }) | undefined {
  const row = db.prepare(`${DEPARTMENT_SELECT} WHERE d.id = ? GROUP BY d.id`).get(id) as DepartmentRow | undefined;
  return row ? { ...toDepartment(row), countyCode: row.county_code } : undefined;
}

/** Every (measure, department, role) of the scope, in display order. */
export function listCells(db: Db, county: string | null): CellRow[] {
  return db
    .prepare(
      `SELECT m.n, md.department_id, d.name, md.role
       FROM measure_departments md JOIN measures m ON m.id = md.measure_id JOIN departments d ON d.id = md.department_id
       WHERE d.county_code IS ? ORDER BY m.n, ${ROLE_ORDER}`,
    )
    .all(county) as CellRow[];
}

export function cellsOfMeasure(db: Db, measureId: number, county: string | null): MatrixCell[] {
  const rows = db
    .prepare(
      `SELECT md.department_id, d.name, md.role FROM measure_departments md JOIN departments d ON d.id = md.department_id
       WHERE md.measure_id = ? AND d.county_code IS ? ORDER BY ${ROLE_ORDER}`,
    )
    .all(measureId, county) as Array<Omit<CellRow, 'n'>>;
  return rows.map((r) => ({ departmentId: r.department_id, name: r.name, role: r.role }));
}

export function matrixMeasures(db: Db, county: string | null): MatrixMeasure[] {
  const byN = new Map<number, MatrixCell[]>();
  for (const c of listCells(db, county)) {
    const list = byN.get(c.n) ?? [];
    list.push({ departmentId: c.department_id, name: c.name, role: c.role });
    byN.set(c.n, list);
  }
  return listMeasureRows(db).map((m) => ({
    n: m.n, group: m.group_n, title: m.title, body: m.body, archived: m.archived === 1, departments: byN.get(m.n) ?? [],
  }));
}

export function indicatorsOf(db: Db, measureId: number): MatrixIndicator[] {
  return db
    .prepare('SELECT id, key, label, comparator, value, unit, year FROM measure_indicators WHERE measure_id = ? ORDER BY id')
    .all(measureId) as MatrixIndicator[];
}

function toProgress(r: ProgressRow): ProgressEntry {
  return {
    id: r.id, year: r.year, departmentId: r.department_id, indicatorId: r.indicator_id, status: r.status,
    target: r.target, actual: r.actual, note: r.note, responsible: r.responsible, updatedAt: r.updated_at,
  };
}

const PROGRESS_COLUMNS = 'id, year, department_id, indicator_id, status, target, actual, note, responsible, updated_at';

export function progressOf(db: Db, measureId: number, county: string | null): ProgressEntry[] {
  const rows = db
    .prepare(`SELECT ${PROGRESS_COLUMNS} FROM measure_progress WHERE measure_id = ? AND county_code IS ? ORDER BY year, department_id IS NULL, department_id, indicator_id`)
    .all(measureId, county) as ProgressRow[];
  return rows.map(toProgress);
}

export interface ProgressKey {
  measureId: number;
  county: string | null;
  departmentId: number | null;
  indicatorId: number | null;
  year: number;
}

export function findProgress(db: Db, k: ProgressKey): ProgressEntry | undefined {
  const row = db
    .prepare(
      `SELECT ${PROGRESS_COLUMNS} FROM measure_progress
       WHERE measure_id = ? AND county_code IS ? AND department_id IS ? AND indicator_id IS ? AND year = ?`,
    )
    .get(k.measureId, k.county, k.departmentId, k.indicatorId, k.year) as ProgressRow | undefined;
  return row ? toProgress(row) : undefined;
}

/** Department status rows (no indicator) of one scope and year, keyed "n:departmentId". */
export function departmentStatuses(db: Db, county: string | null, year: number): Map<string, ProgressStatus> {
  const rows = db
    .prepare(
      `SELECT m.n, p.department_id, p.status FROM measure_progress p JOIN measures m ON m.id = p.measure_id
       WHERE p.county_code IS ? AND p.year = ? AND p.department_id IS NOT NULL AND p.indicator_id IS NULL`,
    )
    .all(county, year) as Array<{ n: number; department_id: number; status: ProgressStatus }>;
  return new Map(rows.map((r) => [`${r.n}:${r.department_id}`, r.status]));
}

/** Years that have any progress in the scope, with the plan's years. */
export function progressYears(db: Db, county: string | null, planYears: readonly number[]): number[] {
  const rows = db.prepare('SELECT DISTINCT year FROM measure_progress WHERE county_code IS ?').all(county) as Array<{ year: number }>;
  return [...new Set([...planYears, ...rows.map((r) => r.year)])].sort((a, b) => a - b);
}

export interface DutyRow {
  n: number;
  group_n: number;
  group_title: string;
  title: string;
  body: string;
  role: MatrixRole;
}

/** The current measures a department takes part in, in the plan's order. */
export function dutiesOf(db: Db, departmentId: number): DutyRow[] {
  return db
    .prepare(
      `SELECT m.n, m.group_n, g.title AS group_title, m.title, m.body, md.role
       FROM measure_departments md JOIN measures m ON m.id = md.measure_id JOIN measure_groups g ON g.n = m.group_n
       WHERE md.department_id = ? AND m.archived = 0 ORDER BY m.n`,
    )
    .all(departmentId) as DutyRow[];
}

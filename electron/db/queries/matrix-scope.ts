/**
 * The county version of the matrix. A county runs the plan through its own bureaus (市人社局 →
 * 县人社局) and its townships carry the main responsibility that 县区党委政府 carry in the city plan.
 * A county's departments are real rows (level 'county', county_code set) linked to the city department
 * they stand for, so a county can rename, add and re-assign its own without touching the city plan.
 */
import type { MatrixResult, MatrixRole, MatrixScope } from '../../../shared/api/matrix.ts';
import { MAIN_RESPONSIBLE } from '../../../shared/domain/measures.ts';
import { CITY, COUNTIES } from '../../../shared/domain/regions.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Audit } from './matrix-audit.ts';
import { getSetting } from '../meta.ts';
import type { Db } from '../types.ts';

export const SCOPE_SETTING = 'matrix_scope';

/** What the county's townships are called when they carry the main responsibility. */
export const TOWNSHIP_MAIN = '乡镇党委政府';

/**
 * City bodies whose county counterpart is not simply "县" + the same short name. Checked against the
 * county portals' usual names; anything else keeps its name with 市 replaced by 县 (or 区).
 */
const COUNTY_NAME_OVERRIDES: Readonly<Record<string, string>> = {
  市发展改革委: '发展改革局',
  市卫健委: '卫健局',
  [MAIN_RESPONSIBLE]: TOWNSHIP_MAIN,
};

/** '县' for a county, '区' for a city district (白银区, 平川区). */
function prefixOf(countyName: string): string {
  return countyName.endsWith('区') ? '区' : '县';
}

/** The default name of a city department's counterpart in a county: 市人社局 → 县人社局, 市委组织部 → 县委组织部. */
export function countyDepartmentName(cityName: string, countyName: string): string {
  const override = COUNTY_NAME_OVERRIDES[cityName];
  if (override === TOWNSHIP_MAIN) return TOWNSHIP_MAIN;
  const prefix = prefixOf(countyName);
  if (override) return prefix + override;
  return cityName.startsWith('市') ? prefix + cityName.slice(1) : cityName;
}

export function countyName(code: string): string {
  const county = COUNTIES.find((c) => c.code === code);
  if (!county) throw new AppError('validation', `不是白银市的县区代码：${code}`);
  return county.name;
}

export function isCountyEnabled(db: Db, county: string): boolean {
  return db.prepare('SELECT 1 FROM departments WHERE county_code = ? LIMIT 1').get(county) !== undefined;
}

/** The scope asked for, else the one saved in 设置, else the city. A county must have been set up. */
export function resolveScope(db: Db, arg?: string): MatrixScope {
  const wanted = arg ?? getSetting(db, SCOPE_SETTING) ?? 'city';
  if (wanted === 'city' || wanted === '' || wanted === CITY.code) return { county: null, name: CITY.name };
  const name = countyName(wanted);
  if (!isCountyEnabled(db, wanted)) {
    throw new AppError('not-found', `${name}的责任分工尚未建立，请先在“责任分工”中切换到${name}。`);
  }
  return { county: wanted, name };
}

interface CityDepartment {
  id: number;
  name: string;
  sort: number;
}

interface CityRole {
  measure_id: number;
  department_id: number;
  role: MatrixRole;
  sort: number;
}

/** The county department standing for each city department, creating the missing ones; returns the new ones too. */
function counterparts(db: Db, county: string): { map: Map<number, number>; created: Set<number> } {
  const name = countyName(county);
  const map = new Map<number, number>();
  for (const r of db.prepare('SELECT id, city_department_id FROM departments WHERE county_code = ? AND city_department_id IS NOT NULL').all(county) as Array<{ id: number; city_department_id: number }>) {
    map.set(r.city_department_id, r.id);
  }
  const created = new Set<number>();
  const insert = db.prepare(`INSERT INTO departments (name, level, county_code, city_department_id, sort) VALUES (?, 'county', ?, ?, ?)`);
  const cityDepartments = db.prepare('SELECT id, name, sort FROM departments WHERE county_code IS NULL AND archived = 0 ORDER BY sort, id').all() as CityDepartment[];
  for (const d of cityDepartments) {
    if (map.has(d.id)) continue;
    let target = countyDepartmentName(d.name, name);
    // A body the county added by hand under the same name keeps its name; the new one is marked.
    if (db.prepare('SELECT 1 FROM departments WHERE county_code = ? AND name = ?').get(county, target)) target = `${target}（市级对应）`;
    const id = Number(insert.run(target, county, d.id, d.sort).lastInsertRowid);
    map.set(d.id, id);
    created.add(id);
  }
  return { map, created };
}

/**
 * Brings a county's matrix up to the city plan without undoing the county's own choices: city
 * departments get a county counterpart, a new counterpart takes its city roles, and a measure the
 * county has no roles for at all takes every role. The first call sets the county up. Runs inside
 * the caller's transaction; returns what was added.
 */
export function syncCounty(db: Db, county: string, audit: Audit): { departments: number; roles: number } {
  const first = !isCountyEnabled(db, county);
  const { map, created } = counterparts(db, county);
  const assigned = new Set(
    (db.prepare('SELECT DISTINCT md.measure_id AS id FROM measure_departments md JOIN departments d ON d.id = md.department_id WHERE d.county_code = ?').all(county) as Array<{ id: number }>).map((r) => r.id),
  );
  const cityRoles = db
    .prepare('SELECT md.measure_id, md.department_id, md.role, md.sort FROM measure_departments md JOIN departments d ON d.id = md.department_id WHERE d.county_code IS NULL')
    .all() as CityRole[];
  const addRole = db.prepare('INSERT OR IGNORE INTO measure_departments (measure_id, department_id, role, sort) VALUES (?, ?, ?, ?)');
  let roles = 0;
  for (const r of cityRoles) {
    const id = map.get(r.department_id);
    if (id === undefined || (assigned.has(r.measure_id) && !created.has(id))) continue;
    roles += addRole.run(r.measure_id, id, r.role, r.sort).changes;
  }
  if (first || created.size > 0 || roles > 0) {
    audit({
      action: first ? 'matrix.county.setup' : 'matrix.county.sync', table: 'departments', key: county,
      detail: { county: countyName(county), departments: created.size, roles },
    });
  }
  return { departments: created.size, roles };
}

/** A city measure added after a county was set up gets the county's counterparts of its city roles. */
export function copyRolesToCounties(db: Db, measureId: number): void {
  db.prepare(
    `INSERT OR IGNORE INTO measure_departments (measure_id, department_id, role, sort)
     SELECT md.measure_id, cd.id, md.role, md.sort FROM measure_departments md
     JOIN departments cd ON cd.city_department_id = md.department_id AND cd.county_code IS NOT NULL AND cd.archived = 0
     WHERE md.measure_id = ?`,
  ).run(measureId);
}

/**
 * The county version as it would be set up, without writing anything: the city matrix with each
 * department under its county name. For forms asked for a county whose matrix does not exist yet.
 */
export function previewCounty(city: MatrixResult, county: string): MatrixResult {
  const name = countyName(county);
  const rename = new Map(city.departments.map((d) => [d.id, countyDepartmentName(d.name, name)]));
  return {
    ...city,
    scope: { county, name },
    departments: city.departments.map((d) => ({ ...d, name: rename.get(d.id) ?? d.name, cityDepartmentId: d.id, cityName: d.name })),
    measures: city.measures.map((m) => ({ ...m, departments: m.departments.map((c) => ({ ...c, name: rename.get(c.departmentId) ?? c.name })) })),
  };
}

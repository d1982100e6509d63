/**
 * Reference data every database starts with: the region catalogue, the plan's reference values and
 * its 22 measures with their departments. Idempotent: run on every open; it only adds what is
 * missing, so a steward's edits (renamed measures, changed values) are never overwritten.
 */
import { REGIONS, CITY } from '../../shared/domain/regions.ts';
import { REFERENCE_SEEDS } from '../../shared/domain/references.ts';
import { PROVINCE_SEEDS } from '../../shared/domain/province-references.ts';
import { MAIN_RESPONSIBLE, MEASURE_GROUPS, MEASURES } from '../../shared/domain/measures.ts';
import type { Db } from './types.ts';
import { seedCaseData } from './seed-cases.ts';

export function seedReferenceData(db: Db): void {
  db.transaction(() => {
    seedRegions(db);
    seedReferences(db);
    seedCaseData(db);
    if ((db.prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n === 0) seedMeasures(db);
  }).immediate();
}

function seedRegions(db: Db): void {
  const insert = db.prepare(
    `INSERT INTO regions (code, level, name, parent_code, aliases, sort) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(code) DO UPDATE SET aliases = excluded.aliases WHERE regions.aliases = '[]'`,
  );
  REGIONS.forEach((r, i) => {
    const parent = r.code === CITY.code ? null : r.parent;
    insert.run(r.code, r.level, r.name, parent, JSON.stringify(r.aliases), i);
  });
}

function seedReferences(db: Db): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO reference_values (kind, year, scope_code, metric, value, source, verified) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // OR IGNORE: a row the steward has (even emptied) is kept, so an edit is never overwritten.
  for (const r of [...REFERENCE_SEEDS, ...PROVINCE_SEEDS]) insert.run(r.kind, r.year, r.scope, r.metric, r.value, r.source, r.verified ? 1 : 0);
}

function seedMeasures(db: Db): void {
  const group = db.prepare('INSERT INTO measure_groups (n, title, income_type) VALUES (?, ?, ?)');
  for (const g of MEASURE_GROUPS) group.run(g.n, g.title, g.incomeType);
  const deptIds = new Map<string, number>();
  const dept = db.prepare(`INSERT INTO departments (name, level, sort) VALUES (?, 'city', ?)`);
  const deptId = (name: string): number => {
    let id = deptIds.get(name);
    if (id === undefined) {
      id = Number(dept.run(name, deptIds.size).lastInsertRowid);
      deptIds.set(name, id);
    }
    return id;
  };
  const measure = db.prepare('INSERT INTO measures (n, group_n, title, body) VALUES (?, ?, ?, ?)');
  const role = db.prepare('INSERT INTO measure_departments (measure_id, department_id, role, sort) VALUES (?, ?, ?, ?)');
  const indicator = db.prepare(
    'INSERT INTO measure_indicators (measure_id, key, label, comparator, value, unit, year) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const mainId = deptId(MAIN_RESPONSIBLE);
  for (const m of MEASURES) {
    const id = Number(measure.run(m.n, m.group, m.title, m.text).lastInsertRowid);
    m.departments.forEach((d, i) => role.run(id, deptId(d), i === 0 ? 'lead' : 'support', i));
    role.run(id, mainId, 'main', 99);
    for (const ind of m.indicators) indicator.run(id, ind.key, ind.label, ind.comparator, ind.value, ind.unit, ind.year);
  }
}

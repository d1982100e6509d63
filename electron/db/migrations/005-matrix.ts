/**
 * Matrix v2: progress is kept per scope. A county keeps its own figures for the same measure
 * (its own targets and actual values), so a progress row now says which scope it belongs to
 * (county_code NULL = the city plan). Indicator rows (department_id NULL) need this to be unique
 * per scope; department rows carry it too so every row answers "whose figure is this?" alike.
 */
import type { Migration } from './types.ts';

const sql = `
ALTER TABLE measure_progress ADD COLUMN county_code TEXT REFERENCES regions(code);
DROP INDEX measure_progress_key;
CREATE UNIQUE INDEX measure_progress_key
  ON measure_progress(measure_id, ifnull(county_code, ''), ifnull(department_id, 0), ifnull(indicator_id, 0), year);
CREATE INDEX measure_progress_year ON measure_progress(year, county_code);
CREATE INDEX measure_departments_department ON measure_departments(department_id);
CREATE INDEX departments_county ON departments(county_code);
`;

export const migration005: Migration = { name: 'matrix-scope', up: (db) => db.exec(sql) };

/**
 * Schema v1: every table of the design brief. Money is stored as INTEGER fen (分) so sums over a
 * whole city are exact; yuan appear only at the edges (DTOs, forms). STRICT tables with CHECKs make
 * the database itself refuse impossible values, whatever code writes to it.
 */
import type { Migration } from './types.ts';

export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643 check digit in plain SQL, so the database enforces it without a custom function. */
export function idCheck(col: string): string {
  const sum = ID_WEIGHTS.map((w, i) => `substr(${col},${i + 1},1)*${w}`).join('+');
  const digits = `${col} GLOB '${'[0-9]'.repeat(17)}[0-9X]'`;
  return `length(${col}) = 18 AND ${digits} AND substr('10X98765432', ((${sum}) % 11) + 1, 1) = substr(${col},18,1)`;
}

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const BOOL = (c: string): string => `${c} INTEGER NOT NULL DEFAULT 0 CHECK (${c} IN (0,1))`;
const FEN = (c: string): string => `${c} INTEGER NOT NULL DEFAULT 0 CHECK (${c} >= 0)`;

const sql = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE regions (
  code TEXT PRIMARY KEY CHECK (code GLOB '[0-9]*' AND length(code) IN (6, 9, 12)),
  level TEXT NOT NULL CHECK (level IN ('city','county','township','village')),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  parent_code TEXT REFERENCES regions(code),
  aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  county_code TEXT REFERENCES regions(code),
  township_code TEXT REFERENCES regions(code),
  year INTEGER CHECK (year BETWEEN 2000 AND 2100),
  mapping TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(mapping)),
  counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
  status TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed','undone')),
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  undone_at TEXT
) STRICT;
CREATE INDEX import_batches_sha ON import_batches(sha256);

CREATE TABLE import_row_errors (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  severity TEXT NOT NULL CHECK (severity IN ('error','warning')),
  sheet TEXT NOT NULL,
  row INTEGER NOT NULL CHECK (row >= 1),
  col TEXT,
  code TEXT NOT NULL,
  message TEXT NOT NULL
) STRICT;
CREATE INDEX import_row_errors_batch ON import_row_errors(batch_id);

CREATE TABLE import_templates (
  key TEXT PRIMARY KEY,
  township_code TEXT REFERENCES regions(code),
  mapping TEXT NOT NULL CHECK (json_valid(mapping)),
  updated_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;

CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
  county_code TEXT NOT NULL REFERENCES regions(code),
  township_code TEXT NOT NULL REFERENCES regions(code),
  village_code TEXT REFERENCES regions(code),
  group_name TEXT,
  head_name TEXT NOT NULL CHECK (length(head_name) BETWEEN 1 AND 50),
  head_id_number TEXT CHECK (head_id_number IS NULL OR (${idCheck('head_id_number')})),
  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 30),
  household_type TEXT NOT NULL DEFAULT '脱贫户' CHECK (household_type IN ('脱贫户','监测户','一般农户')),
  poverty_attribute TEXT CHECK (poverty_attribute IN ('一般脱贫户','低保脱贫户','特困供养脱贫户')),
  monitoring_category TEXT CHECK (monitoring_category IN ('脱贫不稳定户','边缘易致贫户','突发严重困难户')),
  risk_types TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(risk_types)),
  identified_ym TEXT CHECK (identified_ym IS NULL OR identified_ym GLOB '[12][0-9][0-9][0-9][01][0-9]'),
  risk_eliminated INTEGER CHECK (risk_eliminated IN (0,1)),
  elimination_method TEXT CHECK (elimination_method IN ('帮扶消除','自然消除')),
  eliminated_ym TEXT CHECK (eliminated_ym IS NULL OR eliminated_ym GLOB '[12][0-9][0-9][0-9][01][0-9]'),
  ${BOOL('relocated')},
  phone TEXT CHECK (phone IS NULL OR length(phone) <= 20),
  note TEXT,
  batch_id INTEGER REFERENCES import_batches(id),
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE INDEX households_township ON households(township_code, village_code);
CREATE INDEX households_county ON households(county_code);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  person_code TEXT,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_number TEXT NOT NULL UNIQUE CHECK (${idCheck('id_number')}),
  id_type TEXT NOT NULL DEFAULT '居民身份证' CHECK (id_type IN ('居民身份证','残疾人证','户口簿','其他')),
  id_extra TEXT CHECK (id_extra IS NULL OR length(id_extra) <= 4),
  sex TEXT GENERATED ALWAYS AS (CASE WHEN substr(id_number,17,1) % 2 = 1 THEN '男' ELSE '女' END) VIRTUAL,
  birth_date TEXT GENERATED ALWAYS AS (substr(id_number,7,4) || '-' || substr(id_number,11,2) || '-' || substr(id_number,13,2)) VIRTUAL,
  relation TEXT NOT NULL DEFAULT '其他',
  labour TEXT CHECK (labour IN ('技能劳动力','普通劳动力','弱劳动力或半劳动力','丧失劳动力','无劳动力')),
  health TEXT,
  education TEXT,
  student_status TEXT,
  work_place_class TEXT CHECK (work_place_class IN ('乡镇内','县内','省内县外','省外','境外','其他')),
  work_months INTEGER CHECK (work_months BETWEEN 0 AND 12),
  ${BOOL('welfare_post')},
  phone TEXT CHECK (phone IS NULL OR length(phone) <= 20),
  batch_id INTEGER REFERENCES import_batches(id),
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE INDEX members_household ON members(household_id);

CREATE TABLE income_records (
  household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 30),
  ${FEN('wage_fen')},
  ${FEN('welfare_post_wage_fen')},
  ${FEN('business_gross_fen')},
  ${FEN('business_expense_fen')},
  ${FEN('property_fen')},
  ${FEN('transfer_fen')},
  net_fen INTEGER GENERATED ALWAYS AS (wage_fen + business_gross_fen - business_expense_fen + property_fen + transfer_fen) STORED,
  batch_id INTEGER REFERENCES import_batches(id),
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  PRIMARY KEY (household_id, year),
  CHECK (welfare_post_wage_fen <= wage_fen)
) STRICT, WITHOUT ROWID;
CREATE INDEX income_records_year ON income_records(year);

CREATE TABLE reference_values (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('target','actual','province','threshold')),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  scope_code TEXT NOT NULL,
  metric TEXT NOT NULL CHECK (metric IN ('perCapitaNet','wage','business','property','transfer','line','monitoringFloor','growthRate')),
  value REAL,
  source TEXT NOT NULL DEFAULT '',
  ${BOOL('verified')},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (kind, year, scope_code, metric)
) STRICT;

CREATE TABLE measure_groups (
  n INTEGER PRIMARY KEY CHECK (n >= 1),
  title TEXT NOT NULL,
  income_type TEXT NOT NULL CHECK (income_type IN ('business','wage','property','transfer','expense'))
) STRICT;

CREATE TABLE measures (
  id INTEGER PRIMARY KEY,
  n INTEGER NOT NULL UNIQUE CHECK (n >= 1),
  group_n INTEGER NOT NULL REFERENCES measure_groups(n),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body TEXT NOT NULL,
  ${BOOL('archived')}
) STRICT;

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  level TEXT NOT NULL CHECK (level IN ('city','county')),
  county_code TEXT REFERENCES regions(code),
  city_department_id INTEGER REFERENCES departments(id),
  sort INTEGER NOT NULL DEFAULT 0,
  ${BOOL('archived')},
  UNIQUE (name, county_code)
) STRICT;

CREATE TABLE measure_departments (
  measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('lead','support','main')),
  sort INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (measure_id, department_id)
) STRICT;

CREATE TABLE measure_indicators (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  comparator TEXT NOT NULL CHECK (comparator IN ('>=','<=','=')),
  value REAL NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  year INTEGER,
  UNIQUE (measure_id, key)
) STRICT;

CREATE TABLE measure_progress (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  department_id INTEGER REFERENCES departments(id) ON DELETE CASCADE,
  indicator_id INTEGER REFERENCES measure_indicators(id) ON DELETE SET NULL,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status TEXT NOT NULL DEFAULT '未启动' CHECK (status IN ('未启动','推进中','已完成')),
  target REAL,
  actual REAL,
  note TEXT,
  responsible TEXT,
  updated_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE UNIQUE INDEX measure_progress_key ON measure_progress(measure_id, ifnull(department_id, 0), ifnull(indicator_id, 0), year);

CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status TEXT NOT NULL DEFAULT '待制定' CHECK (status IN ('待制定','已制定','落实中','已完成')),
  target_per_capita_fen INTEGER CHECK (target_per_capita_fen >= 0),
  cadre_name TEXT,
  cadre_phone TEXT,
  note TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (household_id, year)
) STRICT;

CREATE TABLE plan_measures (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  measure_id INTEGER REFERENCES measures(id) ON DELETE SET NULL,
  measure_type TEXT NOT NULL CHECK (measure_type IN ('产业','就业','公益岗位','金融','兜底保障','健康','教育','其他')),
  content TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 500),
  scale TEXT,
  funds_fen INTEGER CHECK (funds_fen >= 0),
  department TEXT,
  cadre TEXT,
  deadline TEXT,
  expected_increase_fen INTEGER CHECK (expected_increase_fen >= 0),
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX plan_measures_plan ON plan_measures(plan_id);

CREATE TABLE risk_dismissals (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  rule TEXT NOT NULL,
  note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE UNIQUE INDEX risk_dismissals_key ON risk_dismissals(household_id, ifnull(member_id, 0), year, rule);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  operator TEXT NOT NULL CHECK (length(operator) BETWEEN 1 AND 50),
  action TEXT NOT NULL,
  table_name TEXT,
  row_key TEXT,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  household_id INTEGER,
  batch_id INTEGER,
  detail TEXT CHECK (detail IS NULL OR json_valid(detail)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_log_household ON audit_log(household_id) WHERE household_id IS NOT NULL;
CREATE INDEX audit_log_batch ON audit_log(batch_id) WHERE batch_id IS NOT NULL;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
`;

export const migration001: Migration = { name: 'init', up: (db) => db.exec(sql) };

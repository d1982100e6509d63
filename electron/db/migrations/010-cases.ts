/**
 * 防止返贫监测 cases: one row per case (a clue about a household, through identification, help and
 * the end of the risk), its steps with dates and operators, the editable time limits and the
 * working-day calendar (holidays and make-up working days as data). A case keeps the household's
 * code, name and region as they were, so it survives the household leaving the ledger
 * (household_id is then set to NULL). The value lists are literal here: a merged step never changes.
 */
import type { Migration } from './types.ts';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const DATE = (c: string): string => `${c} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`;
const STATES = ['线索', '入户核实', '村级评议公示', '乡镇审核', '县级审定', '帮扶', '继续监测', '风险消除', '不予纳入'];
const oneOf = (c: string, values: readonly string[]): string => values.map((v) => `${c} = '${v}'`).join(' OR ');

const sql = `
CREATE TABLE monitoring_cases (
  id INTEGER PRIMARY KEY,
  household_id INTEGER REFERENCES households(id) ON DELETE SET NULL,
  household_code TEXT NOT NULL CHECK (length(household_code) BETWEEN 1 AND 40),
  head_name TEXT NOT NULL CHECK (length(head_name) BETWEEN 1 AND 50),
  county_code TEXT NOT NULL REFERENCES regions(code),
  township_code TEXT NOT NULL REFERENCES regions(code),
  village_code TEXT REFERENCES regions(code),
  source TEXT NOT NULL CHECK (${oneOf('source', ['一键报贫', '排查', '部门比对', '台账预警'])}),
  category TEXT CHECK (category IS NULL OR ${oneOf('category', ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'])}),
  risk_types TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(risk_types)),
  state TEXT NOT NULL CHECK (${oneOf('state', STATES)}),
  clue_date TEXT NOT NULL CHECK (${DATE('clue_date')}),
  state_date TEXT NOT NULL CHECK (${DATE('state_date')}),
  plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
  note TEXT CHECK (note IS NULL OR length(note) <= 500),
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE INDEX monitoring_cases_state ON monitoring_cases(state, township_code);
CREATE INDEX monitoring_cases_household ON monitoring_cases(household_id);

CREATE TABLE case_steps (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES monitoring_cases(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (${oneOf('state', STATES)}),
  step_date TEXT NOT NULL CHECK (${DATE('step_date')}),
  operator TEXT NOT NULL CHECK (length(operator) BETWEEN 1 AND 50),
  note TEXT CHECK (note IS NULL OR length(note) <= 500),
  checklist TEXT CHECK (checklist IS NULL OR json_valid(checklist)),
  created_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE INDEX case_steps_case ON case_steps(case_id, id);

CREATE TABLE case_rules (
  key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 40),
  days INTEGER NOT NULL CHECK (days BETWEEN 0 AND 365),
  source TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;

CREATE TABLE work_calendar (
  day TEXT PRIMARY KEY CHECK (${DATE('day')}),
  kind TEXT NOT NULL CHECK (kind = '休' OR kind = '班'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  source TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
`;

export const migration010: Migration = { name: 'cases', up: (db) => db.exec(sql) };

/**
 * The one aggregation behind `stats` and 增收分析: income sums per (year, county, township,
 * village), counted with the same rules everywhere (line and floor strictly below, any fall since
 * the household's previous year, relocated). Rows come from the pre-aggregated tables of migration
 * 004 when they are current, or straight from the base tables (read-only or older databases) with
 * the very same SELECT, so both paths give identical figures.
 */
import type { Db } from '../types.ts';
import { loadReferences } from './analysis-references.ts';
import { businessNetSql } from './income-sql.ts';

/** Histogram bins are 1,000 yuan wide; the last one is open (≥ 50,000). */
export const BIN_YUAN = 1000;
export const LAST_BIN = 50;

export interface AggRow {
  year: number;
  county: string;
  township: string;
  village: string;
  households: number;
  persons: number;
  netFen: number;
  wageFen: number;
  businessFen: number;
  propertyFen: number;
  transferFen: number;
  belowLine: number;
  belowFloor: number;
  decreased: number;
  relocated: number;
  anyCategory: number;
}

export interface AggFilter {
  county?: string | undefined;
  township?: string | undefined;
  village?: string | undefined;
}

export interface Thresholds {
  year: number;
  lineFen: number;
  floorFen: number | null;
}

const VILLAGE_KEY = "ifnull(h.village_code, h.township_code || '000')";
const FELL = '(p.net_fen IS NOT NULL AND r.net_fen * p.size < p.net_fen * r.size)';

/**
 * Households first (CROSS JOIN fixes the order): a township filter then uses the households index
 * and each household's years come from the income primary key, instead of the planner scanning the
 * whole year index once per year.
 */
const FROM = `
  FROM households h
  CROSS JOIN income_records r ON r.household_id = h.id
  LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1`;

/** Per-year thresholds inlined as a CASE over integers we produced ourselves (no user text reaches the SQL). */
function perYear(t: readonly Thresholds[], pick: (x: Thresholds) => number | null): string {
  const arms = t.map((x) => {
    const v = pick(x);
    if (!Number.isSafeInteger(x.year) || (v !== null && !Number.isSafeInteger(v))) throw new Error('threshold must be an integer');
    return `WHEN ${x.year} THEN ${v === null ? 'NULL' : v}`;
  });
  return arms.length ? `(CASE r.year ${arms.join(' ')} END)` : 'NULL';
}

function aggColumns(t: readonly Thresholds[]): string {
  const below = `r.net_fen < ${perYear(t, (x) => x.lineFen)} * r.size`;
  return `r.year AS year, h.county_code AS county, h.township_code AS township, ${VILLAGE_KEY} AS village,
    count(*) AS households, sum(r.size) AS persons, sum(r.net_fen) AS netFen, sum(r.wage_fen) AS wageFen,
    sum(${businessNetSql('r')}) AS businessFen, sum(r.property_fen) AS propertyFen,
    sum(r.transfer_fen) AS transferFen, sum(ifnull(${below}, 0)) AS belowLine,
    sum(ifnull(r.net_fen < ${perYear(t, (x) => x.floorFen)} * r.size, 0)) AS belowFloor,
    sum(${FELL}) AS decreased, sum(h.relocated) AS relocated,
    sum(ifnull(${below}, 0) OR ${FELL} OR h.relocated = 1) AS anyCategory`;
}

const BIN_EXPR = `CASE WHEN r.net_fen <= 0 THEN 0 ELSE min(r.net_fen / (r.size * ${BIN_YUAN * 100}), ${LAST_BIN}) END`;

function baseWhere(f: AggFilter): string {
  const parts = ['1'];
  if (f.county) parts.push('h.county_code = @county');
  if (f.township) parts.push('h.township_code = @township');
  if (f.village) parts.push(`${VILLAGE_KEY} = @village`);
  return parts.join(' AND ');
}

function aggSelect(where: string, t: readonly Thresholds[]): string {
  return `SELECT ${aggColumns(t)} ${FROM} WHERE ${where} GROUP BY 1, 2, 3, 4`;
}

function histSelect(where: string): string {
  return `SELECT r.year AS year, h.county_code AS county, h.township_code AS township, ${VILLAGE_KEY} AS village,
    ${BIN_EXPR} AS bin, count(*) AS households ${FROM} WHERE ${where} GROUP BY 1, 2, 3, 4, 5`;
}

/** The line and monitoring floor (fen) of every year that has income records, as the counts need them. */
export function currentThresholds(db: Db): Thresholds[] {
  const refs = loadReferences(db);
  return dataYears(db).map((year) => {
    const floor = refs.monitoringFloor(year);
    return { year, lineFen: Math.round(refs.line(year) * 100), floorFen: floor === null ? null : Math.round(floor * 100) };
  });
}

/**
 * Years that have income records. SELECT DISTINCT would walk the whole year index (350k entries at
 * city scale, on every read); hopping from one year to the next is a handful of index seeks.
 */
export function dataYears(db: Db): number[] {
  const next = db.prepare('SELECT min(year) FROM income_records WHERE year > ?').pluck();
  const years: number[] = [];
  for (let y = next.get(0) as number | null; y !== null; y = next.get(y) as number | null) years.push(y);
  return years;
}

function thresholdsJson(t: Thresholds[]): string {
  return JSON.stringify(t.map((x) => [x.year, x.lineFen, x.floorFen]));
}

const hasTablesCache = new WeakMap<Db, boolean>();

/** A database opened read-only before its migration ran (an old backup being checked) may lack the tables. */
function hasAggregateTables(db: Db): boolean {
  let v = hasTablesCache.get(db);
  if (v === undefined) {
    v = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'analysis_dirty'").get() !== undefined;
    hasTablesCache.set(db, v);
  }
  return v;
}

function sameThresholds(db: Db, current: Thresholds[]): boolean {
  const stored = db.prepare('SELECT year, line_fen AS lineFen, floor_fen AS floorFen FROM analysis_thresholds ORDER BY year').all() as Thresholds[];
  return thresholdsJson(stored) === thresholdsJson(current);
}

function isClean(db: Db, current: Thresholds[]): boolean {
  return db.prepare('SELECT 1 FROM analysis_dirty LIMIT 1').get() === undefined && sameThresholds(db, current);
}

const SUMS = ['households', 'persons', 'netFen', 'wageFen', 'businessFen', 'propertyFen', 'transferFen', 'belowLine', 'belowFloor', 'decreased', 'relocated', 'anyCategory'];

/**
 * One grouped pass over the base tables per rebuild, by (year, village, bin), into a scratch table;
 * both stored tables are then summed from it. Two separate passes (sums, then histogram) cost twice
 * the join and the sort, which is what a rebuild's time is made of.
 */
function rebuildTownship(db: Db, thresholds: readonly Thresholds[], township: string | null): void {
  const where = township === null ? '1' : 'h.township_code = @dirty';
  const params = township === null ? {} : { dirty: township };
  if (township === null) {
    db.exec('DELETE FROM analysis_village_year; DELETE FROM analysis_histogram;');
  } else {
    db.prepare('DELETE FROM analysis_village_year WHERE township_code = ?').run(township);
    db.prepare('DELETE FROM analysis_histogram WHERE township_code = ?').run(township);
  }
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS analysis_scratch (year, county, township, village, ${SUMS.join(', ')}, bin); DELETE FROM temp.analysis_scratch;`);
  db.prepare(`INSERT INTO temp.analysis_scratch SELECT ${aggColumns(thresholds)}, ${BIN_EXPR} AS bin ${FROM} WHERE ${where} GROUP BY 1, 2, 3, 4, bin`).run(params);
  db.exec(`INSERT INTO analysis_village_year (year, county_code, township_code, village_key, households, persons, net_fen,
      wage_fen, business_fen, property_fen, transfer_fen, below_line, below_floor, decreased, relocated, any_category)
    SELECT year, county, township, village, ${SUMS.map((c) => `sum(${c})`).join(', ')} FROM temp.analysis_scratch GROUP BY 1, 2, 3, 4;
    INSERT INTO analysis_histogram (year, county_code, township_code, village_key, bin, households)
    SELECT year, county, township, village, bin, households FROM temp.analysis_scratch;
    DELETE FROM temp.analysis_scratch;`);
}

/**
 * Brings the stored aggregates up to date: every township marked dirty by the triggers is
 * recomputed, and all of them when a threshold changed. Returns false when they cannot be used
 * (read-only connection with stale rows, or a database without migration 004).
 */
export function ensureAggregates(db: Db): boolean {
  if (!hasAggregateTables(db)) return false;
  const current = currentThresholds(db);
  if (isClean(db, current)) return true;
  if (db.readonly) return false;
  try {
    rebuildDirty(db, current);
  } catch (e) {
    // Another connection (an import worker) holds the write lock: answer from the base tables now.
    if ((e as { code?: unknown }).code === 'SQLITE_BUSY') return false;
    throw e;
  }
  return true;
}

function rebuildDirty(db: Db, current: Thresholds[]): void {
  db.transaction(() => {
    if (!sameThresholds(db, current)) {
      db.exec('INSERT OR IGNORE INTO analysis_dirty SELECT DISTINCT township_code FROM households');
      db.exec('INSERT OR IGNORE INTO analysis_dirty SELECT DISTINCT township_code FROM analysis_village_year');
      db.exec('DELETE FROM analysis_thresholds');
      const insert = db.prepare('INSERT INTO analysis_thresholds (year, line_fen, floor_fen) VALUES (?, ?, ?)');
      for (const t of current) insert.run(t.year, t.lineFen, t.floorFen);
    }
    const dirty = db.prepare('SELECT township_code FROM analysis_dirty').pluck().all() as string[];
    const all = db.prepare('SELECT count(DISTINCT township_code) FROM households').pluck().get() as number;
    // Past about a third of the townships one grouped pass over everything is cheaper than many small ones.
    if (dirty.length * 3 > all) rebuildTownship(db, current, null);
    else for (const t of dirty) rebuildTownship(db, current, t);
    db.exec('DELETE FROM analysis_dirty');
  }).immediate();
}

/**
 * Marks the townships of the given households (all when omitted) and rebuilds them. The triggers
 * already do this on every write; this is for callers that want the work done right after an import
 * rather than on the next read.
 */
export function refreshAggregates(db: Db, householdIds?: readonly number[]): void {
  if (!hasAggregateTables(db) || db.readonly) return;
  db.transaction(() => {
    if (householdIds === undefined) {
      db.exec('INSERT OR IGNORE INTO analysis_dirty SELECT DISTINCT township_code FROM households');
    } else {
      const mark = db.prepare('INSERT OR IGNORE INTO analysis_dirty SELECT township_code FROM households WHERE id = ?');
      for (const id of householdIds) mark.run(id);
    }
  })();
  ensureAggregates(db);
}

const STORED_WHERE = (f: AggFilter): string =>
  ['1', f.county ? 'county_code = @county' : '', f.township ? 'township_code = @township' : '', f.village ? 'village_key = @village' : '']
    .filter(Boolean)
    .join(' AND ');

function params(f: AggFilter): Record<string, string | undefined> {
  return { county: f.county, township: f.township, village: f.village };
}

/** Every (year, village) sum within the filter, all years. */
export function aggregateRows(db: Db, f: AggFilter): AggRow[] {
  if (ensureAggregates(db)) {
    return db.prepare(`SELECT year, county_code AS county, township_code AS township, village_key AS village, households, persons,
        net_fen AS netFen, wage_fen AS wageFen, business_fen AS businessFen, property_fen AS propertyFen,
        transfer_fen AS transferFen, below_line AS belowLine, below_floor AS belowFloor, decreased, relocated,
        any_category AS anyCategory
      FROM analysis_village_year WHERE ${STORED_WHERE(f)}`).all(params(f)) as AggRow[];
  }
  return liveAggregateRows(db, f);
}

/** Households per 1,000-yuan bin of per-capita net income for one year within the filter. */
export function histogram(db: Db, f: AggFilter, year: number): Map<number, number> {
  const rows = ensureAggregates(db)
    ? (db.prepare(`SELECT bin, sum(households) AS households FROM analysis_histogram WHERE year = @year AND ${STORED_WHERE(f)} GROUP BY bin`)
        .all({ ...params(f), year }) as Array<{ bin: number; households: number }>)
    : (db.prepare(`SELECT bin, sum(households) AS households FROM (${histSelect(`${baseWhere(f)} AND r.year = @year`)}) GROUP BY bin`)
        .all({ ...params(f), year }) as Array<{ bin: number; households: number }>);
  return new Map(rows.map((r) => [r.bin, r.households]));
}

/** The same rows computed from the base tables regardless of the stored aggregates (tests compare both). */
export function liveAggregateRows(db: Db, f: AggFilter): AggRow[] {
  return db.prepare(aggSelect(baseWhere(f), currentThresholds(db))).all(params(f)) as AggRow[];
}

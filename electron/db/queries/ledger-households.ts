/**
 * The household list: filters, search, sort and paging done in SQLite, one page at a time.
 *
 * Each page is two queries: a narrow "key query" that walks an index in the requested order and
 * returns only the page's household ids (LIMIT/OFFSET skip index entries, not joined rows), then a
 * fetch of those ids with their figures and region names. Key query shapes (each checked with
 * EXPLAIN QUERY PLAN in tests/integration/ledger):
 * - search: the matching household ids (a UNION of index ranges) drive; the few hits are sorted;
 * - a township or village: its households (region index) are joined to their figures and sorted;
 * - sort by per-capita or its change: the figures index in that order ("part A"), then, unless a
 *   yearly filter excludes them, households without a figure for the year by code ("part B"), so a
 *   household whose township has not reported yet is not hidden by a sort;
 * - otherwise: the households table in the order of the sort column's index (a region+code index
 *   when filtered by region); yearly filters are checked per row through the figures primary key.
 * Every order ends with the household id, so pages never overlap or skip rows that tie.
 */
import type { HouseholdListArgs } from '../../../shared/api/ledger.ts';
import type { Db } from '../types.ts';
import { classifySearch, householdMatchSql, type SearchKind } from './ledger-search.ts';
import { cachedStatement } from './ledger-statements.ts';

type Params = Record<string, string | number | null>;

export interface RawHouseholdRow {
  id: number; code: string; county: string | null; township: string | null; village: string | null;
  group_name: string | null; head_name: string; head_id_number: string | null; size: number; household_type: string;
  monitoring_category: string | null; relocated: number; net_fen: number | null; fig_size: number | null;
  change: number | null; decreased: number | null;
}

export interface HouseholdQuery {
  args: HouseholdListArgs;
  year: number | null;
  lineFen: number;
}

interface Clauses {
  h: string[];
  y: string[];
  /** The household conditions other than the county, and the county as a condition on the figures
   * (which carry it), for queries that the figures drive. */
  hNoCounty: string[];
  yCounty: string[];
  params: Params;
}

const COUNTY = 'h.county_code = @county';

function clauses(q: HouseholdQuery): Clauses {
  const a = q.args;
  const h: string[] = [];
  const y: string[] = [];
  const params: Params = { year: q.year ?? 0 };
  const set = (name: string, value: string | number): void => void (params[name] = value);
  if (a.village) { h.push('h.village_code = @village'); set('village', a.village); }
  else if (a.township) { h.push('h.township_code = @township'); set('township', a.township); }
  else if (a.county) { h.push(COUNTY); set('county', a.county); }
  if (a.householdType) { h.push('h.household_type = @householdType'); set('householdType', a.householdType); }
  if (a.monitoringCategory) { h.push('h.monitoring_category = @monitoringCategory'); set('monitoringCategory', a.monitoringCategory); }
  if (a.relocated !== undefined) h.push(`h.relocated = ${a.relocated ? 1 : 0}`);
  // per_capita is net / size as a REAL. When the quotient equals the line it is computed exactly;
  // when it does not, it differs from the line by at least 1/size fen, far more than any rounding —
  // so this index range agrees with the cross-multiplied test (net < line × size) of stats.
  if (a.below === true) y.push('y.per_capita < @lineFen');
  if (a.below === false) y.push('y.per_capita >= @lineFen');
  if (a.below !== undefined) set('lineFen', q.lineFen);
  if (a.decreased !== undefined) y.push(`y.decreased = ${a.decreased ? 1 : 0}`);
  if (a.minPerCapita !== undefined) { y.push('y.per_capita >= @minFen'); set('minFen', Math.round(a.minPerCapita * 100)); }
  if (a.maxPerCapita !== undefined) { y.push('y.per_capita <= @maxFen'); set('maxFen', Math.round(a.maxPerCapita * 100)); }
  if (a.perCapitaBelow !== undefined) { y.push('y.per_capita < @belowFen'); set('belowFen', Math.round(a.perCapitaBelow * 100)); }
  const hNoCounty = h.filter((cond) => cond !== COUNTY);
  return { h, y, hNoCounty, yCounty: hNoCounty.length < h.length ? ['y.county_code = @county'] : [], params };
}

const SORT_COLUMN: Record<HouseholdListArgs['sort'], string> = {
  code: 'h.code', headName: 'h.head_name', size: 'h.size', perCapita: 'y.per_capita', change: 'y.change',
};

const FIGURE = 'household_year_figures y';
const FIGURE_ON = 'y.household_id = h.id AND y.year = @year';

const where = (...parts: string[][]): string => {
  const all = parts.flat();
  return all.length ? `WHERE ${all.join(' AND ')}` : '';
};

/** A key query: the SQL of the ordered ids and, for paging, the parameters it needs. */
interface KeyPart {
  sql: string;
  count: string;
}

function searchPart(c: Clauses, kinds: SearchKind[], col: string, dir: string): KeyPart {
  const m = householdMatchSql(kinds);
  Object.assign(c.params, m.params);
  // Hits first (CROSS JOIN fixes the loop order): the hit list is small, the table is not.
  const from = `(SELECT DISTINCT hid FROM (${m.sql})) s CROSS JOIN households h ON h.id = s.hid ${c.y.length || col.startsWith('y.') ? `LEFT JOIN ${FIGURE} ON ${FIGURE_ON}` : ''}`;
  const w = where(c.h, c.y);
  return {
    sql: `SELECT h.id FROM ${from} ${w} ORDER BY ${col} IS NULL, ${col} ${dir}, h.id ${dir} LIMIT @limit OFFSET @offset`,
    count: `SELECT count(*) AS n FROM ${from} ${w}`,
  };
}

function smallSetPart(c: Clauses, col: string, dir: string): KeyPart {
  const from = `households h LEFT JOIN ${FIGURE} ON ${FIGURE_ON}`;
  const w = where(c.h, c.y);
  return {
    sql: `SELECT h.id FROM ${from} ${w} ORDER BY ${col} IS NULL, ${col} ${dir}, h.id ${dir} LIMIT @limit OFFSET @offset`,
    count: `SELECT count(*) AS n FROM ${from} ${w}`,
  };
}

function figurePartA(c: Clauses, col: string, dir: string): KeyPart {
  const from = c.hNoCounty.length ? `${FIGURE} CROSS JOIN households h ON h.id = y.household_id` : FIGURE;
  const w = where(['y.year = @year', `${col} IS NOT NULL`], c.yCounty, c.y, c.hNoCounty);
  return {
    sql: `SELECT y.household_id AS id FROM ${from} ${w} ORDER BY ${col} ${dir}, y.household_id ${dir} LIMIT @limit OFFSET @offset`,
    count: `SELECT count(*) AS n FROM ${from} ${w}`,
  };
}

function figurePartB(c: Clauses, col: string): KeyPart {
  const w = where(c.h, [`NOT EXISTS (SELECT 1 FROM ${FIGURE} WHERE ${FIGURE_ON} AND ${col} IS NOT NULL)`]);
  return {
    sql: `SELECT h.id FROM households h ${w} ORDER BY h.code LIMIT @limit OFFSET @offset`,
    count: `SELECT count(*) AS n FROM households h ${w}`,
  };
}

function householdOrderPart(c: Clauses, col: string, dir: string, sort: HouseholdListArgs['sort']): KeyPart {
  const tiebreak = sort === 'code' ? '' : `, h.id ${dir}`;
  // Walk households in the sort index's order and look each one's figure up by primary key: a page
  // then costs about limit / (share of households passing the filter) lookups, with no sort.
  // The unary + keeps the figure conditions off the figures indexes, so the inner loop is the primary key.
  const from = c.y.length ? `households h CROSS JOIN ${FIGURE} ON ${FIGURE_ON}` : 'households h';
  const perRow = c.y.map((cond) => cond.replace(/\by\./g, '+y.'));
  // Counting is the other way round: the year's figures passing the filter (an index range) are
  // fewer than the region's households, so they drive and each looks its household up.
  const count = c.y.length ? figurePartA(c, 'y.year', dir).count : `SELECT count(*) AS n FROM households h ${where(c.h)}`;
  return {
    sql: `SELECT h.id FROM ${from} ${where(c.h, perRow)} ORDER BY ${col} ${dir}${tiebreak} LIMIT @limit OFFSET @offset`,
    count,
  };
}

function allHouseholds(c: Clauses): KeyPart {
  return { sql: '', count: `SELECT count(*) AS n FROM households h ${where(c.h)}` };
}

export interface HouseholdPlan {
  ids: (offset: number, limit: number) => number[];
  count: () => number;
  /** Every SQL text the plan may run, for EXPLAIN QUERY PLAN in tests. */
  sql: string[];
}

function planParts(q: HouseholdQuery, c: Clauses): KeyPart[] {
  const col = SORT_COLUMN[q.args.sort];
  const dir = q.args.dir === 'desc' ? 'DESC' : 'ASC';
  const kinds = q.args.q ? classifySearch(q.args.q) : null;
  if (kinds) return [searchPart(c, kinds, col, dir)];
  // A township or village holds at most a few thousand households: sorting them beats walking a
  // city-wide index in order and skipping the 99 % that lie elsewhere.
  if (q.args.township || q.args.village) return [smallSetPart(c, col, dir)];
  if (q.args.sort === 'perCapita' || q.args.sort === 'change') {
    return c.y.length ? [figurePartA(c, col, dir)] : [figurePartA(c, col, dir), figurePartB(c, col)];
  }
  return [householdOrderPart(c, col, dir, q.args.sort)];
}

export function householdPlan(db: Db, q: HouseholdQuery): HouseholdPlan {
  const c = clauses(q);
  const parts = planParts(q, c);
  const ids = (part: KeyPart, offset: number, limit: number): number[] =>
    (cachedStatement(db, part.sql).all({ ...c.params, offset, limit }) as Array<{ id: number }>).map((r) => r.id);
  const count = (part: KeyPart): number => (cachedStatement(db, part.count).get(c.params) as { n: number }).n;
  return {
    ids: (offset, limit) => {
      const [a, b] = parts as [KeyPart, KeyPart | undefined];
      const first = ids(a, offset, limit);
      if (!b || first.length === limit) return first;
      // Part A ran out inside this page (or before it): continue into part B.
      const countA = first.length > 0 ? offset + first.length : count(a);
      return first.concat(ids(b, Math.max(0, offset - countA), limit - first.length));
    },
    // Parts A and B together are every household passing the household filters: count those directly
    // rather than B's NOT EXISTS over the whole table.
    count: () => (parts.length === 2 ? count(allHouseholds(c)) : count(parts[0] as KeyPart)),
    sql: parts.flatMap((p) => [p.sql, p.count]).concat(parts.length === 2 ? [allHouseholds(c).count] : [], FETCH_SQL),
  };
}

export const FETCH_SQL = `SELECT h.id, h.code, h.group_name, h.head_name, h.head_id_number, h.size, h.household_type,
  h.monitoring_category, h.relocated, y.net_fen, y.size AS fig_size, y.change, y.decreased,
  c.name AS county, t.name AS township, v.name AS village
  FROM json_each(@ids) j JOIN households h ON h.id = j.value
  LEFT JOIN ${FIGURE} ON ${FIGURE_ON}
  LEFT JOIN regions c ON c.code = h.county_code LEFT JOIN regions t ON t.code = h.township_code
  LEFT JOIN regions v ON v.code = h.village_code ORDER BY j.key`;

/** The rows of a page, in the key query's order. */
export function fetchHouseholds(db: Db, ids: number[], year: number | null): RawHouseholdRow[] {
  if (!ids.length) return [];
  return cachedStatement(db, FETCH_SQL).all({ ids: JSON.stringify(ids), year: year ?? 0 }) as RawHouseholdRow[];
}

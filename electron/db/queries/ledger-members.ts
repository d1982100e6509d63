/**
 * The member list. The default order is the sheets' order — household code, then member — which a
 * walk of the households code index (or a region+code index) joined to members_household yields
 * without sorting; keyset paging on (code, id) makes page 3,000 cost what page 1 does.
 * Age filters become birth-date ranges (members_birth / members_sex_birth) computed for today.
 */
import type { MemberListArgs } from '../../../shared/api/ledger.ts';
import type { Db } from '../types.ts';
import { cachedStatement } from './ledger-statements.ts';
import { classifySearch, memberMatchSql, type SearchKind } from './ledger-search.ts';

type Params = Record<string, string | number>;

export interface RawMemberRow {
  id: number;
  household_id: number;
  code: string;
  head_name: string;
  township: string | null;
  village: string | null;
  name: string;
  id_number: string;
  sex: '男' | '女';
  relation: string;
  labour: string | null;
  work_place_class: string | null;
  welfare_post: number;
}

function isoDate(d: Date): string {
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${mm}-${dd}`;
}

/** The latest birth date of someone at least `age` years old on `today`. */
function bornBy(today: Date, age: number): string {
  return isoDate(new Date(today.getFullYear() - age, today.getMonth(), today.getDate()));
}

function memberClauses(a: MemberListArgs, today: Date): { h: string[]; m: string[]; params: Params } {
  const h: string[] = [];
  const m: string[] = [];
  const params: Params = {};
  const add = (cond: string, name?: string, value?: string | number): void => {
    m.push(cond);
    if (name !== undefined && value !== undefined) params[name] = value;
  };
  if (a.village) h.push('h.village_code = @village');
  else if (a.township) h.push('h.township_code = @township');
  else if (a.county) h.push('h.county_code = @county');
  const region = a.village ?? a.township ?? a.county;
  if (region) params[a.village ? 'village' : a.township ? 'township' : 'county'] = region;
  if (a.sex) add('m.sex = @sex', 'sex', a.sex);
  if (a.labour) add('m.labour = @labour', 'labour', a.labour);
  if (a.workPlaceClass) add('m.work_place_class = @workPlaceClass', 'workPlaceClass', a.workPlaceClass);
  if (a.welfarePost === true) add('m.welfare_post = 1');
  if (a.welfarePost === false) add('m.welfare_post = 0');
  if (a.minAge !== undefined) add('m.birth_date <= @bornBy', 'bornBy', bornBy(today, a.minAge));
  if (a.maxAge !== undefined) add('m.birth_date > @bornAfter', 'bornAfter', bornBy(today, a.maxAge + 1));
  return { h, m, params };
}

function orderBy(a: MemberListArgs): string {
  const dir = a.dir === 'desc' ? 'DESC' : 'ASC';
  if (a.sort === 'name') return `ORDER BY m.name ${dir}, m.id ${dir}`;
  // Older first when ascending by age means the earliest birth date first.
  if (a.sort === 'age') return `ORDER BY m.birth_date ${dir === 'ASC' ? 'DESC' : 'ASC'}, m.id ${dir}`;
  return `ORDER BY h.code ${dir}, m.id ${dir}`;
}

const where = (parts: string[]): string => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');

export interface MemberPlan {
  /** The page's member ids in order, with their household code (the keyset cursor's first half). */
  keys: (offset: number, limit: number) => Array<{ id: number; code: string }>;
  count: () => number;
  sql: string[];
}

function fromClause(a: MemberListArgs, kinds: SearchKind[] | null, h: string[], params: Params): { from: string; countFrom: string } {
  if (kinds) {
    const s = memberMatchSql(kinds);
    Object.assign(params, s.params);
    const from = `(SELECT DISTINCT mid FROM (${s.sql})) s CROSS JOIN members m ON m.id = s.mid CROSS JOIN households h ON h.id = m.household_id`;
    return { from, countFrom: from };
  }
  // The sheets' order comes from walking households by code: CROSS JOIN keeps households outside.
  const from = a.sort === 'household' ? 'households h CROSS JOIN members m ON m.household_id = h.id' : 'members m JOIN households h ON h.id = m.household_id';
  return { from, countFrom: h.length ? from : 'members m' };
}

export function memberPlan(db: Db, a: MemberListArgs, today: Date = new Date()): MemberPlan {
  const { h, m, params } = memberClauses(a, today);
  const kinds = a.q ? classifySearch(a.q) : null;
  const { from, countFrom } = fromClause(a, kinds, h, params);
  // Walking households by code (or a region's households), each household's members must come from
  // members_household: the unary + keeps member conditions from choosing another index for that loop.
  const perRow = a.sort === 'household' && !kinds ? m.map((cond) => cond.replace(/\bm\./g, '+m.')) : m;
  const countSql = `SELECT count(*) AS n FROM ${countFrom} ${where([...h, ...(countFrom === from ? perRow : m)])}`;
  const pageWhere = [...h, ...perRow];
  const keyParams: Params = {};
  if (a.after && a.sort === 'household' && !kinds) {
    const cmp = a.dir === 'desc' ? '<' : '>';
    pageWhere.push(`h.code ${cmp}= @afterCode AND (h.code ${cmp} @afterCode OR m.id ${cmp} @afterId)`);
    Object.assign(keyParams, { afterCode: a.after.code, afterId: a.after.id });
  }
  const keySql = `SELECT m.id, h.code FROM ${from} ${where(pageWhere)} ${orderBy(a)} LIMIT @limit OFFSET @offset`;
  return {
    keys: (offset, limit) => cachedStatement(db, keySql).all({ ...params, ...keyParams, offset, limit }) as Array<{ id: number; code: string }>,
    count: () => (cachedStatement(db, countSql).get(params) as { n: number }).n,
    sql: [keySql, countSql, FETCH_SQL],
  };
}

export const FETCH_SQL = `SELECT m.id, m.household_id, h.code, h.head_name, t.name AS township, v.name AS village, m.name, m.id_number,
  m.sex, m.relation, m.labour, m.work_place_class, m.welfare_post
  FROM json_each(@ids) j JOIN members m ON m.id = j.value JOIN households h ON h.id = m.household_id
  LEFT JOIN regions t ON t.code = h.township_code LEFT JOIN regions v ON v.code = h.village_code ORDER BY j.key`;

export function fetchMembers(db: Db, ids: number[]): RawMemberRow[] {
  if (!ids.length) return [];
  return cachedStatement(db, FETCH_SQL).all({ ids: JSON.stringify(ids) }) as RawMemberRow[];
}

/**
 * The search box, shared by the household list, the member list and `find`: one text, read the way
 * a steward means it. Every kind resolves through an index:
 * - an 18-digit ID (or a 15-digit legacy one, upgraded) → members.id_number (unique index);
 * - 4–6 digits (last may be X) → the ID's tail (expression index on its last 4) or a household code prefix;
 * - other text → member / head name prefix, or household code prefix.
 * Prefix matches use a half-open range [q, q + U+10FFFF) rather than LIKE, which would need
 * case_sensitive_like to use an index and would treat % and _ in the text as wildcards.
 */
import { normalizeIdNumber, upgrade15 } from '../../../shared/domain/id-number.ts';

export type SearchKind =
  | { kind: 'id'; id: string }
  | { kind: 'tail'; tail: string }
  | { kind: 'code'; prefix: string }
  | { kind: 'name'; prefix: string };

const TOP = '\u{10FFFF}';

/** Reads the search text; an empty text is no search (null). */
export function classifySearch(raw: string): SearchKind[] | null {
  const text = raw.trim();
  if (!text) return null;
  const n = normalizeIdNumber(text);
  if (/^\d{17}[\dX]$/.test(n)) return [{ kind: 'id', id: n }];
  if (/^\d{15}$/.test(n)) return [{ kind: 'id', id: upgrade15(n) }, { kind: 'code', prefix: n }];
  if (/^\d{3,5}[\dX]$/.test(n)) return [{ kind: 'tail', tail: n }, { kind: 'code', prefix: n }];
  if (/^[\dA-Za-z-]+$/.test(text)) return [{ kind: 'code', prefix: text }];
  return [{ kind: 'name', prefix: text }, { kind: 'code', prefix: text }];
}

export interface SearchSql {
  /** A SELECT of household ids (column `hid`) and how they matched (column `how`). */
  sql: string;
  params: Record<string, string | number>;
}

/** Member-level matches (the member id is kept, so a member list or `find` can show who matched). */
export function memberMatchSql(kinds: SearchKind[]): SearchSql {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  kinds.forEach((k, i) => {
    const p = `s${i}`;
    if (k.kind === 'id') {
      parts.push(`SELECT id AS mid, household_id AS hid, '身份证号' AS how FROM members WHERE id_number = @${p}`);
      params[p] = k.id;
    } else if (k.kind === 'tail') {
      parts.push(
        `SELECT id AS mid, household_id AS hid, '身份证尾号' AS how FROM members WHERE substr(id_number, 15) = @${p}four AND substr(id_number, @${p}start) = @${p}`,
      );
      Object.assign(params, { [p]: k.tail, [`${p}four`]: k.tail.slice(-4), [`${p}start`]: 19 - k.tail.length });
    } else if (k.kind === 'name') {
      parts.push(`SELECT id AS mid, household_id AS hid, '姓名' AS how FROM members WHERE name >= @${p} AND name < @${p}hi`);
      Object.assign(params, { [p]: k.prefix, [`${p}hi`]: k.prefix + TOP });
    } else {
      parts.push(
        `SELECT m.id AS mid, m.household_id AS hid, '户编号' AS how FROM households h JOIN members m ON m.household_id = h.id WHERE h.code >= @${p} AND h.code < @${p}hi`,
      );
      Object.assign(params, { [p]: k.prefix, [`${p}hi`]: k.prefix + TOP });
    }
  });
  return { sql: parts.join(' UNION ALL '), params };
}

/** Matches on the household row itself: code prefix, and the head's name as written on the household. */
export function householdFieldMatchSql(kinds: SearchKind[], prefix = 'h'): SearchSql {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  kinds.forEach((k, i) => {
    const p = `${prefix}${i}`;
    if (k.kind !== 'code' && k.kind !== 'name') return;
    const col = k.kind === 'code' ? 'code' : 'head_name';
    parts.push(`SELECT id AS hid, '${k.kind === 'code' ? '户编号' : '户主姓名'}' AS how FROM households WHERE ${col} >= @${p} AND ${col} < @${p}hi`);
    Object.assign(params, { [p]: k.prefix, [`${p}hi`]: k.prefix + TOP });
  });
  return { sql: parts.join(' UNION ALL '), params };
}

/** Household-level matches: by a member (ID, ID tail, name) or by the household row. */
export function householdMatchSql(kinds: SearchKind[]): SearchSql {
  const member = memberMatchSql(kinds.filter((k) => k.kind !== 'code'));
  const house = householdFieldMatchSql(kinds);
  const parts = [member.sql ? `SELECT hid, how FROM (${member.sql})` : '', house.sql].filter(Boolean);
  return { sql: parts.join(' UNION ALL '), params: { ...member.params, ...house.params } };
}

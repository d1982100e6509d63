/**
 * What the full-ledger form reads: the households of one year in the form's order, each with its
 * members (head first). Households and members come from two queries per chunk of 500 households
 * rather than one joined row per member, so the 28 household and income values are read once per
 * household instead of once per member (a third of the export's SQLite time at city scale).
 */
import type { Db } from '../db/types.ts';

export interface LedgerHousehold {
  hid: number; county: string | null; township: string | null; village: string | null; group_name: string | null; code: string;
  head_name: string; head_id: string | null; size: number; household_type: string; poverty_attribute: string | null;
  monitoring_category: string | null; risk_types: string; identified_ym: string | null; risk_eliminated: number | null;
  elimination_method: string | null; eliminated_ym: string | null; relocated: number; hphone: string | null; note: string | null;
  year: number; wage: number; post_wage: number; gross: number; expense: number; business_net: number | null; property: number; transfer: number; net: number;
}

export interface LedgerMember {
  hid: number; name: string; id_number: string; id_type: string; id_extra: string | null; person_code: string | null; relation: string;
  sex: string; birth_date: string; labour: string | null; health: string | null; education: string | null; student_status: string | null;
  work_place_class: string | null; work_months: number | null; welfare_post: number; mphone: string | null;
}

/** The form's order: township, village, household code; within a household the head, then by id. */
const HOUSEHOLD_ORDER = 'h.township_code, h.village_code, h.code';
const CHUNK = `h.id IN (SELECT value FROM json_each(@ids))`;

const HOUSEHOLDS_SQL = `SELECT h.id AS hid, c.name AS county, t.name AS township, v.name AS village, h.group_name, h.code, h.head_name,
    h.head_id_number AS head_id, r.size, h.household_type, h.poverty_attribute, h.monitoring_category, h.risk_types, h.identified_ym,
    h.risk_eliminated, h.elimination_method, h.eliminated_ym, h.relocated, h.phone AS hphone, h.note,
    r.year, r.wage_fen AS wage, r.welfare_post_wage_fen AS post_wage, r.business_gross_fen AS gross, r.business_expense_fen AS expense,
    r.business_net_fen AS business_net, r.property_fen AS property, r.transfer_fen AS transfer, r.net_fen AS net
  FROM income_records r
  JOIN households h ON h.id = r.household_id
  LEFT JOIN regions c ON c.code = h.county_code
  LEFT JOIN regions t ON t.code = h.township_code
  LEFT JOIN regions v ON v.code = h.village_code
  WHERE r.year = @year AND ${CHUNK}
  ORDER BY ${HOUSEHOLD_ORDER}`;

const MEMBERS_SQL = `SELECT m.household_id AS hid, m.name, m.id_number, m.id_type, m.id_extra, m.person_code, m.relation, m.sex, m.birth_date,
    m.labour, m.health, m.education, m.student_status, m.work_place_class, m.work_months, m.welfare_post, m.phone AS mphone
  FROM members m
  WHERE m.household_id IN (SELECT value FROM json_each(@ids))
  ORDER BY m.household_id, m.relation <> '户主', m.id`;

/** Households per query: small enough that SQLite sorts a few thousand rows, not the whole city. */
const CHUNK_HOUSEHOLDS = 500;

/**
 * The households of `year` within `where` (a filter on `h`), each with its members; a household
 * without members is left out, as the member sheet has no row for it. Sorting the whole city in one
 * query would hold all 37万 rows in SQLite's sorter (hundreds of MB); the ordered household ids are
 * a few hundred KB, and each chunk is read with all() so no statement stays open across the yields.
 */
export function* ledgerHouseholds(db: Db, where: string, params: Record<string, unknown>, year: number): Generator<[LedgerHousehold, LedgerMember[]]> {
  const ids = db.prepare(`SELECT h.id FROM income_records r JOIN households h ON h.id = r.household_id
    WHERE r.year = @year AND ${where} ORDER BY ${HOUSEHOLD_ORDER}`).pluck().all({ ...params, year }) as number[];
  const households = db.prepare(HOUSEHOLDS_SQL);
  const members = db.prepare(MEMBERS_SQL);
  for (let i = 0; i < ids.length; i += CHUNK_HOUSEHOLDS) {
    const chunk = JSON.stringify(ids.slice(i, i + CHUNK_HOUSEHOLDS));
    const byHousehold = new Map<number, LedgerMember[]>();
    for (const m of members.all({ ids: chunk }) as LedgerMember[]) {
      const list = byHousehold.get(m.hid);
      if (list) list.push(m);
      else byHousehold.set(m.hid, [m]);
    }
    for (const h of households.all({ year, ids: chunk }) as LedgerHousehold[]) {
      const list = byHousehold.get(h.hid);
      if (list) yield [h, list];
    }
  }
}

/**
 * Year-over-year checks of a county: each household's income record of the year against the year
 * before. Kept apart from the importer so the import preview can call the same counts from one hook
 * (the importer is being reworked in #15); the board lists them per township.
 */
import type { Db } from '../db/types.ts';
import type { YoyCounts } from '../../shared/api/campaign.ts';
import { hasBusinessSql } from '../db/queries/income-sql.ts';

export const EMPTY_YOY: YoyCounts = { missing: 0, added: 0, sizeChanged: 0, jumps: 0, vanished: 0 };

const PC = (t: string): string => `(${t}.net_fen * 1.0 / ${t}.size)`;
const VANISHED = [...['wage_fen', 'property_fen', 'transfer_fen'].map((c) => `(p.${c} > 0 AND c.${c} = 0)`),
  `(${hasBusinessSql('p')} AND NOT ${hasBusinessSql('c')})`].join(' OR ');

/** Per township code; townships without households are absent. */
export function yoyByTownship(db: Db, year: number, county: string, jumpRate: number): Map<string, YoyCounts> {
  const rows = db.prepare(
    `SELECT h.township_code AS t,
       sum(p.household_id IS NOT NULL AND c.household_id IS NULL) AS missing,
       sum(c.household_id IS NOT NULL AND p.household_id IS NULL) AS added,
       sum(c.household_id IS NOT NULL AND p.household_id IS NOT NULL AND c.size <> p.size) AS sizeChanged,
       sum(c.household_id IS NOT NULL AND p.household_id IS NOT NULL AND p.net_fen > 0
           AND abs(${PC('c')} - ${PC('p')}) > ? * ${PC('p')}) AS jumps,
       sum(c.household_id IS NOT NULL AND p.household_id IS NOT NULL AND (${VANISHED})) AS vanished
     FROM households h
     LEFT JOIN income_records p ON p.household_id = h.id AND p.year = ?
     LEFT JOIN income_records c ON c.household_id = h.id AND c.year = ?
     WHERE h.county_code = ?
     GROUP BY h.township_code`,
  ).all(jumpRate, year - 1, year, county) as Array<YoyCounts & { t: string }>;
  return new Map(rows.map(({ t, ...c }) => [t, c]));
}

export function sumYoy(list: Iterable<YoyCounts>): YoyCounts {
  const s = { ...EMPTY_YOY };
  for (const c of list) for (const k of Object.keys(s) as Array<keyof YoyCounts>) s[k] += c[k];
  return s;
}

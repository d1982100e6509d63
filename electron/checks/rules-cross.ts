/**
 * Cross-check rules: a member of the ledger whose normalised ID appears in a department list of the
 * rule's kind. `S` joins every stored source of that kind; the source's dept and 截止日期 go into the
 * figures so the township sees which list said so.
 */
import { NOT_MONITORED, type RuleQuery } from './rules-ledger.ts';

const PC = `printf('%.2f', r.net_fen / 100.0 / r.size)`;
const hit = (kinds: string): string => `FROM check_source_rows s JOIN check_sources src ON src.id = s.source_id AND (${kinds})
    JOIN members m ON m.id_number = s.id_number JOIN households h ON h.id = m.household_id`;
const kind = (k: string): string => `src.kind = '${k}'`;
const BASE = `'name', m.name, 'dept', src.dept, 'asOf', src.as_of`;

export const CROSS_RULES: readonly RuleQuery[] = [
  { code: 'X01', sql: `SELECT DISTINCT m.household_id AS hid, m.id AS mid, json_object(${BASE}) AS figures ${hit(kind('死亡'))}` },
  { code: 'X02', sql: `SELECT DISTINCT m.household_id AS hid, m.id AS mid, json_object(${BASE}) AS figures ${hit(kind('财政供养'))}` },
  { code: 'X03', sql: `SELECT DISTINCT m.household_id AS hid, m.id AS mid, json_object(${BASE}, 'pc', ${PC}) AS figures ${hit(kind('车辆'))}
    JOIN income_records r ON r.household_id = h.id AND r.year = :y WHERE r.net_fen / 100.0 / r.size < :lineYuan + :nearMissYuan` },
  { code: 'X04', sql: `SELECT DISTINCT m.household_id AS hid, m.id AS mid, json_object(${BASE}, 'pc', ${PC}) AS figures ${hit(kind('工商'))}
    JOIN income_records r ON r.household_id = h.id AND r.year = :y WHERE r.net_fen / 100.0 / r.size < :lineYuan + :nearMissYuan` },
  { code: 'X05', sql: `SELECT DISTINCT m.household_id AS hid, m.id AS mid, json_object(${BASE}, 'amount', printf('%.2f', s.amount_fen / 100.0), 'type', h.household_type) AS figures
    ${hit(kind('医保'))} WHERE s.amount_fen >= :medicalYuan * 100 AND ${NOT_MONITORED}` },
  { code: 'X06', sql: `SELECT DISTINCT m.household_id AS hid, m.id AS mid, json_object(${BASE}, 'kind', src.kind, 'attr', coalesce(h.poverty_attribute, '')) AS figures
    ${hit(`${kind('低保')} OR ${kind('特困')}`)}
    WHERE h.household_type = '脱贫户' AND coalesce(h.poverty_attribute, '') <> (CASE src.kind WHEN '低保' THEN '低保脱贫户' ELSE '特困供养脱贫户' END)` },
  { code: 'X07', sql: `SELECT DISTINCT m.household_id AS hid, m.id AS mid, json_object(${BASE}, 'health', coalesce(m.health, '')) AS figures
    ${hit(kind('残疾'))} WHERE coalesce(m.health, '') NOT LIKE '%残疾%'` },
];

/**
 * Ledger rules, one SQL query each over households / members / income_records of year :y (and :py =
 * y − 1). Each query yields hid, mid (or NULL) and the figures its message template names. Thresholds
 * arrive as named parameters from check_thresholds; none is written into the SQL.
 */
import { hasBusinessSql } from '../db/queries/income-sql.ts';

export interface RuleQuery {
  code: string;
  sql: string;
}

/** Age in whole years on 31 December of :y, from the generated birth_date. */
const AGE = `(:y - CAST(substr(m.birth_date,1,4) AS INTEGER))`;
const YUAN = (fen: string): string => `printf('%.2f', (${fen}) / 100.0)`;
const PC = `(r.net_fen / 100.0 / r.size)`;
/** A monitoring object is a household with a 监测对象类别 (its 户类型 may still read 脱贫户) or typed 监测户. */
export const NOT_MONITORED = `h.household_type <> '监测户' AND h.monitoring_category IS NULL`;

export const LEDGER_RULES: readonly RuleQuery[] = [
  { code: 'L01', sql: `SELECT r.household_id AS hid, NULL AS mid, json_object('items',
      trim((CASE WHEN p.wage_fen > 0 AND r.wage_fen = 0 THEN '工资性 ' ELSE '' END) ||
           (CASE WHEN ${hasBusinessSql('p')} AND NOT ${hasBusinessSql('r')} THEN '经营性 ' ELSE '' END) ||
           (CASE WHEN p.property_fen > 0 AND r.property_fen = 0 THEN '财产性 ' ELSE '' END) ||
           (CASE WHEN p.transfer_fen > 0 AND r.transfer_fen = 0 THEN '转移性 ' ELSE '' END))) AS figures
    FROM income_records r JOIN income_records p ON p.household_id = r.household_id AND p.year = :py
    WHERE r.year = :y AND ((p.wage_fen > 0 AND r.wage_fen = 0) OR (${hasBusinessSql('p')} AND NOT ${hasBusinessSql('r')})
      OR (p.property_fen > 0 AND r.property_fen = 0) OR (p.transfer_fen > 0 AND r.transfer_fen = 0))` },
  { code: 'L02', sql: `SELECT r.household_id AS hid, NULL AS mid, json_object('prev', ${YUAN('p.net_fen')}, 'net', ${YUAN('r.net_fen')},
      'pct', printf('%.1f', (r.net_fen - p.net_fen) * 100.0 / p.net_fen)) AS figures
    FROM income_records r JOIN income_records p ON p.household_id = r.household_id AND p.year = :py
    WHERE r.year = :y AND p.net_fen > 0 AND abs(r.net_fen - p.net_fen) * 100.0 > :swingPct * p.net_fen` },
  { code: 'L03', sql: `SELECT r.household_id AS hid, NULL AS mid, json_object('prevSize', p.size, 'size', r.size, 'net', ${YUAN('r.net_fen')}) AS figures
    FROM income_records r JOIN income_records p ON p.household_id = r.household_id AND p.year = :py
    WHERE r.year = :y AND r.size <> p.size AND r.net_fen = p.net_fen` },
  { code: 'L04', sql: `SELECT m.household_id AS hid, m.id AS mid, json_object('name', m.name, 'months', m.work_months) AS figures
    FROM members m JOIN income_records r ON r.household_id = m.household_id AND r.year = :y
    WHERE m.work_months > 0 AND r.wage_fen = 0` },
  { code: 'L05', sql: `SELECT m.household_id AS hid, m.id AS mid, json_object('name', m.name, 'age', ${AGE}, 'labour', m.labour) AS figures
    FROM members m WHERE (m.labour = '技能劳动力' OR m.labour = '普通劳动力') AND ${AGE} BETWEEN :studentAgeMin AND :studentAgeMax` },
  { code: 'L06', sql: `SELECT h.id AS hid, NULL AS mid, json_object() AS figures FROM households h
    WHERE EXISTS (SELECT 1 FROM json_each(h.risk_types) WHERE value = '其他') AND trim(coalesce(h.note, '')) = ''` },
  { code: 'L07', sql: `SELECT m.household_id AS hid, m.id AS mid, json_object('name', m.name, 'age', ${AGE}) AS figures
    FROM members m WHERE ${AGE} > :maxAge` },
  { code: 'L08', sql: `SELECT r.household_id AS hid, NULL AS mid, json_object('pc', printf('%.2f', ${PC}), 'margin', :nearMissYuan) AS figures
    FROM income_records r WHERE r.year = :y AND ${PC} >= :lineYuan AND ${PC} < :lineYuan + :nearMissYuan` },
  { code: 'L09', sql: `SELECT r.household_id AS hid, NULL AS mid, json_object('pc', printf('%.2f', ${PC}), 'line', :lineYuan, 'type', h.household_type) AS figures
    FROM income_records r JOIN households h ON h.id = r.household_id
    WHERE r.year = :y AND ${PC} < :lineYuan AND ${NOT_MONITORED}` },
  { code: 'L10', sql: `SELECT h.id AS hid, NULL AS mid, json_object('size', h.size, 'members', count(m.id)) AS figures
    FROM households h LEFT JOIN members m ON m.household_id = h.id GROUP BY h.id HAVING count(m.id) <> h.size` },
  { code: 'L11', sql: `SELECT h.id AS hid, NULL AS mid, json_object('year', :y) AS figures FROM households h
    WHERE NOT EXISTS (SELECT 1 FROM income_records r WHERE r.household_id = h.id AND r.year = :y)` },
  { code: 'L12', sql: `SELECT r.household_id AS hid, NULL AS mid, json_object('net', ${YUAN('r.net_fen')}) AS figures
    FROM income_records r WHERE r.year = :y AND r.net_fen < 0` },
  { code: 'L13', sql: `SELECT h.id AS hid, NULL AS mid, json_object('heads', count(m.id)) AS figures
    FROM households h LEFT JOIN members m ON m.household_id = h.id AND m.relation = '户主' GROUP BY h.id HAVING count(m.id) <> 1` },
  { code: 'L14', sql: `SELECT m.household_id AS hid, m.id AS mid, json_object('name', m.name) AS figures
    FROM members m JOIN income_records r ON r.household_id = m.household_id AND r.year = :y
    WHERE m.welfare_post = 1 AND r.welfare_post_wage_fen = 0` },
  { code: 'L15', sql: `SELECT m.household_id AS hid, m.id AS mid, json_object('name', m.name, 'labour', m.labour, 'months', m.work_months) AS figures
    FROM members m WHERE (m.labour = '丧失劳动力' OR m.labour = '无劳动力') AND m.work_months = 12` },
  { code: 'L16', sql: `SELECT h.id AS hid, NULL AS mid, json_object() AS figures FROM households h
    WHERE h.head_id_number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.id_number = h.head_id_number)` },
];

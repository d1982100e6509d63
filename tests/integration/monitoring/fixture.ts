/**
 * A hand-made two-year ledger (2023, 2024) whose groups are known by construction, written with
 * SQL into a fresh database from openDatabase. Per-capita figures are chosen on the edges: exactly
 * 8,000 (not below), a 1-yuan fall, a fall of a third of a fen, a fall caused by a larger household.
 */
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import type { Db } from '../../../electron/services/context.ts';

export const HUINING = '620422';
export const JINGYUAN = '620421';
export const GUOCHENG = '620422101';
export const HEPAN = '620422102';
export const BEIWAN = '620421101';
export const VILLAGE = '620422101201';

interface HouseholdSpec {
  key: string;
  township: string;
  relocated?: boolean;
  category?: string;
  risks?: string[];
  /** year → [size, net yuan] */
  incomes: Record<number, [number, number]>;
}

export const HOUSEHOLDS: readonly HouseholdSpec[] = [
  { key: 'A', township: GUOCHENG, incomes: { 2023: [2, 16_000], 2024: [2, 16_000] } }, // exactly 8,000: in no group
  { key: 'B', township: GUOCHENG, incomes: { 2023: [3, 24_003], 2024: [3, 24_000] } }, // 8,001 → 8,000: fell 1 yuan
  { key: 'C', township: GUOCHENG, category: '脱贫不稳定户', risks: ['因病'], incomes: { 2023: [4, 30_000], 2024: [4, 31_996] } }, // 7,999: below
  { key: 'D', township: HEPAN, relocated: true, incomes: { 2023: [5, 55_000], 2024: [5, 60_000] } }, // relocated only
  { key: 'E', township: GUOCHENG, relocated: true, category: '突发严重困难户', risks: ['因自然灾害'], incomes: { 2023: [1, 9_000], 2024: [1, 5_000] } },
  { key: 'F', township: BEIWAN, incomes: { 2023: [2, 40_000], 2024: [2, 40_000] } },
  { key: 'G', township: BEIWAN, incomes: { 2024: [3, 21_000] } }, // below, no previous year: not "fell"
  { key: 'H', township: HEPAN, incomes: { 2023: [2, 12_000] } }, // below in 2023, no 2024 record
  { key: 'I', township: HEPAN, incomes: { 2023: [3, 30_000], 2024: [3, 29_999.99] } }, // fell by a third of a fen per person
  { key: 'J', township: HEPAN, incomes: { 2023: [4, 40_000], 2024: [5, 49_995] } }, // net rose, per-capita fell 1 yuan
];

export interface Fixture {
  db: Db;
  ids: Record<string, number>;
  members: Record<string, number>;
}

function birth(age: number, year = 2024): string {
  return `${year - age}0615`;
}

/** Writes (or rewrites) a year's income as a plain UPDATE or INSERT, the way an import or an edit does. */
export function setIncome(db: Db, householdId: number, year: number, size: number, netYuan: number): void {
  const fen = Math.round(netYuan * 100);
  const updated = db.prepare('UPDATE income_records SET size = ?, wage_fen = ? WHERE household_id = ? AND year = ?').run(size, fen, householdId, year);
  if (updated.changes === 0) db.prepare('INSERT INTO income_records (household_id, year, size, wage_fen) VALUES (?, ?, ?, ?)').run(householdId, year, size, fen);
}

export function buildFixture(path: string): Fixture {
  const db = openDatabase(path);
  const ids: Record<string, number> = {};
  const members: Record<string, number> = {};
  db.transaction(() => {
    db.prepare(`INSERT INTO regions (code, level, name, parent_code) VALUES (?, 'village', '测试村', ?)`).run(VILLAGE, GUOCHENG);
    const insert = db.prepare(
      `INSERT INTO households (code, county_code, township_code, village_code, head_name, size, monitoring_category, risk_types, relocated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const h of HOUSEHOLDS) {
      const size = Math.max(...Object.values(h.incomes).map(([s]) => s));
      ids[h.key] = Number(insert.run(`62042200${h.key}`, h.township.slice(0, 6), h.township, h.township === GUOCHENG ? VILLAGE : null,
        `户主${h.key}`, size, h.category ?? null, JSON.stringify(h.risks ?? []), h.relocated ? 1 : 0).lastInsertRowid);
      for (const [year, [s, net]] of Object.entries(h.incomes)) setIncome(db, ids[h.key] as number, Number(year), s, net);
    }
    const member = db.prepare(
      `INSERT INTO members (household_id, name, id_number, relation, labour, health, student_status, work_place_class, work_months, welfare_post)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const add = (key: string, hh: string, name: string, age: number, seq: number, rest: [string, string | null, string, string | null, string | null, number | null, number]): void => {
      members[key] = Number(member.run(ids[hh], name, makeIdNumber(HUINING, birth(age), seq), ...rest).lastInsertRowid);
    };
    // C: an idle able man, a healthy 40-year-old marked weak labour, a pupil.
    add('C1', 'C', '张大山', 45, 11, ['户主', '普通劳动力', '健康', null, null, null, 0]);
    add('C2', 'C', '李秀兰', 40, 12, ['配偶', '弱劳动力或半劳动力', '健康', null, null, null, 0]);
    add('C3', 'C', '张小明', 10, 13, ['之子', '无劳动力', '健康', '小学', null, null, 0]);
    // E: one 72-year-old without labour who is still on a public-welfare post.
    add('E1', 'E', '王老汉', 72, 21, ['户主', '丧失劳动力', '长期慢性病', null, '乡镇内', 12, 1]);
  })();
  return { db, ids, members };
}

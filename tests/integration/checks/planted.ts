/**
 * A small ledger built row by row for the rule tests: clean households that no rule may flag, and one
 * household per rule with exactly that rule's problem planted. Figures are in yuan here, fen in the
 * database. Two years (2023, 2024) so the year-over-year rules have something to compare.
 */
import type { Db } from '../../../electron/db/types.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';

export const TOWN = '620422100';
export const TOWN2 = '620422101';
export const Y = 2024;

export interface Person { name: string; born: string; relation?: string; labour?: string | null; months?: number | null; post?: boolean; health?: string }
export interface Income { size?: number; wage: number; post?: number; gross: number; expense: number; property: number; transfer: number }
export interface Plan {
  key: string; town?: string; size?: number; type?: string; attr?: string | null; category?: string | null; risks?: string[]; note?: string | null;
  headId?: string; people?: Person[]; y2023?: Income | null; y2024?: Income | null;
}
export interface Built { hid: number; mids: number[]; ids: string[] }

let seq = 0;
const CLEAN_PEOPLE: Person[] = [
  { name: '户主', born: '19790301', relation: '户主', labour: '普通劳动力', months: 10 },
  { name: '配偶', born: '19810702', relation: '配偶', labour: '普通劳动力' },
  { name: '子女', born: '20140905', relation: '子', labour: null, health: '健康' },
];
/** Net 43,000 and 45,000 for three people: about 15,000 a head, far from every line. */
export const CLEAN_2023: Income = { wage: 30000, gross: 10000, expense: 3000, property: 1000, transfer: 5000 };
export const CLEAN_2024: Income = { wage: 32000, gross: 10000, expense: 3000, property: 1000, transfer: 5000 };
/** About 6,000 a head: under the monitoring line, so only a monitored household may have it. */
export const LOW_2023: Income = { wage: 9000, gross: 4000, expense: 1000, property: 500, transfer: 4500 };
export const LOW_2024: Income = { wage: 9500, gross: 4000, expense: 1000, property: 500, transfer: 5000 };

const fen = (y: number): number => Math.round(y * 100);

function insertIncome(db: Db, hid: number, year: number, size: number, i: Income): void {
  db.prepare(`INSERT INTO income_records (household_id, year, size, wage_fen, welfare_post_wage_fen, business_gross_fen, business_expense_fen, property_fen, transfer_fen)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(hid, year, i.size ?? size, fen(i.wage), fen(i.post ?? 0), fen(i.gross), fen(i.expense), fen(i.property), fen(i.transfer));
}

export function plant(db: Db, p: Plan): Built {
  seq++;
  const people = p.people ?? CLEAN_PEOPLE;
  const ids = people.map((m, i) => makeIdNumber('620422', m.born, (seq * 7 + i) % 1000));
  const size = p.size ?? people.length;
  const town = p.town ?? TOWN;
  const hid = Number(db.prepare(`INSERT INTO households (code, county_code, township_code, village_code, head_name, head_id_number, size, household_type,
      poverty_attribute, monitoring_category, risk_types, note) VALUES (?, '620422', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(`${town}T${String(seq).padStart(4, '0')}`, town, `${p.key}户主`, p.headId ?? ids[0], size, p.type ?? '脱贫户',
      p.attr === undefined ? '一般脱贫户' : p.attr, p.category ?? null, JSON.stringify(p.risks ?? []), p.note ?? null).lastInsertRowid);
  const mids = people.map((m, i) => Number(db.prepare(`INSERT INTO members (household_id, name, id_number, relation, labour, health, work_months, welfare_post)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(hid, `${p.key}${m.name}`, ids[i], m.relation ?? '其他', m.labour === undefined ? '普通劳动力' : m.labour,
      m.health ?? '健康', m.months ?? null, m.post ? 1 : 0).lastInsertRowid));
  const y23 = p.y2023 === undefined ? CLEAN_2023 : p.y2023;
  const y24 = p.y2024 === undefined ? CLEAN_2024 : p.y2024;
  if (y23) insertIncome(db, hid, Y - 1, size, y23);
  if (y24) insertIncome(db, hid, Y, size, y24);
  return { hid, mids, ids };
}

const person = (over: Partial<Person> & { name: string }): Person => ({ born: '19850101', labour: '普通劳动力', ...over });
const withPeople = (...extra: Person[]): Person[] => [...CLEAN_PEOPLE, ...extra];
const monitored: Partial<Plan> = { category: '脱贫不稳定户', risks: ['因病'], y2023: LOW_2023, y2024: LOW_2024 };

/** One household per ledger rule; `member` names the member index the finding is about (else the household). */
export const LEDGER_PLANTS: Record<string, { plan: Plan; member?: number }> = {
  L01: { plan: { key: 'L01', y2024: { ...CLEAN_2024, property: 0, wage: 33000 } } },
  L02: { plan: { key: 'L02', y2024: { ...CLEAN_2024, wage: 80000 } } },
  L03: { plan: { key: 'L03', people: withPeople(person({ name: '儿媳', relation: '儿媳' })), y2023: { ...CLEAN_2023, size: 3 }, y2024: CLEAN_2023 } },
  L04: { plan: { key: 'L04', y2023: { ...CLEAN_2023, wage: 0, gross: 40000 }, y2024: { ...CLEAN_2024, wage: 0, gross: 42000 } }, member: 0 },
  L05: { plan: { key: 'L05', people: withPeople(person({ name: '学生', born: '20120505', relation: '孙子' })) }, member: 3 },
  L06: { plan: { key: 'L06', risks: ['其他'], note: '  ' } },
  L07: { plan: { key: 'L07', people: withPeople(person({ name: '老人', born: '19200101', relation: '父亲', labour: '无劳动力' })) }, member: 3 },
  L08: { plan: { key: 'L08', y2023: { ...CLEAN_2023, wage: 12000, gross: 4000, expense: 1000, property: 600, transfer: 4000 },
    y2024: { ...CLEAN_2024, wage: 15400, gross: 4000, expense: 1000, property: 600, transfer: 5000 } } },
  L09: { plan: { key: 'L09', y2023: LOW_2023, y2024: LOW_2024 } },
  L10: { plan: { key: 'L10', size: 4 } },
  L11: { plan: { key: 'L11', y2024: null } },
  L12: { plan: { key: 'L12', ...monitored, y2023: { wage: 1000, gross: 1000, expense: 20000, property: 1000, transfer: 1000 }, y2024: { wage: 1000, gross: 1000, expense: 20000, property: 1000, transfer: 1000 } } },
  L13: { plan: { key: 'L13', people: [CLEAN_PEOPLE[0]!, { ...CLEAN_PEOPLE[1]!, relation: '户主' }, CLEAN_PEOPLE[2]!] } },
  L14: { plan: { key: 'L14', people: withPeople(person({ name: '护林员', born: '19650101', relation: '父亲', labour: '弱劳动力或半劳动力', months: 12, post: true })), size: 4 }, member: 3 },
  L15: { plan: { key: 'L15', people: withPeople(person({ name: '病人', born: '19600101', relation: '母亲', labour: '丧失劳动力', months: 12 })) }, member: 3 },
  L16: { plan: { key: 'L16', headId: makeIdNumber('620422', '19700101', 998) } },
};

/** Households no rule may flag, each close to a rule's edge: the clean side of every planted case. */
export const CLEAN_PLANS: Plan[] = [
  { key: '正常甲' },
  { key: '正常乙', town: TOWN2 },
  // Under the line but monitored through its 监测对象类别 while 户类型 still reads 脱贫户 (the L09 bug).
  { key: '监测低收入', ...monitored },
  { key: '监测户类型', type: '监测户', category: '边缘易致贫户', attr: null, risks: ['因学'], y2023: LOW_2023, y2024: LOW_2024 },
  // A post with its wage, a 其他 risk with a note, a student not marked as labour, a 99-year-old.
  { key: '公益岗', people: withPeople(person({ name: '保洁员', born: '19650101', relation: '父亲', labour: '弱劳动力或半劳动力', months: 12, post: true })),
    y2023: { ...CLEAN_2023, post: 6000 }, y2024: { ...CLEAN_2024, post: 6000 } },
  { key: '其他有说明', risks: ['其他'], note: '因房屋漏雨需维修' },
  { key: '高龄', people: withPeople(person({ name: '老人', born: `${Y - 99}0101`, relation: '母亲', labour: '无劳动力' })) },
  // Swing just inside ±50 % (43,000 → 64,000 is +48.8 %).
  { key: '增收', y2024: { ...CLEAN_2024, wage: 51000 } },
];

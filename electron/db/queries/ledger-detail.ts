/**
 * One household as the household page shows it: members (IDs masked; sex and age from the ID),
 * income by year with per-capita, change, the year's target and the 两类群体 line, the group flags
 * and the change history from the audit log.
 */
import type { AuditItem, HouseholdDetail, IncomeYear, MemberDetail } from '../../../shared/api/ledger.ts';
import { ageOn, maskIdNumber } from '../../../shared/domain/id-number.ts';
import { businessNet, fenToYuan, growth, householdNet, perCapita, round2 } from '../../../shared/domain/income.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Db } from '../types.ts';
import { belowLine, targetFor } from './references.ts';

const AUDIT_LIMIT = 500;

interface HouseholdRecord {
  id: number; code: string; county_code: string; township_code: string; village_code: string | null;
  group_name: string | null; head_name: string; head_id_number: string | null; size: number;
  household_type: string; poverty_attribute: string | null; monitoring_category: string | null;
  risk_types: string; relocated: number; phone: string | null; note: string | null; updated_at: string;
  county: string | null; township: string | null; village: string | null;
}

interface MemberRecord {
  id: number; name: string; id_number: string; id_type: string; sex: '男' | '女'; birth_date: string;
  relation: string; labour: string | null; health: string | null; education: string | null;
  student_status: string | null; work_place_class: string | null; work_months: number | null;
  welfare_post: number; phone: string | null;
}

interface IncomeRecord {
  year: number; size: number; wage_fen: number; welfare_post_wage_fen: number; business_gross_fen: number;
  business_expense_fen: number; business_net_fen: number | null; property_fen: number; transfer_fen: number; net_fen: number;
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The latest year with any income record (the list's default year); null on an empty ledger. */
export function latestIncomeYear(db: Db): number | null {
  return (db.prepare('SELECT max(year) AS y FROM income_records').get() as { y: number | null }).y;
}

export function loadHousehold(db: Db, id: number): HouseholdRecord {
  const h = db.prepare(
    `SELECT h.*, c.name AS county, t.name AS township, v.name AS village FROM households h
     LEFT JOIN regions c ON c.code = h.county_code LEFT JOIN regions t ON t.code = h.township_code
     LEFT JOIN regions v ON v.code = h.village_code WHERE h.id = ?`,
  ).get(id) as HouseholdRecord | undefined;
  if (!h) throw new AppError('not-found', `找不到该户（编号 ${id}），可能已被删除。`);
  return h;
}

function members(db: Db, householdId: number, today: Date): MemberDetail[] {
  // The head first, then the order the members were entered in.
  const rows = db.prepare(`SELECT * FROM members WHERE household_id = ? ORDER BY relation <> '户主', id`).all(householdId) as MemberRecord[];
  return rows.map((m) => ({
    id: m.id, name: m.name, idMasked: maskIdNumber(m.id_number), idType: m.id_type, sex: m.sex, birthDate: m.birth_date,
    age: ageOn(m.id_number, today), relation: m.relation, labour: m.labour, health: m.health, education: m.education,
    studentStatus: m.student_status, workPlaceClass: m.work_place_class, workMonths: m.work_months,
    welfarePost: m.welfare_post === 1, phone: m.phone,
  }));
}

function incomes(db: Db, householdId: number, scopeCode: string): IncomeYear[] {
  const rows = db.prepare('SELECT * FROM income_records WHERE household_id = ? ORDER BY year').all(householdId) as IncomeRecord[];
  const out: IncomeYear[] = [];
  let prev: IncomeRecord | null = null;
  for (const r of rows) {
    const parts = { wage: r.wage_fen, businessGross: r.business_gross_fen, businessExpense: r.business_expense_fen, businessNetOnly: r.business_net_fen, property: r.property_fen, transfer: r.transfer_fen };
    const net = householdNet(parts);
    const pcFen = perCapita(net, r.size);
    const adjacent = prev !== null && prev.year === r.year - 1 ? prev : null;
    const prevPc = adjacent ? perCapita(adjacent.net_fen, adjacent.size) : null;
    const line = belowLine(db, r.year);
    out.push({
      year: r.year, size: r.size, wage: fenToYuan(r.wage_fen), welfarePostWage: fenToYuan(r.welfare_post_wage_fen),
      businessGross: fenToYuan(r.business_gross_fen), businessExpense: fenToYuan(r.business_expense_fen),
      businessNet: fenToYuan(businessNet(parts)), businessNetOnly: r.business_net_fen !== null, property: fenToYuan(r.property_fen), transfer: fenToYuan(r.transfer_fen),
      net: fenToYuan(net), perCapita: pcFen === null ? null : fenToYuan(pcFen),
      change: pcFen !== null && prevPc !== null ? round2((pcFen - prevPc) / 100) : null,
      growth: pcFen !== null ? growth(pcFen, prevPc) : null,
      target: targetFor(db, r.year, scopeCode), line,
      // Cross-multiplied, as in the stats query and the figures table: no rounding at the line.
      below: net < Math.round(line * 100) * r.size,
      decreased: adjacent !== null && net * adjacent.size < adjacent.net_fen * r.size,
    });
    prev = r;
  }
  return out;
}

function audit(db: Db, householdId: number): AuditItem[] {
  const rows = db.prepare(
    `SELECT id, at, operator, action, table_name, field, old_value, new_value,
       json_extract(detail, '$.year') AS year, json_extract(detail, '$.reason') AS reason FROM audit_log
     WHERE household_id = ? ORDER BY id DESC LIMIT ${AUDIT_LIMIT}`,
  ).all(householdId) as Array<{ id: number; at: string; operator: string; action: string; table_name: string | null; field: string | null;
    old_value: string | null; new_value: string | null; year: unknown; reason: unknown }>;
  return rows.map((r) => ({
    id: r.id, at: r.at, operator: r.operator, action: r.action, table: r.table_name, field: r.field,
    oldValue: maskIfId(r.field, r.old_value), newValue: maskIfId(r.field, r.new_value),
    year: typeof r.year === 'number' ? r.year : null, reason: typeof r.reason === 'string' ? r.reason : null,
  }));
}

/** The history shows what changed without handing out full ID numbers (the log itself keeps them). */
function maskIfId(field: string | null, value: string | null): string | null {
  if (value === null) return null;
  if (field === 'id_number' || field === 'head_id_number') return maskIdNumber(value);
  return value.replace(/\b\d{17}[\dX]\b/g, (id) => maskIdNumber(id));
}

export function householdDetail(db: Db, id: number, year: number | undefined, today: Date = new Date()): HouseholdDetail {
  const h = loadHousehold(db, id);
  const inc = incomes(db, id, h.village_code ?? h.township_code);
  const chosen = year === undefined ? inc[inc.length - 1] : inc.find((r) => r.year === year);
  const relocated = h.relocated === 1;
  const below = chosen?.below ?? false;
  const decreased = chosen?.decreased ?? false;
  return {
    id: h.id, code: h.code, countyCode: h.county_code, county: h.county ?? h.county_code, townshipCode: h.township_code,
    township: h.township ?? h.township_code, villageCode: h.village_code, village: h.village, groupName: h.group_name,
    headName: h.head_name, headIdMasked: h.head_id_number ? maskIdNumber(h.head_id_number) : null, size: h.size,
    householdType: h.household_type, povertyAttribute: h.poverty_attribute, monitoringCategory: h.monitoring_category,
    riskTypes: parseList(h.risk_types), relocated, phone: h.phone, note: h.note, updatedAt: h.updated_at,
    members: members(db, id, today), incomes: inc, year: chosen?.year ?? year ?? null,
    flags: { below, decreased, relocated, twoGroups: below || decreased || relocated },
    audit: audit(db, id),
  };
}

/**
 * The full ledger for exchange with another copy of the app: one member row with every household
 * and member field and the household's incomes of one year, under exactly the importer's canonical
 * headers (shared/domain/import-headers.ts), so importing the file gives back the same `stats`.
 * One year per file, like a township's sheet: the importer takes a file as one snapshot of the
 * ledger (a person twice in one file is a duplicate), so the years go out as one file each and
 * come back in by importing them in order. Household values are
 * repeated on every member row rather than merged: a streamed row cannot be merged after the fact,
 * and repeated values survive sorting and filtering in Excel.
 */
import { ageOn } from '../../shared/domain/id-number.ts';
import { FIELD_BY_KEY, type FieldKey } from '../../shared/domain/import-headers.ts';
import { fenToYuan, weightedPerCapita } from '../../shared/domain/income.ts';
import { breathe, formTitle, idText, scopeSql, YIELD_EVERY, type FormContext, type FormOutcome } from './form.ts';
import { FormSheet, type CellValue, type ColumnKind, type FormColumn, type FormWorkbook } from './layout.ts';
import { ledgerHouseholds, type LedgerHousehold, type LedgerMember } from './ledger-rows.ts';

/** Data rows per sheet before a continuation sheet starts (Excel's limit is 1,048,576 rows). */
export const MAX_SHEET_ROWS = 1_000_000;

const COLUMN_SPEC: ReadonlyArray<readonly [FieldKey, ColumnKind, number]> = [
  ['county', 'text', 8], ['township', 'text', 10], ['village', 'text', 10], ['group', 'text', 6], ['householdCode', 'id', 18],
  ['headName', 'text', 8], ['headIdNumber', 'id', 20], ['size', 'count', 6], ['householdType', 'text', 8], ['povertyAttribute', 'text', 11],
  ['monitoringCategory', 'text', 12], ['riskTypes', 'text', 12], ['identifiedYm', 'id', 9], ['riskEliminated', 'text', 7],
  ['eliminationMethod', 'text', 9], ['eliminatedYm', 'id', 9], ['relocated', 'text', 7], ['phone', 'id', 13], ['note', 'text', 12],
  ['name', 'text', 8], ['idNumber', 'id', 20], ['idType', 'text', 10], ['personCode', 'id', 12], ['relation', 'text', 8],
  ['sex', 'text', 5], ['age', 'count', 5], ['birthDate', 'id', 11], ['labour', 'text', 12], ['health', 'text', 10],
  ['education', 'text', 9], ['studentStatus', 'text', 12], ['workPlaceClass', 'text', 9], ['workMonths', 'count', 7],
  ['welfarePost', 'text', 7], ['memberPhone', 'id', 13], ['year', 'seq', 6],
  ['wage', 'money', 11], ['welfarePostWage', 'money', 11], ['businessGross', 'money', 11], ['businessExpense', 'money', 11], ['businessNet', 'money', 11],
  ['property', 'money', 10], ['transfer', 'money', 10], ['net', 'money', 11], ['perCapita', 'money', 11],
];

export const LEDGER_COLUMNS: readonly FormColumn[] = COLUMN_SPEC.map(([key, kind, width]) => ({
  header: FIELD_BY_KEY.get(key)?.header ?? key,
  kind,
  width,
}));

const yesNo = (b: number | null): string | null => (b === null ? null : b ? '是' : '否');

function riskText(json: string): string | null {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) && list.length ? list.join('、') : null;
  } catch {
    return null;
  }
}

/** The household half of a row; computed once per household and reused for its members. */
function householdCells(r: LedgerHousehold, showIds: boolean): CellValue[] {
  return [
    r.county, r.township, r.village, r.group_name, r.code, r.head_name, idText(r.head_id, showIds), r.size, r.household_type,
    r.poverty_attribute, r.monitoring_category, riskText(r.risk_types), r.identified_ym, yesNo(r.risk_eliminated),
    r.elimination_method, r.eliminated_ym, yesNo(r.relocated), r.hphone, r.note,
  ];
}

function incomeCells(r: LedgerHousehold): CellValue[] {
  const pc = weightedPerCapita(r.net, r.size);
  return [
    // 经营净收入 only where the ledger holds it as one figure: a split year re-imports as its split.
    r.year, fenToYuan(r.wage), fenToYuan(r.post_wage), fenToYuan(r.gross), fenToYuan(r.expense),
    r.business_net === null ? null : fenToYuan(r.business_net), fenToYuan(r.property),
    fenToYuan(r.transfer), fenToYuan(r.net), pc === null ? null : fenToYuan(pc),
  ];
}

export function memberCells(r: LedgerMember, showIds: boolean, yearEnd: Date): CellValue[] {
  const id = showIds && r.id_extra ? r.id_number + r.id_extra : r.id_number;
  return [
    r.name, idText(id, showIds), r.id_type, r.person_code, r.relation, r.sex, ageOn(r.id_number, yearEnd), r.birth_date, r.labour,
    r.health, r.education, r.student_status, r.work_place_class, r.work_months, yesNo(r.welfare_post), r.mphone,
  ];
}

function put(row: CellValue[], at: number, cells: readonly CellValue[]): void {
  for (let i = 0; i < cells.length; i++) row[at + i] = cells[i];
}

interface Totals { households: number; persons: number; wage: number; post: number; gross: number; expense: number; businessNet: number; property: number; transfer: number; net: number }

const col = (key: FieldKey): number => COLUMN_SPEC.findIndex(([k]) => k === key);
/** Where the member's cells start in a row (after householdCells), and where the incomes start. */
const MEMBER_AT = col('name');
const INCOME_AT = col('year');

function totalRow(t: Totals): CellValue[] {
  const cells: CellValue[] = new Array<CellValue>(LEDGER_COLUMNS.length).fill(null);
  const put = (key: FieldKey, v: CellValue): void => void (cells[col(key)] = v);
  put('county', '合计');
  put('householdCode', `${t.households}户`);
  put('size', t.persons);
  put('wage', fenToYuan(t.wage));
  put('welfarePostWage', fenToYuan(t.post));
  put('businessGross', fenToYuan(t.gross));
  put('businessExpense', fenToYuan(t.expense));
  put('businessNet', fenToYuan(t.businessNet));
  put('property', fenToYuan(t.property));
  put('transfer', fenToYuan(t.transfer));
  put('net', fenToYuan(t.net));
  const pc = weightedPerCapita(t.net, t.persons);
  put('perCapita', pc === null ? null : fenToYuan(pc));
  return cells;
}

async function writeYear(book: FormWorkbook, f: FormContext, year: number, done: { rows: number; total: number }, sheets: string[]): Promise<void> {
  const s = scopeSql(f.scope);
  const meta = (part: number) => ({
    title: formTitle('ledger', f.scope, year), signatures: f.signatures, date: f.date, frozenColumns: 6, sparse: true,
    sheetName: part === 0 ? `${year}年` : `${year}年（续${part}）`,
  });
  let part = 0;
  let sheet = new FormSheet(book, LEDGER_COLUMNS, meta(part));
  const t: Totals = { households: 0, persons: 0, wage: 0, post: 0, gross: 0, expense: 0, businessNet: 0, property: 0, transfer: 0, net: 0 };
  const yearEnd = new Date(year, 11, 31);
  // One row array for the whole sheet (the direct writer does not keep it): the household's cells
  // are put in once per household, the member's per member.
  const row = new Array<CellValue>(LEDGER_COLUMNS.length);
  for (const [h, members] of ledgerHouseholds(f.db, s.where, s.params, year)) {
    if (done.rows >= f.limit) break;
    put(row, 0, householdCells(h, f.showIds));
    put(row, INCOME_AT, incomeCells(h));
    t.households++;
    t.persons += h.size;
    t.wage += h.wage; t.post += h.post_wage; t.gross += h.gross; t.expense += h.expense; t.businessNet += h.business_net ?? 0; t.property += h.property; t.transfer += h.transfer; t.net += h.net;
    // A household never straddles two sheets: the importer reads each sheet on its own.
    if (sheet.rowCount >= MAX_SHEET_ROWS) {
      sheet.finish();
      sheets.push(sheet.sheet.name);
      sheet = new FormSheet(book, LEDGER_COLUMNS, meta(++part));
    }
    for (const m of members) {
      if (done.rows >= f.limit) break;
      put(row, MEMBER_AT, memberCells(m, f.showIds, yearEnd));
      sheet.addDirectRow(row);
      if (++done.rows % YIELD_EVERY === 0) await breathe(f, sheet, `写入 ${year} 年台账`, done.rows, done.total);
    }
  }
  sheet.addRow(totalRow(t), 'total');
  sheet.finish();
  sheets.push(sheet.sheet.name);
}

export async function writeLedger(book: FormWorkbook, f: FormContext): Promise<FormOutcome> {
  const s = scopeSql(f.scope);
  const countSql = `SELECT count(*) AS n FROM income_records r JOIN households h ON h.id = r.household_id JOIN members m ON m.household_id = h.id
    WHERE r.year = @year AND ${s.where}`;
  const total = (f.db.prepare(countSql).get({ ...s.params, year: f.year }) as { n: number }).n;
  const done = { rows: 0, total };
  const sheets: string[] = [];
  await writeYear(book, f, f.year, done, sheets);
  f.progress('完成', done.rows, total);
  return { rows: done.rows, sheets };
}

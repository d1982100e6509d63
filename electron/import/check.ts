/**
 * Checks one household group: every member row, the household part (from the 户主 row), income,
 * region, year, and the figures that must agree. Any error refuses the whole household; the
 * problems go to the sink with the sheet, Excel row and the header as the file wrote it.
 */
import type { FieldKey } from '../../shared/domain/import-headers.ts';
import { cellText } from '../../shared/domain/import-values.ts';
import {
  incomeConsistency, validateHouseholdRow, validateIncomeRow, validateMemberRow,
  type HouseholdValues, type IncomeValues, type MemberValues, type RowCells, type RowIssue,
} from '../../shared/domain/import-rows.ts';
import type { SheetLayout } from './header.ts';
import type { IssueSink } from './issues.ts';
import type { RegionResolver } from './regions.ts';
import type { DataRow, RowGroup } from './rows.ts';

export interface SheetContext {
  sheet: string;
  layout: SheetLayout;
  countyCode: string | null;
  townshipCode: string | null;
  year: number | null;
}

export interface CheckedMember extends MemberValues {
  row: number;
}

export interface CheckedHousehold {
  firstRow: number;
  household: HouseholdValues & { size: number };
  members: CheckedMember[];
  income: IncomeValues | null;
  year: number | null;
  countyCode: string;
  townshipCode: string;
  villageName: string | null;
}

/**
 * State shared across the groups of one file (duplicate detection). Places are numbers (sheet index
 * × 2^21 + Excel row) rather than strings: the city file has 37万 IDs to remember.
 */
export interface FileState {
  seenIds: Map<string, number>;
  seenHouseholds: Map<string, number>;
  sheets: string[];
}

const ROW_SPAN = 2 ** 21;

function placeOf(st: FileState, sheet: string, row: number): number {
  let i = st.sheets.indexOf(sheet);
  if (i < 0) i = st.sheets.push(sheet) - 1;
  return i * ROW_SPAN + row;
}

function placeText(st: FileState, place: number): string {
  return `工作表“${st.sheets[Math.floor(place / ROW_SPAN)] ?? ''}”第 ${place % ROW_SPAN} 行`;
}

const INCOME_FIELDS: readonly FieldKey[] = ['wage', 'welfarePostWage', 'businessGross', 'businessExpense', 'property', 'transfer', 'net', 'perCapita', 'year'];

class GroupIssues {
  errors = 0;
  private readonly sc: SheetContext;
  private readonly sink: IssueSink;
  constructor(sc: SheetContext, sink: IssueSink) {
    this.sc = sc;
    this.sink = sink;
  }
  private column(field: FieldKey | null): string {
    const col = field === null ? undefined : this.sc.layout.fieldCol.get(field);
    return col === undefined ? '' : (this.sc.layout.columns[col]?.header ?? '');
  }
  add(row: number, list: RowIssue[], severity: 'error' | 'warning'): void {
    for (const i of list) {
      const issue = { sheet: this.sc.sheet, row, column: this.column(i.field), code: i.code, message: i.message };
      if (severity === 'error') {
        this.errors++;
        this.sink.error(issue);
      } else this.sink.warn(issue);
    }
  }
  error(row: number, field: FieldKey | null, code: string, message: string): void {
    this.add(row, [{ field, code, message }], 'error');
  }
  warn(row: number, field: FieldKey | null, code: string, message: string): void {
    this.add(row, [{ field, code, message }], 'warning');
  }
}

function headRow(g: RowGroup): DataRow {
  return g.rows.find((r) => ['户主', '本人'].includes(cellText(r.cells.relation ?? null))) ?? g.rows[0]!;
}

function checkMembers(g: RowGroup, sc: SheetContext, st: FileState, gi: GroupIssues): CheckedMember[] {
  const out: CheckedMember[] = [];
  for (const r of g.rows) {
    const cells: RowCells = sc.layout.level === 'member' ? r.cells
      : { ...r.cells, name: r.cells.headName ?? r.cells.name ?? null, idNumber: r.cells.idNumber ?? r.cells.headIdNumber ?? null, relation: '户主' };
    const m = validateMemberRow(cells);
    gi.add(r.n, m.errors, 'error');
    gi.add(r.n, m.warnings, 'warning');
    if (!m.value) continue;
    const first = st.seenIds.get(m.value.idNumber);
    if (first !== undefined) {
      gi.error(r.n, 'idNumber', 'duplicate-id', `证件号码与${placeText(st, first)}重复`);
      continue;
    }
    st.seenIds.set(m.value.idNumber, placeOf(st, sc.sheet, r.n));
    out.push({ ...m.value, row: r.n });
  }
  return out;
}

function resolveRegion(head: DataRow, sc: SheetContext, regions: RegionResolver, gi: GroupIssues): { county: string; township: string } | null {
  const countyText = cellText(head.cells.county ?? null);
  const townText = cellText(head.cells.township ?? null);
  let county = sc.countyCode;
  if (countyText) {
    county = regions.county(countyText);
    if (!county) {
      gi.error(head.n, 'county', 'unknown-township', `县区“${countyText}”不在白银市的区划目录中`);
      return null;
    }
  }
  const township = townText ? regions.township(townText, county) : sc.townshipCode;
  if (!township) {
    gi.error(head.n, townText ? 'township' : null, 'unknown-township', townText
      ? `乡镇“${townText}”不在${county ? '该县的' : ''}区划目录中（已按别名和去掉“镇/乡”后比对）`
      : '无法确定乡镇：表中没有乡镇列，标题、工作表名和文件名中也没有可识别的乡镇名称');
    return null;
  }
  if (county && township.slice(0, 6) !== county) {
    gi.error(head.n, 'township', 'unknown-township', `乡镇“${townText || regions.townshipName(township)}”不属于所填县区`);
    return null;
  }
  return { county: township.slice(0, 6), township };
}

function warnInconsistent(g: RowGroup, head: DataRow, gi: GroupIssues): void {
  for (const f of INCOME_FIELDS) {
    const v = cellText(head.cells[f] ?? null);
    const other = g.rows.find((r) => r !== head && cellText(r.cells[f] ?? null) !== '' && cellText(r.cells[f] ?? null) !== v);
    if (other) gi.warn(other.n, f, 'inconsistent-value', `同一户各行的数值不一致：户主行为“${v}”，本行为“${cellText(other.cells[f] ?? null)}”（按户主行导入）`);
  }
}

function checkIncome(g: RowGroup, head: DataRow, sc: SheetContext, gi: GroupIssues): { income: IncomeValues | null; year: number | null } {
  if (!INCOME_FIELDS.some((f) => sc.layout.fieldCol.has(f))) return { income: null, year: sc.year };
  const inc = validateIncomeRow(head.cells);
  gi.add(head.n, inc.errors, 'error');
  gi.add(head.n, inc.warnings, 'warning');
  if (g.rows.length > 1) warnInconsistent(g, head, gi);
  const year = inc.value?.year ?? sc.year;
  if (inc.value?.present && year === null) gi.error(head.n, 'year', 'missing-year', '无法确定收入所属年度：表中没有年度列，标题和文件名中也没有年份，请用 --year 指定');
  return { income: inc.value, year };
}

export function checkGroup(g: RowGroup, sc: SheetContext, st: FileState, regions: RegionResolver, sink: IssueSink): CheckedHousehold | null {
  const gi = new GroupIssues(sc, sink);
  const head = headRow(g);
  const members = checkMembers(g, sc, st, gi);
  const region = resolveRegion(head, sc, regions, gi);
  const headMember = members.find((m) => m.row === head.n);
  const hv = validateHouseholdRow({ ...head.cells, headName: head.cells.headName ?? head.cells.name ?? null,
    headIdNumber: head.cells.headIdNumber ?? (headMember ? headMember.idNumber : null) });
  gi.add(head.n, hv.errors, 'error');
  gi.add(head.n, hv.warnings, 'warning');
  const { income, year } = checkIncome(g, head, sc, gi);
  const level = sc.layout.level;
  if (level === 'member' && sc.layout.fieldCol.has('relation')) {
    const heads = g.rows.filter((r) => ['户主', '本人'].includes(cellText(r.cells.relation ?? null))).length;
    if (heads !== 1) gi.warn(head.n, 'relation', 'head-count', `该户有 ${heads} 名“户主”（应为 1 名）`);
  }
  const size = hv.value?.size ?? (level === 'member' ? g.rows.length : null);
  if (hv.value && size === null) gi.error(head.n, 'size', 'bad-size', '缺少家庭人口数');
  if (level === 'member' && hv.value?.size && hv.value.size !== g.rows.length) {
    gi.warn(head.n, 'size', 'size-mismatch', `家庭人口数填 ${hv.value.size}，本表列出该户 ${g.rows.length} 名成员`);
  }
  if (income && size) gi.add(head.n, incomeConsistency(income, size), 'warning');
  if (hv.value && !hv.value.householdCode && !hv.value.headIdNumber) gi.error(head.n, 'headIdNumber', 'missing-id', '既没有户编号，也没有户主证件号码，无法确定是哪一户');
  const seen = st.seenHouseholds.get(g.key);
  if (seen !== undefined && !g.key.startsWith('R:') && !g.key.startsWith('S:') && !g.key.startsWith('N:')) {
    gi.error(head.n, 'householdCode', 'split-household', `同一户已在${placeText(st, seen)}出现；同一户的成员行应连续填写`);
  }
  // Keys of households without a code or head ID are per-row anyway; remembering them costs only memory.
  if (!/^[RSN]:/.test(g.key)) st.seenHouseholds.set(g.key, placeOf(st, sc.sheet, head.n));
  if (gi.errors > 0 || !hv.value || !region || size === null) return null;
  const village = cellText(head.cells.village ?? null);
  return {
    firstRow: g.rows[0]!.n, household: { ...hv.value, size }, members, income, year,
    countyCode: region.county, townshipCode: region.township, villageName: village === '' ? null : village,
  };
}

/**
 * Checks one household group: every member row, the household part (from the 户主 row), income,
 * region, year, and the figures that must agree. Any error refuses the whole household; the
 * problems go to the sink with the sheet, Excel row and the header as the file wrote it.
 */
import type { FieldKey } from '../../../shared/domain/import-headers.ts';
import { cellText } from '../../../shared/domain/import-values.ts';
import {
  validateHouseholdRow, validateIncomeRow, validateMemberRow,
  type HouseholdValues, type IncomeValues, type MemberValues, type RowCells, type RowIssue,
} from '../../../shared/domain/import-rows.ts';
import { compareIncomeTotals, emptyTallies, incomeConsistency, tallyTotal, type TotalComparison, type TotalTallies } from '../../../shared/domain/import-consistency.ts';
import type { SheetLayout } from './header.ts';
import { IdPlaces } from './id-places.ts';
import { warnInvisible } from './invisible.ts';
import type { IssueSink } from './issues.ts';
import type { RegionResolver } from '../regions.ts';
import type { DataRow, RowGroup } from './rows.ts';
import type { WideBlock } from '../formats/wide-rows.ts';

export interface SheetContext {
  sheet: string;
  layout: SheetLayout;
  countyCode: string | null;
  townshipCode: string | null;
  year: number | null;
}

export interface CheckedMember extends MemberValues {
  row: number;
  /** Mapped member fields left blank on this row: on a re-import they keep the ledger's value. */
  blank: FieldKey[];
}

export interface CheckedHousehold {
  /** The household's key within the file (C:户编号 / H:户主证件号码 / per-row), to find a split's earlier part. */
  key: string;
  firstRow: number;
  household: HouseholdValues & { size: number };
  /** 家庭人口数 as the file wrote it (null when blank or not a column): the roster rule needs it, not the fallback. */
  sizeInFile: number | null;
  members: CheckedMember[];
  income: IncomeValues | null;
  year: number | null;
  countyCode: string;
  townshipCode: string;
  villageName: string | null;
  /** Mapped household and income fields left blank on the 户主 row (see CheckedMember.blank). */
  blank: FieldKey[];
}

/**
 * Fields whose blank cell means "not reported" rather than "none": a re-import must not erase what
 * the ledger holds (writer.ts keeps the old value unless the user chose to clear blanks).
 */
const MEMBER_BLANKABLE: readonly FieldKey[] = ['idType', 'personCode', 'relation', 'labour', 'health', 'education', 'studentStatus', 'workPlaceClass', 'workMonths', 'welfarePost', 'memberPhone'];
const HOUSEHOLD_BLANKABLE: readonly FieldKey[] = [
  'village', 'group', 'householdType', 'monitoringCategory', 'povertyAttribute', 'riskTypes', 'identifiedYm', 'riskEliminated',
  'eliminationMethod', 'eliminatedYm', 'relocated', 'phone', 'note', 'wage', 'welfarePostWage', 'businessGross', 'businessExpense', 'businessNet', 'property', 'transfer',
];

function blanksOf(cells: RowCells, fields: readonly FieldKey[], layout: SheetLayout): FieldKey[] {
  const out: FieldKey[] = [];
  for (const f of fields) if (layout.fieldCol.has(f) && cellText(cells[f] ?? null) === '') out.push(f);
  return out;
}

/** The earlier part of a household that turned up again further down the file. */
export interface SplitPart {
  key: string;
  sheet: string;
  row: number;
  /** Member rows of the earlier part. */
  rows: number;
  /** Whether the earlier part was accepted (and so has been written and must be reverted). */
  accepted: boolean;
}

/**
 * State shared across the groups of one file (duplicate detection). Places are numbers (sheet index
 * × 2^21 + Excel row) rather than strings: the city file has 37万 IDs to remember. A household's
 * entry packs its first place, its row count and its state into one number for the same reason.
 */
export interface FileState {
  seenIds: IdPlaces;
  seenHouseholds: Map<string, number>;
  sheets: string[];
  /** Households found split since the caller last drained this list. */
  splits: SplitPart[];
  /** The file's own totals against the mapping, for the file-level gate (check/consistency.ts). */
  totals: TotalTallies;
}

export function newFileState(): FileState {
  return { seenIds: new IdPlaces(), seenHouseholds: new Map(), sheets: [], splits: [], totals: emptyTallies() };
}

const ROW_SPAN = 2 ** 21;
const PLACE_SPAN = 2 ** 32;
const ROWS_SPAN = 2 ** 10;
const PartState = { Refused: 0, Accepted: 1, Split: 2 } as const;
type PartState = (typeof PartState)[keyof typeof PartState];

function packPart(place: number, rows: number, state: PartState): number {
  return place + Math.min(rows, ROWS_SPAN - 1) * PLACE_SPAN + state * PLACE_SPAN * ROWS_SPAN;
}

function unpackPart(v: number): { place: number; rows: number; state: PartState } {
  const high = Math.floor(v / PLACE_SPAN);
  return { place: v % PLACE_SPAN, rows: high % ROWS_SPAN, state: Math.floor(high / ROWS_SPAN) as PartState };
}

function placeOf(st: FileState, sheet: string, row: number): number {
  let i = st.sheets.indexOf(sheet);
  if (i < 0) i = st.sheets.push(sheet) - 1;
  return i * ROW_SPAN + row;
}

function placeText(st: FileState, place: number): string {
  return `工作表“${st.sheets[Math.floor(place / ROW_SPAN)] ?? ''}”第 ${place % ROW_SPAN} 行`;
}

const INCOME_FIELDS: readonly FieldKey[] = ['wage', 'welfarePostWage', 'businessGross', 'businessExpense', 'businessNet', 'property', 'transfer', 'net', 'perCapita', 'year'];

class GroupIssues {
  errors = 0;
  private readonly sc: SheetContext;
  private readonly sink: IssueSink;
  constructor(sc: SheetContext, sink: IssueSink) {
    this.sc = sc;
    this.sink = sink;
  }
  /** An issue on another row than this group's (the earlier part of a split household). */
  sinkError(issue: { sheet: string; row: number; column: string; code: string; message: string }): void {
    this.sink.error(issue);
  }
  columnOf(field: FieldKey): string {
    return this.column(field);
  }
  private column(field: FieldKey | null): string {
    const col = field === null ? undefined : this.sc.layout.fieldCol.get(field);
    return col === undefined ? '' : (this.sc.layout.columns[col]?.header ?? '');
  }
  /** `block`: the wide-sheet column group the row came from; its own columns are named, with their letters. */
  add(row: number, list: RowIssue[], severity: 'error' | 'warning', block?: WideBlock): void {
    for (const i of list) {
      const own = block && i.field !== null ? block.headers[i.field] : undefined;
      const column = own ?? this.column(i.field);
      const message = block && (own !== undefined || i.field === 'relation') ? `${block.label}（${block.letters} 列）：${i.message}` : i.message;
      const issue = { sheet: this.sc.sheet, row, column, code: i.code, message };
      if (severity === 'error') {
        this.errors++;
        this.sink.error(issue);
      } else this.sink.warn(issue);
    }
  }
  error(row: number, field: FieldKey | null, code: string, message: string, block?: WideBlock): void {
    this.add(row, [{ field, code, message }], 'error', block);
  }
  warn(row: number, field: FieldKey | null, code: string, message: string, block?: WideBlock): void {
    this.add(row, [{ field, code, message }], 'warning', block);
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
    gi.add(r.n, m.errors, 'error', r.block);
    gi.add(r.n, m.warnings, 'warning', r.block);
    if (!m.value) continue;
    const first = st.seenIds.claim(m.value.idNumber, placeOf(st, sc.sheet, r.n));
    if (first !== undefined) {
      gi.error(r.n, 'idNumber', 'duplicate-id', `证件号码与${placeText(st, first)}重复`, r.block);
      continue;
    }
    out.push({ ...m.value, row: r.n, blank: sc.layout.level === 'member' ? blanksOf(r.cells, MEMBER_BLANKABLE, sc.layout) : [] });
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
    const hc = head.cells[f] ?? null;
    // Merged household cells give every member row the very same value (=== holds, for numbers and
    // strings alike): texts are compared, and made, only for a cell that differs.
    for (const r of g.rows) {
      const c = r.cells[f] ?? null;
      if (r === head || c === hc || c === null) continue;
      const t = cellText(c);
      const v = cellText(hc);
      if (t === '' || t === v) continue;
      gi.warn(r.n, f, 'inconsistent-value', `同一户各行的数值不一致：户主行为“${v}”，本行为“${t}”（按户主行导入）`);
      break;
    }
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

/**
 * A household seen before in this file: this part is refused, and so is the earlier one (a household
 * with any refused row is refused whole). The earlier part was already handed on, so it is reported
 * in `st.splits` for the writer to take back, once.
 */
function checkSplit(g: RowGroup, head: DataRow, sc: SheetContext, st: FileState, gi: GroupIssues): void {
  const seen = st.seenHouseholds.get(g.key);
  if (seen === undefined) return;
  const part = unpackPart(seen);
  gi.error(head.n, 'householdCode', 'split-household', `同一户已在${placeText(st, part.place)}出现；同一户的成员行应连续填写，两处均未导入`);
  if (part.state === PartState.Split) return;
  const sheet = st.sheets[Math.floor(part.place / ROW_SPAN)] ?? '';
  const row = part.place % ROW_SPAN;
  gi.sinkError({ sheet, row, column: gi.columnOf('householdCode'), code: 'split-household', message: `同一户又在工作表“${sc.sheet}”第 ${head.n} 行出现；同一户的成员行应连续填写，两处均未导入` });
  st.splits.push({ key: g.key, sheet, row, rows: part.rows, accepted: part.state === PartState.Accepted });
  st.seenHouseholds.set(g.key, packPart(part.place, part.rows, PartState.Split));
}

export function checkGroup(g: RowGroup, sc: SheetContext, st: FileState, regions: RegionResolver, sink: IssueSink): CheckedHousehold | null {
  const gi = new GroupIssues(sc, sink);
  const head = headRow(g);
  const members = checkMembers(g, sc, st, gi);
  warnInvisible(g, (row, field, code, message, block) => gi.warn(row, field, code, message, block));
  const region = resolveRegion(head, sc, regions, gi);
  const headMember = members.find((m) => m.row === head.n);
  const hv = validateHouseholdRow({ ...head.cells, headName: head.cells.headName ?? head.cells.name ?? null,
    headIdNumber: head.cells.headIdNumber ?? (headMember ? headMember.idNumber : null) }, { sizeRequired: sc.layout.level === 'household' });
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
  const totals: TotalComparison[] = [];
  if (level === 'member' && hv.value?.size) {
    totals.push({ kind: 'size', inFile: String(hv.value.size), computed: String(g.rows.length), agrees: hv.value.size === g.rows.length });
    if (hv.value.size !== g.rows.length) gi.warn(head.n, 'size', 'size-mismatch', `家庭人口数填 ${hv.value.size}，本表列出该户 ${g.rows.length} 名成员（台账按所填人口数保存）`);
  }
  if (income && size) {
    totals.push(...compareIncomeTotals(income, size));
    gi.add(head.n, incomeConsistency(income, size), 'warning');
  }
  if (hv.value && !hv.value.householdCode && !hv.value.headIdNumber) gi.error(head.n, 'headIdNumber', 'missing-id', '既没有户编号，也没有户主证件号码，无法确定是哪一户');
  const keyed = !/^[RSN]:/.test(g.key);
  if (keyed) checkSplit(g, head, sc, st, gi);
  const accepted = gi.errors === 0 && !!hv.value && !!region && size !== null;
  // Keys of households without a code or head ID are per-row anyway; remembering them costs only memory.
  if (keyed && !st.seenHouseholds.has(g.key)) st.seenHouseholds.set(g.key, packPart(placeOf(st, sc.sheet, head.n), g.rows.length, accepted ? PartState.Accepted : PartState.Refused));
  // Only households that will be written count for the gate: a refused one is already an error.
  if (accepted) for (const c of totals) tallyTotal(st.totals, c.kind, c.agrees, { sheet: sc.sheet, row: head.n, inFile: c.inFile, computed: c.computed });
  if (!accepted || !hv.value || !region || size === null) return null;
  const village = cellText(head.cells.village ?? null);
  return {
    key: g.key, firstRow: g.rows[0]!.n, household: { ...hv.value, size }, sizeInFile: hv.value.size ?? null, members, income, year,
    countyCode: region.county, townshipCode: region.township, villageName: village === '' ? null : village,
    blank: blanksOf(head.cells, HOUSEHOLD_BLANKABLE, sc.layout),
  };
}

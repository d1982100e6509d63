/**
 * Row validation shared by the importer and the ledger's correction form: each function takes the
 * cells of one row keyed by field, returns the normalised values and the problems found. Errors
 * refuse the row (and the importer refuses the whole household); warnings keep the row but are
 * reported with both figures, never silently corrected.
 */
import type { FieldKey } from './import-headers.ts';
import { looksLikeLostPrecision, validateIdNumber } from './id-number.ts';
import {
  cellText, isUncomputedFormula, normalizeName, parseAmountFen, parseInteger, parseYear, parseYearMonth, parseYesNo, splitDisabilityCard,
  looksLikeScientific, toHalfWidth, uncomputedFormulaMessage, type RawCell,
} from './import-values.ts';

export type RowCells = Partial<Record<FieldKey, RawCell>>;

export interface RowIssue {
  field: FieldKey | null;
  code: string;
  message: string;
}

export interface Checked<T> {
  value: T;
  errors: RowIssue[];
  warnings: RowIssue[];
}

class Issues {
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];
  error(field: FieldKey | null, code: string, message: string): void {
    this.errors.push({ field, code, message });
  }
  warn(field: FieldKey | null, code: string, message: string): void {
    this.warnings.push({ field, code, message });
  }
  hasError(field: FieldKey): boolean {
    return this.errors.some((e) => e.field === field);
  }
}

/**
 * Formula cells whose file holds no computed result, among the fields a validator reads. A field in
 * `identifying` refuses the row: a name, ID number or household code nobody can read cannot be
 * matched to the ledger, and a guess could attach the row to the wrong person or household. Every
 * other field is optional or derived (income parts and totals, categories, dates, contact details),
 * so the cell counts as blank and a warning names the formula for the township to recalculate.
 * Returns the cells with those formulas replaced by null.
 */
function formulasAsBlank(cells: RowCells, fields: readonly FieldKey[], identifying: ReadonlySet<FieldKey>, issues: Issues): RowCells {
  let out = cells;
  for (const f of fields) {
    const c = cells[f];
    if (!isUncomputedFormula(c)) continue;
    if (identifying.has(f)) issues.error(f, 'formula-no-value', uncomputedFormulaMessage(c.f, 'refused'));
    else issues.warn(f, 'formula-no-value', uncomputedFormulaMessage(c.f, 'blank'));
    if (out === cells) out = { ...cells };
    out[f] = null;
  }
  return out;
}

const CLEAN_ID = /^\d{17}[\dX]$/;

/** An ID cell: text only, checksum, birth date; a number that lost its tail is refused with the reason. */
function checkIdCell(c: RawCell | undefined, field: FieldKey, issues: Issues): { id: string; extra: string | null } | null {
  if (c === undefined || c === null) return null;
  if (typeof c === 'number') {
    // Excel stores 15 digits exactly, so a legacy 15-digit ID typed as a number is still whole.
    if (Number.isInteger(c) && String(c).length === 15) return checkIdCell(String(c), field, issues);
    const lost = looksLikeLostPrecision(c);
    issues.error(field, lost ? 'id-not-text' : 'id-format', lost
      ? `证件号码以数字格式保存（读到 ${c.toPrecision(15)}），Excel 只保留 15 位有效数字，末几位已丢失；请把该列设为“文本”后重新录入`
      : `证件号码“${c}”不是 18 位号码`);
    return null;
  }
  const text = cellText(c);
  if (text === '') return null;
  // Nearly every ID arrives clean: only other text needs the scientific-notation test and rewriting.
  const clean = CLEAN_ID.test(text);
  if (!clean && looksLikeScientific(text)) {
    issues.error(field, 'id-not-text', `证件号码“${text}”是科学计数法，末几位已丢失；请把该列设为“文本”后重新录入`);
    return null;
  }
  const card = clean ? { id: text, extra: null } : splitDisabilityCard(toHalfWidth(text).replace(/\s/g, '').toUpperCase());
  const v = validateIdNumber(card.id);
  if (!v.ok) {
    issues.error(field, v.code, `${v.message}（${text.slice(0, 24)}）`);
    return null;
  }
  return { id: v.id, extra: card.extra };
}

/** Cleaned text of each string a table was asked about: a sheet repeats a handful of values per column. */
const enumTexts = new WeakMap<object, Map<string, string>>();

function enumText(c: RawCell | undefined, allowed: object): string {
  if (typeof c !== 'string') return toHalfWidth(cellText(c ?? null)).replace(/\s/g, '');
  let seen = enumTexts.get(allowed);
  if (!seen) enumTexts.set(allowed, (seen = new Map()));
  let t = seen.get(c);
  if (t === undefined) {
    if (seen.size > 1_000) seen.clear();
    seen.set(c, (t = toHalfWidth(cellText(c)).replace(/\s/g, '')));
  }
  return t;
}

function enumValue<T extends string>(c: RawCell | undefined, field: FieldKey, allowed: Readonly<Record<string, T | null>>, label: string, issues: Issues): T | null {
  const t = enumText(c, allowed);
  if (t === '') return null;
  if (Object.hasOwn(allowed, t)) return allowed[t] ?? null;
  issues.warn(field, 'bad-value', `${label}“${t.slice(0, 20)}”不在可选值中，已留空`);
  return null;
}

const HOUSEHOLD_TYPES = { 脱贫户: '脱贫户', 监测户: '监测户', 一般农户: '一般农户', 一般户: '一般农户', 普通农户: '一般农户', 农户: '一般农户' } as const;
const POVERTY_ATTRS = { 一般脱贫户: '一般脱贫户', 低保脱贫户: '低保脱贫户', 特困供养脱贫户: '特困供养脱贫户', 一般贫困户: '一般脱贫户', 低保贫困户: '低保脱贫户', 特困供养贫困户: '特困供养脱贫户', 五保贫困户: '特困供养脱贫户' } as const;
const MONITORING = { 脱贫不稳定户: '脱贫不稳定户', 边缘易致贫户: '边缘易致贫户', 突发严重困难户: '突发严重困难户', 否: null, 无: null, 非监测对象: null } as const;
const ELIMINATION = { 帮扶消除: '帮扶消除', 自然消除: '自然消除' } as const;
const LABOUR = {
  技能劳动力: '技能劳动力', 普通劳动力: '普通劳动力', 弱劳动力或半劳动力: '弱劳动力或半劳动力', 弱劳动力: '弱劳动力或半劳动力',
  半劳动力: '弱劳动力或半劳动力', 丧失劳动力: '丧失劳动力', 丧失劳动能力: '丧失劳动力', 无劳动力: '无劳动力', 无劳动能力: '无劳动力',
} as const;
const WORK_PLACE = { 乡镇内: '乡镇内', 县内: '县内', 县内乡外: '县内', 省内县外: '省内县外', 省内: '省内县外', 省外: '省外', 境外: '境外', 国外: '境外', 其他: '其他' } as const;
const ID_TYPES = { 居民身份证: '居民身份证', 身份证: '居民身份证', 残疾人证: '残疾人证', 户口簿: '户口簿', 其他: '其他' } as const;

export interface MemberValues {
  name: string;
  idNumber: string;
  idType: string;
  idExtra: string | null;
  personCode: string | null;
  relation: string;
  labour: string | null;
  health: string | null;
  education: string | null;
  studentStatus: string | null;
  workPlaceClass: string | null;
  workMonths: number | null;
  welfarePost: boolean;
  phone: string | null;
}

function optText(c: RawCell | undefined, max = 100): string | null {
  const t = cellText(c ?? null);
  return t === '' ? null : t.slice(0, max);
}

// Sex is not among them: the ledger derives it from the ID, so a formula there changes nothing.
const MEMBER_FIELDS: readonly FieldKey[] = ['name', 'idNumber', 'idType', 'personCode', 'relation', 'labour', 'health', 'education',
  'studentStatus', 'workPlaceClass', 'workMonths', 'welfarePost', 'memberPhone'];
const MEMBER_IDENTIFYING: ReadonlySet<FieldKey> = new Set(['name', 'idNumber']);

/** One person: name and ID are required; the rest is checked and normalised. */
export function validateMemberRow(raw: RowCells): Checked<MemberValues | null> {
  const issues = new Issues();
  const cells = formulasAsBlank(raw, MEMBER_FIELDS, MEMBER_IDENTIFYING, issues);
  const name = normalizeName(cells.name ?? null);
  if (name === '' && !issues.hasError('name')) issues.error('name', 'missing-name', '姓名为空');
  else if (name.length > 50) issues.error('name', 'bad-value', '姓名超过 50 个字');
  const id = checkIdCell(cells.idNumber, 'idNumber', issues);
  if (id === null && issues.errors.every((e) => e.field !== 'idNumber')) issues.error('idNumber', 'id-format', '证件号码为空');
  const sexText = cellText(cells.sex ?? null);
  if (id && (sexText === '男' || sexText === '女')) {
    // id.id is a checked 18-character ID: its 17th digit is odd for men.
    const fromId = (id.id.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女';
    if (fromId !== sexText) issues.warn('sex', 'sex-mismatch', `性别填“${sexText}”，身份证号码显示为“${fromId}”`);
  }
  const months = parseInteger(cells.workMonths ?? null);
  let workMonths: number | null = null;
  if (!months.ok || (months.value !== null && (months.value < 0 || months.value > 12))) {
    issues.warn('workMonths', 'bad-number', `务工时间“${cellText(cells.workMonths ?? null)}”应为 0–12 的整数，已留空`);
  } else workMonths = months.value;
  const post = parseYesNo(cells.welfarePost ?? null);
  if (!post.ok) issues.warn('welfarePost', 'bad-value', `是否公益性岗位：${post.message}`);
  const relationText = cellText(cells.relation ?? null);
  const value: MemberValues | null = id && name ? {
    name, idNumber: id.id, idExtra: id.extra, idType: enumValue(cells.idType, 'idType', ID_TYPES, '证件类型', issues) ?? '居民身份证',
    personCode: optText(cells.personCode, 40), relation: relationText === '本人' ? '户主' : relationText || '其他',
    labour: enumValue(cells.labour, 'labour', LABOUR, '劳动技能', issues), health: optText(cells.health),
    education: optText(cells.education), studentStatus: optText(cells.studentStatus),
    workPlaceClass: enumValue(cells.workPlaceClass, 'workPlaceClass', WORK_PLACE, '务工区域', issues), workMonths,
    welfarePost: post.ok ? post.value === true : false, phone: optText(cells.memberPhone, 20),
  } : null;
  return { value: issues.errors.length ? null : value, errors: issues.errors, warnings: issues.warnings };
}

export interface HouseholdValues {
  householdCode: string | null;
  headName: string;
  headIdNumber: string | null;
  size: number | null;
  householdType: string;
  povertyAttribute: string | null;
  monitoringCategory: string | null;
  riskTypes: string[];
  identifiedYm: string | null;
  riskEliminated: boolean | null;
  eliminationMethod: string | null;
  eliminatedYm: string | null;
  relocated: boolean;
  phone: string | null;
  note: string | null;
  group: string | null;
}

function yearMonth(c: RawCell | undefined, field: FieldKey, label: string, issues: Issues): string | null {
  const r = parseYearMonth(c ?? null);
  if (!r.ok) issues.warn(field, 'bad-value', `${label}：${r.message}，已留空`);
  return r.ok ? r.value : null;
}

const HOUSEHOLD_FIELDS: readonly FieldKey[] = ['headIdNumber', 'householdCode', 'size', 'householdType', 'povertyAttribute',
  'monitoringCategory', 'riskTypes', 'identifiedYm', 'riskEliminated', 'eliminationMethod', 'eliminatedYm', 'relocated', 'phone', 'note', 'group'];

export interface HouseholdRowOptions {
  /**
   * A household-level sheet has no member rows to count, so its 家庭人口数 is required and a formula
   * without a value there refuses the household; a member-level sheet counts its rows instead.
   */
  sizeRequired?: boolean;
}

/** The household part of a row (a household-level row, or the head's row of a member-level sheet). */
export function validateHouseholdRow(raw: RowCells, opts: HouseholdRowOptions = {}): Checked<HouseholdValues | null> {
  const issues = new Issues();
  // The head's name may come from the 姓名 column (a sheet without 户主姓名): check the cell actually read.
  const nameField: FieldKey = raw.headName === undefined || raw.headName === null ? 'name' : 'headName';
  const identifying = new Set<FieldKey>([nameField, 'headIdNumber', 'householdCode', ...(opts.sizeRequired ? ['size' as const] : [])]);
  const cells = formulasAsBlank(raw, [nameField, ...HOUSEHOLD_FIELDS], identifying, issues);
  const headName = normalizeName(cells.headName ?? cells.name ?? null);
  if (headName === '' && !issues.hasError(nameField)) issues.error('headName', 'missing-name', '户主姓名为空');
  const head = checkIdCell(cells.headIdNumber, 'headIdNumber', issues);
  const size = parseInteger(cells.size ?? null);
  if (!size.ok || (size.value !== null && (size.value < 1 || size.value > 30))) {
    issues.error('size', 'bad-size', `家庭人口数“${cellText(cells.size ?? null)}”应为 1–30 的整数`);
  }
  const relocated = parseYesNo(cells.relocated ?? null);
  if (!relocated.ok) issues.warn('relocated', 'bad-value', `是否易地搬迁户：${relocated.message}`);
  const eliminated = parseYesNo(cells.riskEliminated ?? null);
  const code = toHalfWidth(cellText(cells.householdCode ?? null)).replace(/\s/g, '');
  if (code.length > 40) issues.error('householdCode', 'bad-value', '户编号超过 40 个字符');
  const category = enumValue(cells.monitoringCategory, 'monitoringCategory', MONITORING, '监测对象类别', issues);
  const value: HouseholdValues = {
    householdCode: code === '' ? null : code, headName, headIdNumber: head?.id ?? null,
    size: size.ok ? size.value : null,
    householdType: enumValue(cells.householdType, 'householdType', HOUSEHOLD_TYPES, '户类型', issues) ?? (category ? '监测户' : '脱贫户'),
    povertyAttribute: enumValue(cells.povertyAttribute, 'povertyAttribute', POVERTY_ATTRS, '脱贫户属性', issues),
    monitoringCategory: category,
    riskTypes: cellText(cells.riskTypes ?? null).split(/[、,，;；/\s]+/).filter((s) => s !== '').slice(0, 5),
    identifiedYm: yearMonth(cells.identifiedYm, 'identifiedYm', '识别监测时间', issues),
    riskEliminated: eliminated.ok ? eliminated.value : null,
    eliminationMethod: enumValue(cells.eliminationMethod, 'eliminationMethod', ELIMINATION, '风险消除方式', issues),
    eliminatedYm: yearMonth(cells.eliminatedYm, 'eliminatedYm', '消除监测时间', issues),
    relocated: relocated.ok ? relocated.value === true : false,
    phone: optText(cells.phone, 20), note: optText(cells.note, 500), group: optText(cells.group, 50),
  };
  return { value: issues.errors.length ? null : value, errors: issues.errors, warnings: issues.warnings };
}

export interface IncomeValues {
  year: number | null;
  wageFen: number;
  welfarePostWageFen: number;
  businessGrossFen: number;
  businessExpenseFen: number;
  /** 经营净收入 as the file gave it, when the row has no gross/expense split (else null; see businessNetRule). */
  businessNetFen: number | null;
  propertyFen: number;
  transferFen: number;
  /** As written in the file, for the consistency warnings; the ledger computes its own. */
  netFen: number | null;
  perCapitaFen: number | null;
  /** False when the row holds no income figure at all. */
  present: boolean;
}

const PARTS = [
  ['wage', 'wageFen', '工资性收入'], ['welfarePostWage', 'welfarePostWageFen', '公益性岗位收入'],
  ['businessGross', 'businessGrossFen', '生产经营性收入'], ['businessExpense', 'businessExpenseFen', '生产经营性支出'],
  ['property', 'propertyFen', '财产性收入'], ['transfer', 'transferFen', '转移性收入'],
] as const;

// The year is not identifying either: a blank one falls back to the title's or the caller's year.
const INCOME_FIELDS: readonly FieldKey[] = ['year', ...PARTS.map(([field]) => field), 'businessNet', 'net', 'perCapita'];

const yuanText = (fen: number): string => (fen / 100).toFixed(2);

/**
 * 经营净收入 is stored as given only when the row has no split (gross and expense blank or 0): it is
 * never added to the gross. A row with both keeps the split (the finer figures) and, when they
 * disagree, says so with both figures.
 */
function businessNetRule(v: IncomeValues, net: number | null, issues: Issues): void {
  if (net === null) return;
  if (v.businessGrossFen === 0 && v.businessExpenseFen === 0) {
    v.businessNetFen = net;
    return;
  }
  const split = v.businessGrossFen - v.businessExpenseFen;
  if (Math.abs(split - net) <= 100) return;
  issues.warn('businessNet', 'business-net-mismatch', `经营净收入填 ${yuanText(net)}，生产经营性收入 ${yuanText(v.businessGrossFen)} − 生产经营性支出 ${yuanText(v.businessExpenseFen)} = ${yuanText(split)}（台账保存收入与支出，经营净收入按两者计算为 ${yuanText(split)}）`);
}

/** Income figures in fen; negative amounts and non-numbers refuse the row. */
export function validateIncomeRow(raw: RowCells): Checked<IncomeValues | null> {
  const issues = new Issues();
  const cells = formulasAsBlank(raw, INCOME_FIELDS, new Set(), issues);
  const v: IncomeValues = { year: null, wageFen: 0, welfarePostWageFen: 0, businessGrossFen: 0, businessExpenseFen: 0, businessNetFen: null, propertyFen: 0, transferFen: 0, netFen: null, perCapitaFen: null, present: false };
  const year = parseYear(cells.year ?? null);
  if (!year.ok) issues.error('year', 'bad-year', year.message);
  else v.year = year.value;
  const amount = (field: FieldKey, label: string, allowNegative: boolean): number | null => {
    const r = parseAmountFen(cells[field] ?? null);
    if (!r.ok) issues.error(field, 'bad-number', `${label}：${r.message}`);
    else if (r.value !== null && r.value < 0 && !allowNegative) issues.error(field, 'negative-amount', `${label}为负数（${r.value / 100}）`);
    else if (r.value !== null) v.present = true;
    return r.ok ? r.value : null;
  };
  for (const [field, key, label] of PARTS) v[key] = amount(field, label, false) ?? 0;
  // A net business figure may be a loss, like the household's net.
  businessNetRule(v, amount('businessNet', '经营净收入', true), issues);
  // Net and per-capita may legitimately be negative (expenses above income); they are only compared.
  v.netFen = amount('net', '家庭纯收入', true);
  v.perCapitaFen = amount('perCapita', '人均纯收入', true);
  if (v.welfarePostWageFen > v.wageFen) {
    issues.error('welfarePostWage', 'bad-value', `公益性岗位收入 ${v.welfarePostWageFen / 100} 大于工资性收入 ${v.wageFen / 100}（前者是后者的一部分）`);
  }
  return { value: issues.errors.length ? null : v, errors: issues.errors, warnings: issues.warnings };
}

// The totals' checks live with the file-level gate that counts them.
export { incomeConsistency } from './import-consistency.ts';

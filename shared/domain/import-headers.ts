/**
 * The importer's field catalogue: every column the ledger understands, its canonical header (the one
 * our own forms write, so an exported ledger re-imports unchanged) and the variants townships use
 * (DOMAIN §1–2, §7), kept with their sources in header-catalogue.ts. Matching is on a normalised key
 * (half-width, no spaces, no trailing unit such as （元）, no numbering, no 所在/所属/所辖), so
 * "工资性收入（元）" and "1、工资性 收入" both find `wage`; then on a reduced key (no leading 家庭, no 性
 * before 收入/支出/岗位, 财产/转移 without 净), so 财产净收入 and 家庭工资收入 find theirs too.
 */
import { HEADER_CATALOGUE, NOT_FIELDS } from './header-catalogue.ts';

export type FieldLevel = 'household' | 'member' | 'income' | 'meta';

export interface FieldDef {
  key: FieldKey;
  /** The header our forms write; always importable. */
  header: string;
  level: FieldLevel;
  synonyms: readonly string[];
}

export const FIELD_KEYS = [
  'serial', 'county', 'township', 'village', 'group', 'householdCode', 'headName', 'headIdNumber', 'size',
  'householdType', 'povertyAttribute', 'monitoringCategory', 'riskTypes', 'identifiedYm', 'riskEliminated',
  'eliminationMethod', 'eliminatedYm', 'relocated', 'phone', 'note',
  'name', 'idNumber', 'idType', 'personCode', 'relation', 'sex', 'age', 'birthDate', 'labour', 'health',
  'education', 'studentStatus', 'workPlaceClass', 'workMonths', 'welfarePost', 'memberPhone',
  'year', 'wage', 'welfarePostWage', 'businessGross', 'businessExpense', 'businessNet', 'property', 'transfer', 'net', 'perCapita',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** The other names of a field: every catalogue group's (header-catalogue.ts, with their sources). */
const namesOf = (key: FieldKey, header: string): string[] =>
  [...new Set(HEADER_CATALOGUE.flatMap((g) => g.names[key] ?? []))].filter((n) => n !== header);
const F = (key: FieldKey, header: string, level: FieldLevel): FieldDef => ({ key, header, level, synonyms: namesOf(key, header) });

export const FIELDS: readonly FieldDef[] = [
  F('serial', '序号', 'meta'),
  F('county', '县', 'household'),
  F('township', '乡镇', 'household'),
  F('village', '行政村', 'household'),
  F('group', '组', 'household'),
  F('householdCode', '户编号', 'household'),
  F('headName', '户主姓名', 'household'),
  F('headIdNumber', '户主证件号码', 'household'),
  F('size', '家庭人口数', 'household'),
  F('householdType', '户类型', 'household'),
  F('povertyAttribute', '脱贫户属性', 'household'),
  F('monitoringCategory', '监测对象类别', 'household'),
  F('riskTypes', '风险类型', 'household'),
  F('identifiedYm', '识别监测时间', 'household'),
  F('riskEliminated', '风险是否已消除', 'household'),
  F('eliminationMethod', '风险消除方式', 'household'),
  F('eliminatedYm', '消除监测时间', 'household'),
  F('relocated', '是否易地搬迁户', 'household'),
  F('phone', '户联系电话', 'household'),
  F('note', '备注', 'household'),
  F('name', '姓名', 'member'),
  F('idNumber', '证件号码', 'member'),
  F('idType', '证件类型', 'member'),
  F('personCode', '人口编号', 'member'),
  F('relation', '与户主关系', 'member'),
  F('sex', '性别', 'member'),
  F('age', '年龄', 'member'),
  F('birthDate', '出生日期', 'member'),
  F('labour', '劳动技能', 'member'),
  F('health', '健康状况', 'member'),
  F('education', '文化程度', 'member'),
  F('studentStatus', '在校生状况', 'member'),
  F('workPlaceClass', '务工区域', 'member'),
  F('workMonths', '务工时间(月)', 'member'),
  F('welfarePost', '是否公益性岗位', 'member'),
  F('memberPhone', '家庭成员联系电话', 'member'),
  F('year', '年度', 'income'),
  F('wage', '工资性收入', 'income'),
  F('welfarePostWage', '公益性岗位收入', 'income'),
  F('businessGross', '生产经营性收入', 'income'),
  F('businessExpense', '生产经营性支出', 'income'),
  // Net business income as one figure (no gross/expense split): a field of its own, never gross.
  F('businessNet', '经营净收入', 'income'),
  F('property', '财产性收入', 'income'),
  F('transfer', '转移性收入', 'income'),
  F('net', '家庭纯收入', 'income'),
  F('perCapita', '人均纯收入', 'income'),
];

export const FIELD_BY_KEY: ReadonlyMap<FieldKey, FieldDef> = new Map(FIELDS.map((f) => [f.key, f]));

export function isFieldKey(v: unknown): v is FieldKey {
  return typeof v === 'string' && (FIELD_KEYS as readonly string[]).includes(v);
}

/** Half-width, no whitespace, ASCII brackets; the form a header is compared in. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200B\u3000*＊]/g, '')
    .replace(/[【〔]/g, '(')
    .replace(/[】〕]/g, ')');
}

/**
 * Units and notes in a trailing bracket are not part of the name: 工资性收入(元), 家庭人口(人). 万元 is
 * not among them: a 万元 column read as yuan would be 10,000 times off (see NOT_FIELDS).
 */
const UNIT = /\((元|人|户|月|个|亩|元\/人|元\/户|元\/年|人\/户|单位:元)\)$/;
const NUMBERING = /^(\(?(\d{1,2}|[一二三四五六七八九十]{1,3})[).、.:]|[①-⑳])/;
const PREFIX = /^(所在|所属|所辖)(?=.)/;

/** The normalised key: width, spaces, unit, numbering (1、 (一) ①) and 所在/所属/所辖 prefixes removed. */
export function headerKey(text: string): string {
  return normalizeHeader(text).replace(NUMBERING, '').replace(UNIT, '').replace(PREFIX, '');
}

/** The reduced key: the shortenings townships make of the same name (see the file comment). */
export function reducedHeader(key: string): string {
  return key.replace(/^家庭(?=.)/, '').replace(/性(?=净?收入|支出|岗位)/g, '').replace(/^(财产|转移)净收入/, '$1收入');
}

/** A header that looks like a field and is not one (header-catalogue.ts NOT_FIELDS), with why. */
export function notAField(text: string): string | null {
  const key = headerKey(text);
  if (key.includes('万元')) return '单位为万元，台账按元保存；请换算为元后再导入';
  const hit = NOT_FIELDS.find((n) => (!n.prefix || key.startsWith(n.prefix)) && (!n.contains || key.includes(n.contains)));
  return hit ? hit.why : null;
}

function buildLookups(): { exact: Map<string, FieldKey>; reduced: Map<string, FieldKey> } {
  const exact = new Map<string, FieldKey>();
  const reduced = new Map<string, FieldKey | null>();
  for (const f of FIELDS) {
    for (const name of [f.header, ...f.synonyms]) {
      const k = headerKey(name);
      const seen = exact.get(k);
      if (seen && seen !== f.key) throw new Error(`header catalogue: “${name}” names both ${seen} and ${f.key}`);
      exact.set(k, f.key);
      const r = reducedHeader(k);
      // Two fields whose names reduce alike (家庭编号 / 编号): the reduced key decides neither.
      reduced.set(r, reduced.has(r) && reduced.get(r) !== f.key ? null : f.key);
    }
  }
  return { exact, reduced: new Map([...reduced].filter((e): e is [string, FieldKey] => e[1] !== null)) };
}

const LOOKUP = buildLookups();

/** The field a header names, or null. Catalogue names only (normalised, then reduced): a guess is worse than asking. */
export function matchHeader(text: string): FieldKey | null {
  const key = headerKey(text);
  if (key === '' || notAField(text) !== null) return null;
  const bare = key.replace(/\(.*\)$/, '');
  return LOOKUP.exact.get(key) ?? LOOKUP.exact.get(bare) ?? LOOKUP.reduced.get(reducedHeader(key)) ?? LOOKUP.reduced.get(reducedHeader(bare)) ?? null;
}

/** Fields that make a row a header at all: without a name or an ID column there is nothing to key on. */
export const KEY_FIELDS: ReadonlySet<FieldKey> = new Set(['name', 'headName', 'idNumber', 'headIdNumber', 'householdCode']);

/** Money columns, in the order forms list them. */
export const AMOUNT_FIELDS = ['wage', 'welfarePostWage', 'businessGross', 'businessExpense', 'businessNet', 'property', 'transfer', 'net', 'perCapita'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

/** The canonical ledger header row (one row per member), which the 'ledger' export writes. */
export const LEDGER_HEADERS: readonly string[] = FIELDS.filter((f) => f.key !== 'serial').map((f) => f.header);

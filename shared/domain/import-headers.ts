/**
 * The importer's field catalogue: every column the ledger understands, its canonical header (the one
 * our own forms write, so an exported ledger re-imports unchanged) and the variants townships use
 * (DOMAIN §1–2, §7). Matching is on a normalised key: half-width, no spaces, no trailing unit such
 * as （元）, so "工资性收入（元）" and "工资性 收入" both find `wage`.
 */

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

const F = (key: FieldKey, header: string, level: FieldLevel, synonyms: readonly string[] = []): FieldDef => ({ key, header, level, synonyms });

export const FIELDS: readonly FieldDef[] = [
  F('serial', '序号', 'meta', ['编号', '序']),
  F('county', '县', 'household', ['县区', '县(市、区、旗)', '县(市、区)', '县(区)', '县市区', '区县', '所属县区']),
  F('township', '乡镇', 'household', ['乡', '镇', '乡(镇)', '乡镇(街道)', '乡镇名称', '所属乡镇', '乡(镇、街道)']),
  F('village', '行政村', 'household', ['村', '村委会', '村名', '所属村', '行政村名称', '村(社区)']),
  F('group', '组', 'household', ['社', '自然村', '村民小组', '组别', '组(社)']),
  F('householdCode', '户编号', 'household', ['户编码', '户码', '户号', '家庭编号']),
  F('headName', '户主姓名', 'household', ['户主', '户主名']),
  F('headIdNumber', '户主证件号码', 'household', ['户主身份证号', '户主身份证号码', '户主身份证']),
  F('size', '家庭人口数', 'household', ['家庭人口', '当前家庭人口数', '年度家庭人口数', '户人口数', '人口数', '人口', '家庭人数']),
  F('householdType', '户类型', 'household', ['户属性', '户类别']),
  F('povertyAttribute', '脱贫户属性', 'household', ['贫困户属性']),
  F('monitoringCategory', '监测对象类别', 'household', ['监测类型', '监测户类别', '监测对象类型', '检测对象类别']),
  F('riskTypes', '风险类型', 'household', ['致贫/返贫风险', '致贫返贫风险', '主要风险', '返贫致贫风险', '致贫/返贫风险1']),
  F('identifiedYm', '识别监测时间', 'household', ['纳入时间', '识别时间']),
  F('riskEliminated', '风险是否已消除', 'household', ['是否消除风险']),
  F('eliminationMethod', '风险消除方式', 'household', ['消除方式']),
  F('eliminatedYm', '消除监测时间', 'household', ['风险消除时间']),
  F('relocated', '是否易地搬迁户', 'household', ['搬迁', '是否搬迁户', '易地扶贫搬迁户', '易地搬迁', '是否易地扶贫搬迁户']),
  F('phone', '户联系电话', 'household', ['联系电话', '联系方式']),
  F('note', '备注', 'household', ['成员备注']),
  F('name', '姓名', 'member', ['成员姓名', '家庭成员姓名', '人员姓名']),
  F('idNumber', '证件号码', 'member', ['身份证号码', '身份证号', '公民身份号码', '证件号', '身份证', '成员身份证号码']),
  F('idType', '证件类型', 'member'),
  F('personCode', '人口编号', 'member', ['成员编号']),
  F('relation', '与户主关系', 'member', ['关系', '家庭关系', '与户主的关系']),
  F('sex', '性别', 'member'),
  F('age', '年龄', 'member'),
  F('birthDate', '出生日期', 'member'),
  F('labour', '劳动技能', 'member', ['劳动能力', '劳力状况', '劳动力状况']),
  F('health', '健康状况', 'member'),
  F('education', '文化程度', 'member'),
  F('studentStatus', '在校生状况', 'member', ['在校生状态']),
  F('workPlaceClass', '务工区域', 'member', ['务工地域', '务工去向', '务工地点']),
  F('workMonths', '务工时间(月)', 'member', ['务工时间', '务工月数', '务工时间(月数)']),
  F('welfarePost', '是否公益性岗位', 'member', ['公益性岗位', '公益岗位']),
  F('memberPhone', '家庭成员联系电话', 'member', ['成员联系电话']),
  F('year', '年度', 'income', ['年份', '收入年度', '统计年度']),
  F('wage', '工资性收入', 'income', ['工资收入', '务工收入', '年务工收入']),
  F('welfarePostWage', '公益性岗位收入', 'income', ['公益岗位收入']),
  F('businessGross', '生产经营性收入', 'income', ['经营性收入', '生产经营收入', '家庭经营性收入']),
  F('businessExpense', '生产经营性支出', 'income', ['经营性支出', '生产经营支出', '生产经营性支出(合计)']),
  // Net business income as one figure (no gross/expense split): a field of its own, never gross.
  F('businessNet', '经营净收入', 'income', ['生产经营性净收入', '经营性净收入', '家庭经营净收入', '生产经营净收入']),
  F('property', '财产性收入', 'income', ['财产收入']),
  F('transfer', '转移性收入', 'income', ['转移收入']),
  F('net', '家庭纯收入', 'income', ['纯收入', '家庭年纯收入', '年纯收入', '家庭纯收入合计']),
  F('perCapita', '人均纯收入', 'income', ['人均收入', '家庭人均纯收入', '人均年纯收入']),
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

/** Units and notes in a trailing bracket are not part of the name: 工资性收入(元), 家庭人口(人). */
function withoutUnit(key: string): string {
  return key.replace(/\((元|人|户|万元|月|个|亩|元\/人|人\/户|单位:元)\)$/, '').replace(/^\d+[.、]/, '');
}

const LOOKUP: ReadonlyMap<string, FieldKey> = (() => {
  const m = new Map<string, FieldKey>();
  for (const f of FIELDS) for (const name of [f.header, ...f.synonyms]) m.set(withoutUnit(normalizeHeader(name)), f.key);
  return m;
})();

/** The field a header names, or null. Exact (normalised) match only: a guess is worse than asking. */
export function matchHeader(text: string): FieldKey | null {
  const key = withoutUnit(normalizeHeader(text));
  if (key === '') return null;
  return LOOKUP.get(key) ?? LOOKUP.get(withoutUnit(key.replace(/\(.*\)$/, ''))) ?? null;
}

/** Fields that make a row a header at all: without a name or an ID column there is nothing to key on. */
export const KEY_FIELDS: ReadonlySet<FieldKey> = new Set(['name', 'headName', 'idNumber', 'headIdNumber', 'householdCode']);

/** Money columns, in the order forms list them. */
export const AMOUNT_FIELDS = ['wage', 'welfarePostWage', 'businessGross', 'businessExpense', 'businessNet', 'property', 'transfer', 'net', 'perCapita'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

/** The canonical ledger header row (one row per member), which the 'ledger' export writes. */
export const LEDGER_HEADERS: readonly string[] = FIELDS.filter((f) => f.key !== 'serial').map((f) => f.header);

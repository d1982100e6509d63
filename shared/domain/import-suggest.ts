/**
 * A scored guess for a header the catalogue does not list (import-headers.ts). The guess is only ever
 * a 建议: the preview shows it with its reason and the steward confirms it by choosing the field; it
 * is never applied by itself, because a wrong income mapping silently changes a household's figures.
 *
 * Rules are token sets from the names that circulate (national monitoring export, the statistics
 * bureau's 工资性/经营净/财产净/转移净 terms, DOMAIN §1–2) and their township shortenings. Stronger
 * rules come first so that, for example, 经营净收入 is proposed as 经营净收入 and never as
 * 生产经营性收入 (gross). A rule with `field: null` is a known name the ledger has no field for.
 */
import { FIELD_BY_KEY, normalizeHeader, notAField, type FieldKey } from './import-headers.ts';

export interface HeaderSuggestion {
  field: FieldKey;
  /** Chinese, shown next to the 建议 tag. */
  reason: string;
}

interface Rule {
  field: FieldKey | null;
  /** Every token must occur. */
  all: readonly string[];
  /** None of these may occur. */
  not?: readonly string[];
}

const RULES: readonly Rule[] = [
  { field: 'businessNet', all: ['经营', '净'], not: ['人均'] },
  { field: 'welfarePostWage', all: ['公益', '收入'] },
  { field: 'welfarePostWage', all: ['公益', '工资'] },
  { field: 'businessExpense', all: ['经营', '支出'] },
  { field: 'businessExpense', all: ['经营', '费用'] },
  { field: 'businessExpense', all: ['经营', '成本'] },
  { field: 'businessGross', all: ['经营', '收入'], not: ['支出', '净'] },
  { field: 'wage', all: ['工资'], not: ['公益'] },
  { field: 'wage', all: ['务工', '收入'] },
  { field: 'wage', all: ['劳务', '收入'] },
  { field: 'property', all: ['财产'] },
  { field: 'transfer', all: ['转移'] },
  { field: 'perCapita', all: ['人均', '收入'] },
  { field: 'net', all: ['纯收入'], not: ['人均'] },
  { field: 'net', all: ['家庭', '净收入'], not: ['人均', '经营', '财产', '转移'] },
  { field: 'headIdNumber', all: ['户主', '身份'] },
  { field: 'headIdNumber', all: ['户主', '证件'] },
  { field: 'idNumber', all: ['身份证'], not: ['户主'] },
  { field: 'headName', all: ['户主', '姓名'] },
  { field: 'name', all: ['姓名'], not: ['户主'] },
  { field: 'size', all: ['人口'], not: ['编号', '编码'] },
  { field: 'size', all: ['人数'] },
  { field: 'group', all: ['村民小组'] },
  { field: 'group', all: ['组'], not: ['组织', '小组长'] },
  { field: 'village', all: ['村'], not: ['村民小组', '自然村', '组'] },
  { field: 'township', all: ['乡'] },
  { field: 'township', all: ['镇'] },
  { field: 'county', all: ['县'] },
];

/** Rules are ordered strongest first; the first rule whose tokens all occur decides. */
export function suggestField(header: string): HeaderSuggestion | null {
  const key = normalizeHeader(header);
  // A part of a component, a per-capita part, a 万元 column…: proposing a field would invite the error.
  if (key === '' || notAField(header) !== null) return null;
  for (const r of RULES) {
    if (!r.all.every((t) => key.includes(t))) continue;
    if (r.not?.some((t) => key.includes(t))) continue;
    if (r.field === null) return null;
    const target = FIELD_BY_KEY.get(r.field)?.header ?? r.field;
    return { field: r.field, reason: `表头含“${r.all.join('”“')}”，可能是“${target}”` };
  }
  return null;
}

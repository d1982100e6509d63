/**
 * The 数据核查 rule catalogue as data: what each rule is called, what it needs, how severe it is and
 * the message a township reads. The SQL lives in electron/checks/; thresholds are named here with a
 * default and stored editable (check_thresholds), never written into a query as a literal. The
 * monitoring line is not one of them: rules marked `line` use the year's 防止返贫监测范围 from 参考值,
 * the same line analysis and cases show, and do not run for a year that has none.
 */

/** Department list kinds a cross-check can ask for. */
export const SOURCE_KINDS = ['死亡', '财政供养', '车辆', '工商', '医保', '低保', '特困', '残疾', '养老', '就业', '房产'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const THRESHOLDS = {
  swingPct: { label: '收入变动幅度（%）', default: 50 },
  maxAge: { label: '年龄上限（岁）', default: 100 },
  studentAgeMin: { label: '学龄下限（岁）', default: 6 },
  studentAgeMax: { label: '学龄上限（岁）', default: 15 },
  nearMissYuan: { label: '贴线幅度（元/人）', default: 500 },
  medicalYuan: { label: '大额自付医疗费用（元）', default: 20000 },
} as const;
export type ThresholdKey = keyof typeof THRESHOLDS;
export type Thresholds = Record<ThresholdKey, number>;

export function isThresholdKey(k: string): k is ThresholdKey {
  return Object.prototype.hasOwnProperty.call(THRESHOLDS, k);
}

export interface RuleSpec {
  code: string;
  name: string;
  /** 'ledger' rules read the ledger only; 'cross' rules also read department lists of `kinds`. */
  scope: 'ledger' | 'cross';
  kinds?: readonly SourceKind[];
  fields: readonly string[];
  severity: 'error' | 'warning';
  /** `{name}` placeholders are filled from the finding's figures. */
  message: string;
  thresholds?: readonly ThresholdKey[];
  /** Needs the year's monitoring line (参考值 → 防止返贫监测范围); skipped, and said so, without one. */
  line?: true;
}

export const RULES: readonly RuleSpec[] = [
  { code: 'L01', name: '收入项目由上年有变为零', scope: 'ledger', fields: ['income_records'], severity: 'warning', message: '{items}上年有收入，本年为零' },
  { code: 'L02', name: '纯收入变动超过阈值', scope: 'ledger', fields: ['net_fen'], severity: 'warning', message: '纯收入由 {prev} 元变为 {net} 元（变动 {pct}%）', thresholds: ['swingPct'] },
  { code: 'L03', name: '家庭人口变化但收入未变', scope: 'ledger', fields: ['size', 'net_fen'], severity: 'warning', message: '人口由 {prevSize} 人变为 {size} 人，纯收入仍为 {net} 元' },
  { code: 'L04', name: '有务工月数但无工资性收入', scope: 'ledger', fields: ['work_months', 'wage_fen'], severity: 'error', message: '{name} 务工 {months} 个月，全户工资性收入为 0' },
  { code: 'L05', name: '学龄成员标为劳动力', scope: 'ledger', fields: ['labour', 'id_number'], severity: 'error', message: '{name} {age} 岁，劳动技能为“{labour}”', thresholds: ['studentAgeMin', 'studentAgeMax'] },
  { code: 'L06', name: '风险类型为“其他”但无说明', scope: 'ledger', fields: ['risk_types', 'note'], severity: 'warning', message: '风险类型含“其他”，备注为空' },
  { code: 'L07', name: '成员年龄超过上限', scope: 'ledger', fields: ['id_number'], severity: 'warning', message: '{name} {age} 岁', thresholds: ['maxAge'] },
  { code: 'L08', name: '人均纯收入贴近监测线', scope: 'ledger', fields: ['net_fen', 'size'], severity: 'warning', message: '人均纯收入 {pc} 元，高于监测线不足 {margin} 元', thresholds: ['nearMissYuan'], line: true },
  { code: 'L09', name: '人均纯收入低于监测线但非监测户', scope: 'ledger', fields: ['net_fen', 'household_type'], severity: 'error', message: '人均纯收入 {pc} 元，低于监测线 {line} 元，户类型为“{type}”', line: true },
  { code: 'L10', name: '家庭人口数与成员数不符', scope: 'ledger', fields: ['size', 'members'], severity: 'error', message: '登记人口 {size} 人，成员 {members} 人' },
  { code: 'L11', name: '本年无收入记录', scope: 'ledger', fields: ['income_records'], severity: 'error', message: '{year} 年没有收入记录' },
  { code: 'L12', name: '纯收入为负', scope: 'ledger', fields: ['net_fen'], severity: 'error', message: '纯收入 {net} 元' },
  { code: 'L13', name: '户主人数不为一', scope: 'ledger', fields: ['relation'], severity: 'error', message: '与户主关系为“户主”的成员 {heads} 人' },
  { code: 'L14', name: '公益岗成员但无公益岗工资', scope: 'ledger', fields: ['welfare_post', 'welfare_post_wage_fen'], severity: 'warning', message: '{name} 在公益岗位，全户公益岗工资为 0' },
  { code: 'L15', name: '无劳动力成员务工满年', scope: 'ledger', fields: ['labour', 'work_months'], severity: 'warning', message: '{name} 劳动技能为“{labour}”，务工 {months} 个月' },
  { code: 'L16', name: '户主证件号码不在成员中', scope: 'ledger', fields: ['head_id_number'], severity: 'error', message: '户主证件号码不是本户任何成员的证件号码' },
  { code: 'X01', name: '已死亡人员仍在台账', scope: 'cross', kinds: ['死亡'], fields: ['id_number'], severity: 'error', message: '{name} 在{dept}死亡名单中（截至 {asOf}）' },
  { code: 'X02', name: '财政供养人员在台账', scope: 'cross', kinds: ['财政供养'], fields: ['id_number'], severity: 'error', message: '{name} 在{dept}财政供养名单中（截至 {asOf}）' },
  { code: 'X03', name: '低收入户成员有车辆', scope: 'cross', kinds: ['车辆'], fields: ['id_number', 'net_fen'], severity: 'warning', message: '{name} 名下有车辆（{dept}），全户人均 {pc} 元', thresholds: ['nearMissYuan'], line: true },
  { code: 'X04', name: '低收入户成员有工商登记', scope: 'cross', kinds: ['工商'], fields: ['id_number', 'net_fen'], severity: 'warning', message: '{name} 有工商登记（{dept}），全户人均 {pc} 元', thresholds: ['nearMissYuan'], line: true },
  { code: 'X05', name: '大额医疗自付但未纳入监测', scope: 'cross', kinds: ['医保'], fields: ['id_number', 'household_type'], severity: 'error', message: '{name} 自付医疗费用 {amount} 元，户类型为“{type}”', thresholds: ['medicalYuan'] },
  { code: 'X06', name: '低保或特困对象属性不符', scope: 'cross', kinds: ['低保', '特困'], fields: ['id_number', 'poverty_attribute'], severity: 'warning', message: '{name} 在{dept}{kind}名单中，脱贫户属性为“{attr}”' },
  { code: 'X07', name: '残疾人员健康状况未标残疾', scope: 'cross', kinds: ['残疾'], fields: ['id_number', 'health'], severity: 'warning', message: '{name} 在{dept}残疾人名单中，健康状况为“{health}”' },
];

export const RULE_BY_CODE: ReadonlyMap<string, RuleSpec> = new Map(RULES.map((r) => [r.code, r]));

export const FINDING_STATES = ['open', 'fixed', 'exempt', 'false_positive', 'closed_by_data'] as const;
export type FindingState = (typeof FINDING_STATES)[number];
/** What a person may set; 数据已更正 is only ever set by a run that no longer finds the problem. */
export const SETTABLE_STATES = ['open', 'fixed', 'exempt', 'false_positive'] as const;
export const FINDING_STATE_LABELS: Record<FindingState, string> = {
  open: '待整改', fixed: '已整改', exempt: '豁免', false_positive: '误报', closed_by_data: '数据已更正',
};

/** Fills `{name}` placeholders; a missing figure shows as “?” rather than vanishing. */
export function renderMessage(template: string, figures: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (figures[k] === undefined || figures[k] === null ? '?' : String(figures[k])));
}

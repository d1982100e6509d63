/**
 * Plausibility checks on a household (DOMAIN §1.2, §1.3, §3.5). They are warnings for the steward to
 * look at, never decisions: public checkers use them to find entry mistakes and households whose
 * help does not fit their situation. The steward can dismiss one with a note (risk_dismissals).
 */
import { DEVELOPMENT_TYPES } from './plans.ts';

export type RiskRule =
  | 'labour-understated'
  | 'unable-but-working'
  | 'welfare-post-aged'
  | 'welfare-post-away'
  | 'work-months-mismatch'
  | 'income-very-low'
  | 'income-high-monitored'
  | 'below-floor-not-monitored'
  | 'no-development-measure'
  | 'no-labour-no-security';

export const RISK_RULE_LABELS: Readonly<Record<RiskRule, string>> = {
  'labour-understated': '劳动能力疑似填低',
  'unable-but-working': '无劳力却在务工',
  'welfare-post-aged': '公益岗位人员超龄',
  'welfare-post-away': '公益岗位人员在县外务工',
  'work-months-mismatch': '务工月数与务工地不符',
  'income-very-low': '人均纯收入过低',
  'income-high-monitored': '新识别监测户收入偏高',
  'below-floor-not-monitored': '低于监测范围未纳入监测',
  'no-development-measure': '有劳动力无开发式措施',
  'no-labour-no-security': '无劳动力无兜底保障',
};

/** Thresholds used by public checkers (DOMAIN §3.5): soft warnings, not policy lines. */
export const VERY_LOW_PER_CAPITA = 4000;
export const HIGH_PER_CAPITA_NEWLY_MONITORED = 20000;
export const WELFARE_POST_MAX_AGE = 70;

export interface HintMember {
  id: number;
  name: string;
  /** YYYY-MM-DD, from the ID number. */
  birthDate: string | null;
  labour: string | null;
  health: string | null;
  studentStatus: string | null;
  workPlaceClass: string | null;
  workMonths: number | null;
  welfarePost: boolean;
}

export interface HintHousehold {
  year: number;
  householdType: string;
  monitoringCategory: string | null;
  identifiedYm: string | null;
  riskEliminated: boolean | null;
  /** Per-capita net income of `year`, yuan; null without an income record. */
  perCapita: number | null;
  /** The year's monitoring range floor, yuan, when the steward has entered it. */
  monitoringFloor: number | null;
  /** In the work ledger (below the line, fallen or relocated) or monitored: such a household needs a plan. */
  needsPlan: boolean;
  /** Measure types of the year's plan; null when there is no plan. */
  planMeasureTypes: readonly string[] | null;
  members: readonly HintMember[];
}

export interface RiskHint {
  rule: RiskRule;
  memberId: number | null;
  memberName: string | null;
  message: string;
}

const ABLE = new Set(['技能劳动力', '普通劳动力']);
const WEAK = '弱劳动力或半劳动力';
const UNABLE = new Set(['无劳动力', '丧失劳动力']);
const AWAY = new Set(['省内县外', '省外', '境外']);

/** Age reached during `year` (the ledger's year, not today), so a year's hints do not change with the calendar. */
export function ageInYear(birthDate: string | null, year: number): number | null {
  const y = birthDate ? Number(birthDate.slice(0, 4)) : NaN;
  return Number.isInteger(y) && y > 1900 ? year - y : null;
}

function isStudent(m: HintMember): boolean {
  const s = (m.studentStatus ?? '').trim();
  return s !== '' && s !== '学龄前儿童';
}

/** Has labour (弱/半 labour counts: public-welfare posts are meant for them). */
export function hasLabour(members: readonly HintMember[]): boolean {
  return members.some((m) => m.labour !== null && (ABLE.has(m.labour) || m.labour === WEAK));
}

function memberHints(m: HintMember, year: number): RiskHint[] {
  const out: RiskHint[] = [];
  const age = ageInYear(m.birthDate, year);
  const hint = (rule: RiskRule, message: string): void => void out.push({ rule, memberId: m.id, memberName: m.name, message });
  const working = (m.workMonths ?? 0) > 0 || m.workPlaceClass !== null;
  if (age !== null && age >= 16 && age <= 59 && m.health === '健康' && !isStudent(m) && (m.labour === '无劳动力' || m.labour === WEAK)) {
    hint('labour-understated', `${m.name}${age}岁、健康、非在校生，劳动技能却为“${m.labour}”，请核实。`);
  }
  if (m.labour !== null && UNABLE.has(m.labour) && working) {
    hint('unable-but-working', `${m.name}劳动技能为“${m.labour}”，却登记了务工（${m.workPlaceClass ?? '未填地点'}，${m.workMonths ?? 0}个月）。`);
  }
  // 弱/半 labour working close to home (often on a welfare post) is expected; far away is not.
  if (m.labour === WEAK && !m.welfarePost && m.workPlaceClass !== null && AWAY.has(m.workPlaceClass)) {
    hint('unable-but-working', `${m.name}为弱劳动力或半劳动力，却登记在${m.workPlaceClass}务工，请核实劳动能力或务工信息。`);
  }
  if (m.welfarePost && age !== null && age >= WELFARE_POST_MAX_AGE) {
    hint('welfare-post-aged', `${m.name}${age}岁仍在公益性岗位上（${WELFARE_POST_MAX_AGE}岁及以上一般不再安排）。`);
  }
  if (m.welfarePost && m.workPlaceClass !== null && AWAY.has(m.workPlaceClass)) {
    hint('welfare-post-away', `${m.name}有公益性岗位，务工地却在${m.workPlaceClass}。`);
  }
  if (((m.workMonths ?? 0) > 0) !== (m.workPlaceClass !== null)) {
    hint('work-months-mismatch', m.workPlaceClass === null ? `${m.name}有务工月数但未填务工地。` : `${m.name}填了务工地（${m.workPlaceClass}）但务工月数为0。`);
  }
  return out;
}

function householdHints(h: HintHousehold): RiskHint[] {
  const out: RiskHint[] = [];
  const hint = (rule: RiskRule, message: string): void => void out.push({ rule, memberId: null, memberName: null, message });
  const pc = h.perCapita;
  if (pc !== null && pc < VERY_LOW_PER_CAPITA) {
    hint('income-very-low', `人均纯收入 ${pc.toFixed(2)} 元，低于 ${VERY_LOW_PER_CAPITA} 元，请核实收入是否漏计。`);
  }
  if (pc !== null && h.monitoringCategory && h.riskEliminated !== true && (h.identifiedYm ?? '') >= '202301' && pc > HIGH_PER_CAPITA_NEWLY_MONITORED) {
    hint('income-high-monitored', `2023年以后识别的监测户，人均纯收入 ${pc.toFixed(2)} 元，高于 ${HIGH_PER_CAPITA_NEWLY_MONITORED} 元。`);
  }
  if (pc !== null && h.monitoringFloor !== null && h.householdType === '脱贫户' && !h.monitoringCategory && pc < h.monitoringFloor) {
    hint('below-floor-not-monitored', `脱贫户人均纯收入 ${pc.toFixed(2)} 元，低于监测范围 ${h.monitoringFloor} 元，但未纳入监测。`);
  }
  const types = h.planMeasureTypes;
  // Without a plan only monitored households are flagged (the national rule); for the others the
  // ledger already shows "未制定", and a hint on every such row would drown the real ones.
  const checkPlan = types !== null ? h.needsPlan || h.monitoringCategory !== null : h.monitoringCategory !== null;
  if (checkPlan && hasLabour(h.members) && !(types ?? []).some((t) => (DEVELOPMENT_TYPES as readonly string[]).includes(t))) {
    hint('no-development-measure', types === null
      ? '家庭有劳动力，尚未制定帮扶计划；应至少安排一项开发式措施（产业、就业、金融或公益岗位）。'
      : '家庭有劳动力，但帮扶计划中没有开发式措施（产业、就业、金融或公益岗位）。');
  }
  if (types !== null && h.members.length > 0 && !hasLabour(h.members) && !types.includes('兜底保障')) {
    hint('no-labour-no-security', '家庭无劳动力，帮扶计划中没有兜底保障措施（低保、特困供养、养老金、残疾人两项补贴等）。');
  }
  return out;
}

export function riskHints(h: HintHousehold): RiskHint[] {
  return [...householdHints(h), ...h.members.flatMap((m) => memberHints(m, h.year))];
}

/** The key a dismissal is stored under: one rule, one member (or the household), one year. */
export function hintKey(h: { rule: string; memberId: number | null }): string {
  return `${h.rule}:${h.memberId ?? 0}`;
}

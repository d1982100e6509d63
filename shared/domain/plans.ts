/**
 * 一户一策 plans (DOMAIN §3.2, §7.4): the vocabularies a plan uses and the follow-up rule that
 * judges a plan of year Y by the household's income in year Y+1. Pure, so the ledger, the
 * household card, the CLI and the export forms all judge a plan the same way.
 */

export const PLAN_STATUSES = ['待制定', '已制定', '落实中', '已完成'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The measure types of the 一户一策 form (DOMAIN §7.4) plus 金融/健康/教育 from the national fields. */
export const MEASURE_TYPES = ['产业', '就业', '公益岗位', '金融', '兜底保障', '健康', '教育', '其他'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

/** "Development" help (开发式帮扶): a household with labour is expected to have at least one (DOMAIN §1.2). */
export const DEVELOPMENT_TYPES: readonly MeasureType[] = ['产业', '就业', '金融', '公益岗位'];

export const MONITORING_CATEGORIES = ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'] as const;
export type MonitoringCategory = (typeof MONITORING_CATEGORIES)[number];

/** The official risk list (DOMAIN §1.5) with the two labels the national export adds. */
export const RISK_TYPES = [
  '因病', '因残', '因学', '因灾', '因意外事故', '因产业项目失败', '因务工就业不稳', '缺劳动力', '因安全住房', '因安全饮水', '其他',
] as const;

const RISK_ALIASES: Readonly<Record<string, string>> = {
  因自然灾害: '因灾',
  务工就业不稳: '因务工就业不稳',
  住房出现安全问题: '因安全住房',
  饮水安全问题: '因安全饮水',
};

/** One spelling per risk, so a filter on 因灾 also finds rows imported as 因自然灾害. */
export function normaliseRiskType(label: string): string {
  const t = label.trim();
  return RISK_ALIASES[t] ?? t;
}

export const LEDGER_GROUPS = ['below', 'decreased', 'relocated'] as const;
export type LedgerGroup = (typeof LEDGER_GROUPS)[number];
export const LEDGER_GROUP_LABELS: Readonly<Record<LedgerGroup, string>> = {
  below: '低于收入线',
  decreased: '收入下降',
  relocated: '易地搬迁',
};

export const PLAN_OUTCOMES = ['pending', 'reached', 'fell-again', 'below-line', 'not-reached'] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];
export const PLAN_OUTCOME_LABELS: Readonly<Record<PlanOutcome, string>> = {
  pending: '待评估',
  reached: '达到目标',
  'fell-again': '再次下降',
  'below-line': '仍低于收入线',
  'not-reached': '未达目标',
};

/** A household's income in one year, in fen, with the size used for per-capita. */
export interface YearIncome {
  netFen: number;
  size: number;
}

export interface PlanEvaluation {
  outcome: PlanOutcome;
  /** The year whose income judged the plan (plan year + 1). */
  evaluatedYear: number;
  /** The target the plan was judged against, yuan: its own target, else the line. */
  targetPerCapita: number;
  reached: boolean | null;
  belowLine: boolean | null;
  fellAgain: boolean | null;
}

export interface EvaluationInput {
  planYear: number;
  /** The plan year's own income (the base a new fall is measured from); null when none was recorded. */
  base: YearIncome | null;
  /** The next year's income; null until it is imported or entered. */
  next: YearIncome | null;
  targetFen: number | null;
  /** The next year's line in yuan (a setting per year). */
  nextLineYuan: number;
}

/**
 * Per-capita comparisons are cross-multiplied in integer fen (a·d < c·b), as in the `stats` query,
 * so a fall of one fen counts and exactly-on-the-line is not below it, with no rounding in between.
 */
export function evaluatePlan(i: EvaluationInput): PlanEvaluation {
  const lineFen = Math.round(i.nextLineYuan * 100);
  const targetFen = i.targetFen ?? lineFen;
  const evaluatedYear = i.planYear + 1;
  const targetPerCapita = targetFen / 100;
  if (!i.next) return { outcome: 'pending', evaluatedYear, targetPerCapita, reached: null, belowLine: null, fellAgain: null };
  const n = i.next;
  const reached = n.netFen >= targetFen * n.size;
  const belowLine = n.netFen < lineFen * n.size;
  const fellAgain = i.base ? n.netFen * i.base.size < i.base.netFen * n.size : false;
  const outcome: PlanOutcome = reached ? 'reached' : fellAgain ? 'fell-again' : belowLine ? 'below-line' : 'not-reached';
  return { outcome, evaluatedYear, targetPerCapita, reached, belowLine, fellAgain };
}

/** A plan may leave 待制定 only with at least one measure: an empty "已制定" plan helps nobody. */
export function statusNeedsMeasures(status: PlanStatus): boolean {
  return status !== '待制定';
}

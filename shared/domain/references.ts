/**
 * Reference values seeded into the editable `reference_values` table (DOMAIN §0, §4).
 * Only figures the plan states are seeded. Unknown ones (Gansu averages by year and component,
 * the Gansu monitoring range, Baiyin actuals after 2022) are deliberately absent: users enter
 * official figures when they get them, and an empty cell is better than a guessed one.
 */

export type RefKind = 'target' | 'actual' | 'province' | 'threshold';
export type RefMetric =
  | 'perCapitaNet'
  | 'wage'
  | 'business'
  | 'property'
  | 'transfer'
  | 'line'
  | 'monitoringFloor'
  | 'growthRate';

export interface ReferenceSeed {
  kind: RefKind;
  year: number;
  /** Region code; '620000' is 甘肃省. */
  scope: string;
  metric: RefMetric;
  value: number | null;
  source: string;
  verified: boolean;
}

/** The city's "两类群体" line: 人均纯收入 below this (strictly) is focused on. */
export const BELOW_LINE_DEFAULT = 8000;

const CITY = '620400';
const PROVINCE = '620000';
const PLAN = '《白银市脱贫人口增收三年行动方案(2023—2025年)》（征求意见稿）';
const NOTE = '《关于〈白银市脱贫人口增收三年行动方案(2023—2025年)〉起草情况的说明》（市乡村振兴局，2023-08-16）';

interface YearTarget {
  year: number;
  item: string;
  perCapitaNet: number;
  business: number;
  wage: number;
  transfer: number;
  property: number;
}

const TARGETS: readonly YearTarget[] = [
  { year: 2023, item: '1', perCapitaNet: 13200, business: 3800, wage: 8000, transfer: 1200, property: 200 },
  { year: 2024, item: '2', perCapitaNet: 15500, business: 4600, wage: 9000, transfer: 1500, property: 400 },
  { year: 2025, item: '3', perCapitaNet: 18000, business: 5400, wage: 10300, transfer: 1800, property: 500 },
];

function targetSeeds(t: YearTarget): ReferenceSeed[] {
  const where = `${PLAN}一、（二）${t.item}.${t.year}年增收目标`;
  const seed = (metric: RefMetric, value: number, quote: string): ReferenceSeed => ({
    kind: 'target',
    year: t.year,
    scope: CITY,
    metric,
    value,
    source: `${where}：「${quote}」`,
    verified: true,
  });
  const components = `人均经营性净收入、人均工资性收入、人均转移性收入、人均财产性收入预计分别达到${t.business}元、${t.wage}元、${t.transfer}元、${t.property}元以上`;
  return [
    seed('perCapitaNet', t.perCapitaNet, `全市脱贫人口人均纯收入预计增长15%以上,达到${t.perCapitaNet}元以上`),
    seed('business', t.business, components),
    seed('wage', t.wage, components),
    seed('transfer', t.transfer, components),
    seed('property', t.property, components),
    seed('growthRate', 0.15, `全市脱贫人口人均纯收入预计增长15%以上`),
  ];
}

const ACTUALS: readonly ReferenceSeed[] = [
  {
    kind: 'actual', year: 2021, scope: CITY, metric: 'perCapitaNet', value: 9708, verified: true,
    source: `${PLAN}一、（二）：「脱贫人口人均纯收入从2021年的9708元,增加到2025年的18000元以上」`,
  },
  {
    kind: 'actual', year: 2022, scope: CITY, metric: 'perCapitaNet', value: 11100, verified: true,
    source: `${NOTE}二：「2022年底人均纯收入11100元,年人均收入增幅14.3%」`,
  },
  {
    kind: 'actual', year: 2022, scope: CITY, metric: 'growthRate', value: 0.143, verified: true,
    source: `${NOTE}二：「2022年底人均纯收入11100元,年人均收入增幅14.3%」`,
  },
  {
    kind: 'actual', year: 2022, scope: '620422', metric: 'perCapitaNet', value: 10007, verified: true,
    source: `${NOTE}二：「会宁县、靖远县脱贫人口分别占全市脱贫人口的45%、34%,2022年脱贫人口人均纯收入分别为10007元、11274元」`,
  },
  {
    kind: 'actual', year: 2022, scope: '620421', metric: 'perCapitaNet', value: 11274, verified: true,
    source: `${NOTE}二：「会宁县、靖远县脱贫人口分别占全市脱贫人口的45%、34%,2022年脱贫人口人均纯收入分别为10007元、11274元」`,
  },
];

/**
 * The plan sets the line for its own years (2023–2025). 2021 and 2022 get the same value so that
 * earlier records can be compared, but they are marked unverified because the plan does not say so.
 */
function lineSeed(year: number): ReferenceSeed {
  const inPlan = year >= 2023 && year <= 2025;
  const quote = `${PLAN}三、（三）强化监测帮扶：「对人均纯收入低于8000元、人均纯收入下降的“两类群体”和易地搬迁脱贫人口建立工作台账」`;
  return {
    kind: 'threshold',
    year,
    scope: CITY,
    metric: 'line',
    value: BELOW_LINE_DEFAULT,
    source: inPlan ? quote : `${quote}（方案期为2023—2025年，${year}年沿用同一标准以便比较）`,
    verified: inPlan,
  };
}

/** A goal, not an average: stored as the province's target, so `provinceAverage` stays 未填写 until entered. */
const PROVINCE_GOAL: ReferenceSeed = {
  kind: 'target',
  year: 2025,
  scope: PROVINCE,
  metric: 'perCapitaNet',
  value: 18000,
  verified: true,
  source: `${NOTE}二，引《甘肃省脱贫人口增收三年行动计划(2023—2025年)》目标：「全省脱贫人口三年年均增幅15%,到2025年底平均达到18000元以上」`,
};

export const REFERENCE_SEEDS: readonly ReferenceSeed[] = [
  ...TARGETS.flatMap(targetSeeds),
  ...ACTUALS,
  ...[2021, 2022, 2023, 2024, 2025].map(lineSeed),
  PROVINCE_GOAL,
];

/** The one seed for a (kind, year, scope, metric) key, if the plan gives it. */
export function findReferenceSeed(
  kind: RefKind,
  year: number,
  scope: string,
  metric: RefMetric,
): ReferenceSeed | undefined {
  return REFERENCE_SEEDS.find((s) => s.kind === kind && s.year === year && s.scope === scope && s.metric === metric);
}

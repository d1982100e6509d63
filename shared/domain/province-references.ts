/**
 * Gansu's averages for 脱贫人口 income, seeded into `reference_values` (kind 'province', scope 620000)
 * where nothing is stored yet; editable and audited on 设置 → 参考值 like every reference value.
 *
 * Only one published figure is known to the project (research/steward-workflows.md): Gansu's 2021
 * 人均纯收入 of 10,079 yuan, quoted by a 庆阳市农业农村局 page (2022) — a city page citing the
 * province, so it is stored unverified. Every other year and component was NOT FOUND in the shared
 * sources (DOMAIN §4): those rows are seeded EMPTY with a note saying what is known, so the 参考值 page
 * tells the steward where the figure is missing instead of the app guessing one. In particular the
 * 11,835 that 18,000 ÷ 1.15³ gives for 2022 is an inference, not a published average, and is not stored;
 * nor is any 农村居民人均可支配收入 (a different statistic, not found for Gansu either).
 */
import type { ReferenceSeed } from './references.ts';

const PROVINCE = '620000';
const NOTE = '《关于〈白银市脱贫人口增收三年行动方案(2023—2025年)〉起草情况的说明》（市乡村振兴局，2023-08-16）';
const NOT_FOUND = '未找到公布数值，请按省级统计公报或省乡村振兴局文件填写并注明来源';

/** The plan's note states only differences to the province (which year it means is not written). */
const GAP_QUOTES = {
  wage: '工资性收入差距较大,目前全市与全省平均水平相差1500元左右,会宁县相差近2400元,靖远县相差1500元左右',
  business: '我市脱贫人口产业经营收入目前较全省平均水平高出近1000元',
} as const;

function empty(year: number, metric: ReferenceSeed['metric'], note: string): ReferenceSeed {
  return { kind: 'province', year, scope: PROVINCE, metric, value: null, source: note, verified: false };
}

export const PROVINCE_SEEDS: readonly ReferenceSeed[] = [
  {
    kind: 'province', year: 2021, scope: PROVINCE, metric: 'perCapitaNet', value: 10079, verified: false,
    source: '庆阳市农业农村局网页（2022年）引甘肃省数据：「2021年全省脱贫人口人均纯收入10079元」（转引，待与省级文件核对）',
  },
  empty(2022, 'perCapitaNet', `${NOT_FOUND}。方案引全省目标「全省脱贫人口三年年均增幅15%,到2025年底平均达到18000元以上」，按此倒推的约11835元只是推算，未填入`),
  // "目前" in a note written in August 2023 most likely means 2022, the last full year it cites.
  empty(2022, 'wage', `${NOT_FOUND}。${NOTE}只给出差值：「${GAP_QUOTES.wage}」（说明写于2023年8月，所指年度待核对）`),
  empty(2022, 'business', `${NOT_FOUND}。${NOTE}只给出差值：「${GAP_QUOTES.business}」（说明写于2023年8月，所指年度待核对）`),
  empty(2023, 'perCapitaNet', NOT_FOUND),
  empty(2024, 'perCapitaNet', NOT_FOUND),
];

/**
 * The figures a demo ledger is calibrated to. 2021–2022 are the plan's actuals (city 9,708 and
 * 11,100; 会宁 10,007 and 靖远 11,274 in 2022); the other three counties are solved so that the
 * people-weighted city figure is 11,100; later years grow toward (and a little short of) the targets.
 */
export interface CountyPlan {
  code: string;
  /** Share of the city's households (and so, on average, of its people). */
  share: number;
  /** Per-capita net income by year, yuan. */
  perCapita: Record<number, number>;
}

export const DEMO_YEARS = [2021, 2022, 2023, 2024] as const;
export const CITY_HOUSEHOLDS = 89_100;

function path(y2022: number, g2022: number, g2023: number, g2024: number): Record<number, number> {
  const y2021 = y2022 / (1 + g2022);
  const y2023 = y2022 * (1 + g2023);
  return { 2021: y2021, 2022: y2022, 2023: y2023, 2024: y2023 * (1 + g2024) };
}

// Others: (11,100 − 0.45·10,007 − 0.34·11,274) / 0.21 ≈ 13,160 (平川 a little above, 白银区 below,
// weighted back to it); 2022 growth rates per county average the city's +14.3 % (9,708 → 11,100).
const OTHERS_2022 = (11_100 - 0.45 * 10_007 - 0.34 * 11_274) / 0.21;

export const COUNTY_PLANS: readonly CountyPlan[] = [
  { code: '620422', share: 0.45, perCapita: path(10_007, 0.151, 0.158, 0.149) },
  { code: '620421', share: 0.34, perCapita: path(11_274, 0.139, 0.168, 0.152) },
  { code: '620423', share: 0.11, perCapita: path(OTHERS_2022, 0.136, 0.171, 0.146) },
  { code: '620403', share: 0.06, perCapita: path(OTHERS_2022 * 1.03, 0.141, 0.162, 0.155) },
  { code: '620402', share: 0.04, perCapita: path(OTHERS_2022 * 0.945, 0.142, 0.166, 0.151) },
];

/** Average shares of net income by component (2022-like: wage lags, business strong). */
export const COMPONENT_SHARES = { wage: 0.56, business: 0.31, property: 0.018, transfer: 0.112 };

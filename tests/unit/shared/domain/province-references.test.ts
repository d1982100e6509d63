import { describe, it, expect } from 'vitest';
import { PROVINCE_SEEDS } from '../../../../shared/domain/province-references.ts';
import { REFERENCE_SEEDS } from '../../../../shared/domain/references.ts';
import { PLAN_TEXT } from '../../../../shared/domain/plan-seed.ts';

describe('Gansu averages seeded', () => {
  it('stores the one published figure, 2021 人均纯收入 10,079, unverified with its source', () => {
    const filled = PROVINCE_SEEDS.filter((s) => s.value !== null);
    expect(filled.map((s) => [s.year, s.metric, s.value, s.verified])).toEqual([[2021, 'perCapitaNet', 10079, false]]);
    expect(filled[0]!.source).toMatch(/庆阳市农业农村局.*10079元/);
  });

  it('leaves every other year empty, each with a note that says the figure was not found', () => {
    const empty = PROVINCE_SEEDS.filter((s) => s.value === null);
    expect(empty.length).toBeGreaterThan(0);
    for (const s of empty) expect(s.source, `${s.year} ${s.metric}`).toMatch(/未找到公布数值/);
    // The 2022 level implied by the province goal is named as an inference and not stored.
    const y2022 = PROVINCE_SEEDS.find((s) => s.year === 2022 && s.metric === 'perCapitaNet');
    expect(y2022).toMatchObject({ value: null });
    expect(y2022!.source).toMatch(/11835元只是推算，未填入/);
  });

  it('quotes the plan note word for word where it cites it', () => {
    for (const s of PROVINCE_SEEDS.filter((x) => x.source.includes('「') && !x.source.startsWith('庆阳'))) {
      const quote = /「(.+?)」/.exec(s.source)![1]!;
      expect(PLAN_TEXT, quote).toContain(quote);
    }
  });

  it('are province rows only, one per key, none clashing with the plan seeds', () => {
    expect(PROVINCE_SEEDS.every((s) => s.kind === 'province' && s.scope === '620000')).toBe(true);
    const keys = [...REFERENCE_SEEDS, ...PROVINCE_SEEDS].map((s) => `${s.kind}|${s.year}|${s.scope}|${s.metric}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

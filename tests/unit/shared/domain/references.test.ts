import { describe, it, expect } from 'vitest';
import { REFERENCE_SEEDS, BELOW_LINE_DEFAULT, findReferenceSeed } from '../../../../shared/domain/references.ts';
import type { RefMetric } from '../../../../shared/domain/references.ts';
import { PLAN_TEXT } from '../../../../shared/domain/plan-seed.ts';

const CITY = '620400';
const value = (kind: 'target' | 'actual' | 'province' | 'threshold', year: number, scope: string, metric: RefMetric) =>
  findReferenceSeed(kind, year, scope, metric)?.value;

describe('city targets', () => {
  it('match the plan table', () => {
    expect([2023, 2024, 2025].map((y) => value('target', y, CITY, 'perCapitaNet'))).toEqual([13200, 15500, 18000]);
    expect([2023, 2024, 2025].map((y) => value('target', y, CITY, 'business'))).toEqual([3800, 4600, 5400]);
    expect([2023, 2024, 2025].map((y) => value('target', y, CITY, 'wage'))).toEqual([8000, 9000, 10300]);
    expect([2023, 2024, 2025].map((y) => value('target', y, CITY, 'transfer'))).toEqual([1200, 1500, 1800]);
    expect([2023, 2024, 2025].map((y) => value('target', y, CITY, 'property'))).toEqual([200, 400, 500]);
    expect([2023, 2024, 2025].map((y) => value('target', y, CITY, 'growthRate'))).toEqual([0.15, 0.15, 0.15]);
  });
  it('each year: the four components add up exactly to the total', () => {
    for (const year of [2023, 2024, 2025]) {
      const parts = (['business', 'wage', 'transfer', 'property'] as const).map((m) => value('target', year, CITY, m)!);
      expect(parts.reduce((a, b) => a + b, 0), String(year)).toBe(value('target', year, CITY, 'perCapitaNet'));
    }
  });
});

describe('actuals, line and province goal', () => {
  it('holds the figures the plan states', () => {
    expect(value('actual', 2021, CITY, 'perCapitaNet')).toBe(9708);
    expect(value('actual', 2022, CITY, 'perCapitaNet')).toBe(11100);
    expect(value('actual', 2022, '620422', 'perCapitaNet')).toBe(10007);
    expect(value('actual', 2022, '620421', 'perCapitaNet')).toBe(11274);
    // The province's 2025 goal is a target, not an average: no province average is seeded.
    expect(value('target', 2025, '620000', 'perCapitaNet')).toBe(18000);
  });
  it('has the 8,000 line for 2021–2025, verified only for the plan years', () => {
    expect(BELOW_LINE_DEFAULT).toBe(8000);
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const s = findReferenceSeed('threshold', year, CITY, 'line');
      expect(s?.value).toBe(8000);
      expect(s?.verified).toBe(year >= 2023);
    }
  });
  it('does not invent unknown figures', () => {
    expect(REFERENCE_SEEDS.filter((s) => s.metric === 'monitoringFloor')).toEqual([]);
    expect(REFERENCE_SEEDS.filter((s) => s.kind === 'province')).toEqual([]);
    expect(REFERENCE_SEEDS.some((s) => s.kind === 'actual' && s.year >= 2023)).toBe(false);
  });
  it('has one seed per key', () => {
    const keys = REFERENCE_SEEDS.map((s) => `${s.kind}|${s.year}|${s.scope}|${s.metric}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(REFERENCE_SEEDS).toHaveLength(18 + 5 + 5 + 1);
  });
});

describe('sources', () => {
  it('every seed cites a document and quotes text that really is in the plan', () => {
    for (const s of REFERENCE_SEEDS) {
      expect(s.source).toMatch(/《.+》/);
      const quote = /「(.+)」/.exec(s.source)?.[1];
      expect(quote, s.source).toBeDefined();
      for (const piece of quote!.split('……')) expect(PLAN_TEXT, piece).toContain(piece);
    }
  });
  it('quoted figures agree with the seeded values', () => {
    for (const s of REFERENCE_SEEDS) {
      if (s.value === null) continue;
      const shown = s.metric === 'growthRate' ? `${Math.round(s.value * 1000) / 10}%` : `${s.value}元`;
      expect(s.source, `${s.kind} ${s.year} ${s.metric}`).toContain(shown);
    }
  });
});

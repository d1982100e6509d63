import { describe, it, expect } from 'vitest';
import {
  householdNet,
  businessNet,
  perCapita,
  weightedPerCapita,
  growth,
  gap,
  isBelowLine,
  hasDecreased,
  round2,
  fenToYuan,
  yuanToFen,
  requiredAnnualIncrease,
} from '../../../../shared/domain/income.ts';
import type { IncomeParts } from '../../../../shared/domain/income.ts';

const family: IncomeParts = { wage: 24000, businessGross: 15000, businessExpense: 4000, property: 600, transfer: 3600 };

describe('household income', () => {
  it('nets business expense out of the total', () => {
    expect(businessNet(family)).toBe(11000);
    expect(householdNet(family)).toBe(24000 + 15000 - 4000 + 600 + 3600);
    expect(householdNet(family)).toBe(39200);
  });
  it('works in fen as well', () => {
    const fen: IncomeParts = { wage: 100, businessGross: 250, businessExpense: 301, property: 0, transfer: 1 };
    expect(householdNet(fen)).toBe(50);
    expect(businessNet(fen)).toBe(-51);
  });
  it('divides by household size', () => {
    expect(perCapita(39200, 4)).toBe(9800);
    expect(perCapita(39200, 0)).toBeNull();
    expect(perCapita(39200, -1)).toBeNull();
  });
});

describe('weightedPerCapita', () => {
  it('weights by persons, not by households', () => {
    // One person with 20,000 and a family of four with 6,000 each.
    const households = [
      { net: 20000, size: 1 },
      { net: 24000, size: 4 },
    ];
    const sumNet = households.reduce((s, h) => s + h.net, 0);
    const sumPersons = households.reduce((s, h) => s + h.size, 0);
    expect(weightedPerCapita(sumNet, sumPersons)).toBe(8800);
    const meanOfMeans = (20000 + 6000) / 2;
    expect(weightedPerCapita(sumNet, sumPersons)).not.toBe(meanOfMeans);
  });
  it('returns null for an empty group', () => {
    expect(weightedPerCapita(0, 0)).toBeNull();
  });
});

describe('growth and gap', () => {
  it('computes the 2022 city growth', () => {
    expect(round2(growth(11100, 9708)! * 100)).toBe(14.34);
  });
  it('is null without a positive base', () => {
    expect(growth(100, 0)).toBeNull();
    expect(growth(100, -5)).toBeNull();
    expect(growth(null, 100)).toBeNull();
    expect(growth(100, null)).toBeNull();
  });
  it('gives negative growth for a fall', () => {
    expect(growth(90, 100)).toBeCloseTo(-0.1, 12);
  });
  it('gap = reference − actual', () => {
    expect(gap(13200, 11100)).toBe(2100);
    expect(gap(13200, 14000)).toBe(-800);
    expect(gap(null, 1)).toBeNull();
    expect(gap(1, null)).toBeNull();
  });
});

describe('two-category flags', () => {
  it('is strictly below the line', () => {
    expect(isBelowLine(7999.99, 8000)).toBe(true);
    expect(isBelowLine(8000, 8000)).toBe(false);
    expect(isBelowLine(8000.01, 8000)).toBe(false);
  });
  it('counts any decrease', () => {
    expect(hasDecreased(9999, 10000)).toBe(true);
    expect(hasDecreased(10000, 10000)).toBe(false);
    expect(hasDecreased(10001, 10000)).toBe(false);
    expect(hasDecreased(5000, null)).toBe(false);
  });
});

describe('rounding and units', () => {
  it('rounds half away from zero despite float noise', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(1.004)).toBe(1);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(0.125)).toBe(0.13);
    expect(round2(-0.125)).toBe(-0.13);
    expect(round2(11100 / 3)).toBe(3700);
    expect(round2(10007 / 3)).toBe(3335.67);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });
  it('converts fen and yuan', () => {
    expect(fenToYuan(1110000)).toBe(11100);
    expect(fenToYuan(12345)).toBe(123.45);
    expect(fenToYuan(-5)).toBe(-0.05);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1.005)).toBe(101);
    expect(yuanToFen(11100)).toBe(1110000);
    expect(yuanToFen(-12.345)).toBe(-1235);
    expect(Number.isInteger(yuanToFen(19.99))).toBe(true);
  });
});

describe('requiredAnnualIncrease', () => {
  it('reproduces the plan: 11,100 in 2022 to 18,000 in 2025 is about 2,300 a year', () => {
    const r = requiredAnnualIncrease(11100, 2022, 18000, 2025)!;
    expect(r.yuanPerYear).toBe(2300);
    expect(round2(r.ratePerYear * 100)).toBe(17.49);
  });
  it('handles one year', () => {
    const r = requiredAnnualIncrease(11100, 2022, 13200, 2023)!;
    expect(r.yuanPerYear).toBe(2100);
    expect(round2(r.ratePerYear * 100)).toBe(18.92);
  });
  it('is null without a future year or positive base', () => {
    expect(requiredAnnualIncrease(11100, 2025, 18000, 2025)).toBeNull();
    expect(requiredAnnualIncrease(11100, 2026, 18000, 2025)).toBeNull();
    expect(requiredAnnualIncrease(0, 2022, 18000, 2025)).toBeNull();
  });
});

describe('yuanToFen and round2 against the string round trip', () => {
  // roundScaled skips toPrecision(15) when the scaled amount is within 1e-7 of a whole number; the
  // result must be what the round trip gives for every amount, halves and binary noise included.
  const reference = (x: number, digits: number): number => {
    const r = Math.round(Number((Math.abs(x) * 10 ** digits).toPrecision(15)));
    return r === 0 ? 0 : Math.sign(x) * r;
  };
  it('agrees on 200,000 amounts with 0–4 decimals, random doubles and known edge cases', () => {
    let seed = 11;
    const rand = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const xs = [1.005, 2.675, 1.015, 0.125, 100_000_000.005, 9_999_999.995, 1e-7, -0.004, 1e9, 1e13 + 0.5, 0.1 + 0.2];
    for (let i = 0; i < 200_000; i++) {
      const dec = Math.floor(rand() * 5);
      const whole = Math.floor(rand() * 10 ** (1 + Math.floor(rand() * 9)));
      xs.push(Number((whole / 10 ** dec).toFixed(dec)) * (rand() < 0.1 ? -1 : 1), rand() * 10 ** Math.floor(rand() * 10));
    }
    const wrong = xs.filter((x) => yuanToFen(x) !== (Number.isInteger(x) ? x * 100 : reference(x, 2)) || round2(x) !== reference(x, 2) / 100);
    expect(wrong).toEqual([]);
  });
});

import { describe, it, expect } from 'vitest';
import { formatYuan, formatInt, formatPercent, formatSignedYuan, MISSING } from '../../../../shared/domain/format.ts';

describe('formatYuan', () => {
  it('groups thousands with two decimals', () => {
    expect(formatYuan(11100)).toBe('11,100.00');
    expect(formatYuan(1234567.891)).toBe('1,234,567.89');
    expect(formatYuan(999.995)).toBe('1,000.00');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(12.5, 0)).toBe('13');
    expect(formatYuan(3335.666, 1)).toBe('3,335.7');
  });
  it('rounds half away from zero on the decimal value', () => {
    expect(formatYuan(1.005)).toBe('1.01');
    expect(formatYuan(-1.005)).toBe('-1.01');
    expect(formatYuan(-1234.5)).toBe('-1,234.50');
    expect(formatYuan(-0.001)).toBe('0.00');
  });
  it('shows a dash for missing values', () => {
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(Number.NaN)).toBe(MISSING);
  });
});

describe('formatInt', () => {
  it('rounds and groups', () => {
    expect(formatInt(372100)).toBe('372,100');
    expect(formatInt(89100.5)).toBe('89,101');
    expect(formatInt(-2.5)).toBe('-3');
    expect(formatInt(999)).toBe('999');
    expect(formatInt(null)).toBe('—');
  });
});

describe('formatPercent', () => {
  it('formats ratios', () => {
    expect(formatPercent(0.143)).toBe('14.3%');
    expect(formatPercent(11100 / 9708 - 1)).toBe('14.3%');
    expect(formatPercent(13200 / 11100 - 1, 2)).toBe('18.92%');
    expect(formatPercent(-0.05)).toBe('-5.0%');
    expect(formatPercent(1.5, 0)).toBe('150%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('formatSignedYuan', () => {
  it('signs changes', () => {
    expect(formatSignedYuan(2300)).toBe('+2,300.00');
    expect(formatSignedYuan(-1500)).toBe('-1,500.00');
    expect(formatSignedYuan(0)).toBe('0.00');
    expect(formatSignedYuan(0.001)).toBe('0.00');
    expect(formatSignedYuan(1392, 0)).toBe('+1,392');
    expect(formatSignedYuan(null)).toBe('—');
  });
});

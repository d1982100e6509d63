import { describe, it, expect } from 'vitest';
import { parseAmountInput, amountText } from '../../../../shared/domain/amount-input.ts';

const value = (t: string, rules = {}): number | null => {
  const r = parseAmountInput(t, rules);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const refusal = (t: string, rules = {}): string => {
  const r = parseAmountInput(t, rules);
  if (r.ok) throw new Error(`accepted ${t} as ${r.value}`);
  return r.message;
};

describe('parseAmountInput', () => {
  it('reads 万 and 千 as multipliers, never as the bare digits', () => {
    expect(value('1.2万')).toBe(12000);
    expect(value('0.35万')).toBe(3500);
    expect(value('3千')).toBe(3000);
    expect(value('１．２万')).toBe(12000);
  });
  it('reads commas, full-width digits, currency signs and 元', () => {
    expect(value('12,345.60')).toBe(12345.6);
    expect(value('１２３４５')).toBe(12345);
    expect(value('¥800 元')).toBe(800);
    expect(value(' 800 ')).toBe(800);
    expect(value('')).toBeNull();
  });
  it('says how a non-plain entry was read and stays silent on a plain one', () => {
    const r = parseAmountInput('1.2万');
    expect(r.ok && r.note).toBe('按 12,000.00 元');
    const p = parseAmountInput('12000.5');
    expect(p.ok && p.note).toBeNull();
  });
  it('refuses a negative figure instead of clamping it, unless negatives are allowed', () => {
    expect(refusal('-500')).toContain('不能为负数');
    expect(refusal('−500')).toContain('-500'.replace('-', '−'));
    expect(value('-500', { allowNegative: true })).toBe(-500);
  });
  it('refuses text, sub-fen precision and figures above the limit with a Chinese message', () => {
    expect(refusal('一万')).toContain('不是金额');
    expect(refusal('12.345')).toContain('两位小数');
    expect(refusal('2万', { max: 10000 })).toContain('超过上限');
    expect(refusal('1.2.3')).toContain('不是金额');
  });
  it('shows a stored figure as editable text that parses back to itself', () => {
    for (const n of [0, 12000, 0.1, 12345.67]) expect(value(amountText(n))).toBe(n);
    expect(amountText(null)).toBe('');
  });
});

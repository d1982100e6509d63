import { describe, it, expect } from 'vitest';
import { parseNumberInput, numberText } from '../../../../shared/domain/number-input.ts';

const value = (t: string, rules = {}): number | null => {
  const r = parseNumberInput(t, rules);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const refusal = (t: string, rules = {}): string => {
  const r = parseNumberInput(t, rules);
  if (r.ok) throw new Error(`accepted ${t} as ${r.value}`);
  return r.message;
};

describe('parseNumberInput', () => {
  it('reads plain, full-width and grouped digits; empty is null', () => {
    expect(value('2024')).toBe(2024);
    expect(value('２０２４')).toBe(2024);
    expect(value('1,200')).toBe(1200);
    expect(value(' 5 ')).toBe(5);
    expect(value('−3.5')).toBe(-3.5);
    expect(value('')).toBeNull();
  });
  it('refuses out-of-range entries instead of moving them to the bound', () => {
    expect(refusal('2200', { min: 2000, max: 2100, label: '年度' })).toBe('年度不能大于 2100（填写的是 2200）');
    expect(refusal('-3', { min: 0, label: '年龄' })).toBe('年龄不能小于 0（填写的是 -3）');
    expect(value('2100', { min: 2000, max: 2100 })).toBe(2100);
  });
  it('refuses fractions where whole numbers are counted', () => {
    expect(refusal('4.5', { integer: true, label: '人口' })).toBe('人口应为整数（填写的是 4.5）');
  });
  it('refuses units and words rather than dropping them', () => {
    expect(refusal('1.2万', { unit: '万人' })).toContain('单位已是“万人”');
    expect(refusal('5人', { label: '人口' })).toContain('人口请只填写数字');
    expect(refusal('abc')).toContain('不是数字');
  });
  it('shows a stored number without grouping', () => {
    expect(numberText(2024)).toBe('2024');
    expect(numberText(null)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { FIELDS, LEDGER_HEADERS, matchHeader } from '../../../shared/domain/import-headers.ts';

describe('import header synonyms', () => {
  it('matches every canonical header and synonym to its own field', () => {
    for (const f of FIELDS) {
      expect(matchHeader(f.header)).toBe(f.key);
      for (const s of f.synonyms) expect(matchHeader(s), s).toBe(f.key);
    }
  });

  it('accepts units, full-width brackets and stray spaces as townships write them', () => {
    expect(matchHeader('工资性收入（元）')).toBe('wage');
    expect(matchHeader(' 家庭 人口数 ')).toBe('size');
    expect(matchHeader('县（市、区、旗）')).toBe('county');
    expect(matchHeader('务工时间（月）')).toBe('workMonths');
    expect(matchHeader('身份证号码')).toBe('idNumber');
    expect(matchHeader('户主身份证号码')).toBe('headIdNumber');
    expect(matchHeader('户编码')).toBe('householdCode');
    expect(matchHeader('检测对象类别')).toBe('monitoringCategory');
  });

  it('does not guess: group captions and unknown headers match nothing', () => {
    expect(matchHeader('家庭收入情况（元）')).toBeNull();
    expect(matchHeader('会宁县2024年脱贫人口收入台账')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });

  it('lists the ledger form headers in catalogue order, each importable', () => {
    expect(LEDGER_HEADERS).toContain('户编号');
    expect(LEDGER_HEADERS).toContain('监测对象类别');
    expect(new Set(LEDGER_HEADERS.map(matchHeader)).size).toBe(LEDGER_HEADERS.length);
  });
});

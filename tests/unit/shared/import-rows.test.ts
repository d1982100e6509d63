import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { incomeConsistency, validateHouseholdRow, validateIncomeRow, validateMemberRow } from '../../../shared/domain/import-rows.ts';
import { parseAmountFen, parseNumber, parseYearMonth, parseYesNo, normalizeName } from '../../../shared/domain/import-values.ts';

const ID = makeIdNumber('620422', '19800101', 11);

describe('cell values', () => {
  it('reads numbers as townships write them', () => {
    expect(parseNumber('12,345.00')).toEqual({ ok: true, value: 12345 });
    expect(parseNumber('１２３４５')).toEqual({ ok: true, value: 12345 });
    expect(parseNumber(' ¥800 元 ')).toEqual({ ok: true, value: 800 });
    expect(parseNumber('—')).toEqual({ ok: true, value: null });
    expect(parseNumber('八百').ok).toBe(false);
    expect(parseNumber({ k: 'nocache', f: 'A1+B1' })).toMatchObject({ ok: false, message: expect.stringContaining('公式') });
    expect(parseAmountFen('1,005.005')).toEqual({ ok: true, value: 100501 });
  });
  it('reads yes/no, year-months and names', () => {
    expect(parseYesNo('是')).toEqual({ ok: true, value: true });
    expect(parseYesNo('√')).toEqual({ ok: true, value: true });
    expect(parseYesNo('否')).toEqual({ ok: true, value: false });
    expect(parseYesNo('也许').ok).toBe(false);
    expect(parseYearMonth('2023年1月')).toEqual({ ok: true, value: '202301' });
    expect(parseYearMonth({ k: 'date', v: '2021-06-01', n: 44348 })).toEqual({ ok: true, value: '202106' });
    expect(normalizeName(' 张 三 ')).toBe('张三');
  });
});

describe('row validation', () => {
  it('accepts a member row and normalises its values', () => {
    const r = validateMemberRow({ name: '张三', idNumber: ID.toLowerCase(), relation: '本人', labour: '弱劳动力', workPlaceClass: '国外', welfarePost: '是' });
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ idNumber: ID, relation: '户主', labour: '弱劳动力或半劳动力', workPlaceClass: '境外', welfarePost: true });
  });
  it('refuses IDs with the right code', () => {
    expect(validateMemberRow({ name: 'a', idNumber: 620422198001010000 }).errors[0]?.code).toBe('id-not-text');
    expect(validateMemberRow({ name: 'a', idNumber: '6.20422E+17' }).errors[0]?.code).toBe('id-not-text');
    expect(validateMemberRow({ name: 'a', idNumber: ID.slice(0, 17) + (ID.endsWith('1') ? '2' : '1') }).errors[0]?.code).toBe('id-checksum');
    expect(validateMemberRow({ name: 'a', idNumber: '62042219801301001X' }).errors[0]?.code).toBe('id-birthdate');
    expect(validateMemberRow({ name: '', idNumber: ID }).errors[0]?.code).toBe('missing-name');
  });
  it('warns about an unknown value instead of refusing the row', () => {
    const r = validateMemberRow({ name: '张三', idNumber: ID, labour: '很强' });
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]).toMatchObject({ field: 'labour', code: 'bad-value' });
    expect(r.value?.labour).toBeNull();
  });
  it('checks the household part and the income', () => {
    expect(validateHouseholdRow({ headName: '张三', size: '0' }).errors[0]?.code).toBe('bad-size');
    expect(validateHouseholdRow({ headName: '张三', size: 3, monitoringCategory: '边缘易致贫户' }).value).toMatchObject({ householdType: '监测户', monitoringCategory: '边缘易致贫户' });
    expect(validateIncomeRow({ wage: '-1' }).errors[0]?.code).toBe('negative-amount');
    const inc = validateIncomeRow({ wage: '10,000', businessGross: 5000, businessExpense: 1000, net: 15000, perCapita: 4000 }).value!;
    const w = incomeConsistency(inc, 3);
    expect(w.map((x) => x.code)).toEqual(['net-mismatch', 'per-capita-mismatch']);
    expect(w[0]!.message).toContain('15000.00');
    expect(w[0]!.message).toContain('14000.00');
  });
});

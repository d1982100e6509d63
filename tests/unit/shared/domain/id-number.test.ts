import { describe, it, expect } from 'vitest';
import {
  normalizeIdNumber,
  checkDigit,
  upgrade15,
  validateIdNumber,
  sexFromId,
  birthDateFromId,
  ageOn,
  maskIdNumber,
  looksLikeLostPrecision,
  makeIdNumber,
} from '../../../../shared/domain/id-number.ts';

const TODAY = new Date(2024, 5, 15); // 2024-06-15, local time

describe('checkDigit', () => {
  it('matches the published GB 11643 examples', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('34052419800101001')).toBe('X');
    expect(checkDigit('62042219900101123')).toBe('5');
  });
  it('rejects input that is not 17 digits', () => {
    expect(() => checkDigit('1234')).toThrow(RangeError);
    expect(() => checkDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe('upgrade15', () => {
  it('inserts 19 and appends the check digit', () => {
    expect(upgrade15('620422900101123')).toBe('620422199001011235');
  });
  it('rejects non-15-digit input', () => {
    expect(() => upgrade15('62042290010112')).toThrow(RangeError);
  });
});

describe('normalizeIdNumber', () => {
  it('converts full-width digits and letters', () => {
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });
  it('strips ASCII, ideographic and no-break spaces', () => {
    expect(normalizeIdNumber(' 110105 19491231\u3000002\u00A0x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('\t620422\n199001011235\u200B')).toBe('620422199001011235');
  });
  it('strips a leading apostrophe and the ="…" wrapper', () => {
    expect(normalizeIdNumber("'620422199001011235")).toBe('620422199001011235');
    expect(normalizeIdNumber('="620422199001011235"')).toBe('620422199001011235');
    expect(normalizeIdNumber('＝＂620422199001011235＂')).toBe('620422199001011235');
  });
});

describe('validateIdNumber', () => {
  it('accepts valid 18-digit numbers, with X upper-cased', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, id: '11010519491231002X', upgraded: false });
    expect(validateIdNumber('34052419800101001x', TODAY)).toEqual({ ok: true, id: '34052419800101001X', upgraded: false });
  });
  it('accepts full-width and spaced input', () => {
    expect(validateIdNumber('６２０４２２ １９９００１０１ １２３５', TODAY)).toEqual({
      ok: true,
      id: '620422199001011235',
      upgraded: false,
    });
  });
  it('upgrades a 15-digit number', () => {
    expect(validateIdNumber('620422900101123', TODAY)).toEqual({ ok: true, id: '620422199001011235', upgraded: true });
  });
  it('reports a wrong check digit with the expected character', () => {
    const r = validateIdNumber('110105194912310021', TODAY);
    expect(r).toEqual({ ok: false, code: 'id-checksum', message: '身份证号码校验位错误（应为 X）' });
    const r2 = validateIdNumber('620422199001011234', TODAY);
    expect(r2).toEqual({ ok: false, code: 'id-checksum', message: '身份证号码校验位错误（应为 5）' });
  });
  it('reports the wrong length', () => {
    expect(validateIdNumber('6204221990010112', TODAY)).toEqual({
      ok: false,
      code: 'id-format',
      message: '身份证号码应为 18 位（当前 16 位）',
    });
    expect(validateIdNumber('', TODAY)).toMatchObject({ ok: false, code: 'id-format' });
  });
  it('reports illegal characters', () => {
    expect(validateIdNumber('62042219900X011235', TODAY)).toMatchObject({ ok: false, code: 'id-format' });
    expect(validateIdNumber('62042290010112X', TODAY)).toMatchObject({ ok: false, code: 'id-format' });
  });
  it('rejects impossible dates', () => {
    const id = makeIdNumber('620422', '19900230', 123);
    expect(validateIdNumber(id, TODAY)).toEqual({
      ok: false,
      code: 'id-birthdate',
      message: '身份证号码中的出生日期 19900230 不是有效日期',
    });
    expect(validateIdNumber(makeIdNumber('620422', '19901301', 1), TODAY)).toMatchObject({ code: 'id-birthdate' });
    expect(validateIdNumber(makeIdNumber('620422', '19900400', 1), TODAY)).toMatchObject({ code: 'id-birthdate' });
  });
  it('knows leap years for 29 February', () => {
    expect(validateIdNumber(makeIdNumber('620422', '20000229', 12), TODAY).ok).toBe(true); // 400-year rule
    expect(validateIdNumber(makeIdNumber('620422', '19880229', 12), TODAY).ok).toBe(true);
    expect(validateIdNumber(makeIdNumber('620422', '19890229', 12), TODAY)).toMatchObject({ code: 'id-birthdate' });
    expect(validateIdNumber(makeIdNumber('620422', '19000229', 12), TODAY)).toMatchObject({ code: 'id-birthdate' }); // 100-year rule
  });
  it('rejects a birth date in the future or before 1900', () => {
    const future = makeIdNumber('620422', '20240616', 5);
    expect(validateIdNumber(future, TODAY)).toEqual({
      ok: false,
      code: 'id-birthdate',
      message: '身份证号码中的出生日期 20240616 晚于今天',
    });
    expect(validateIdNumber(makeIdNumber('620422', '20240615', 5), TODAY).ok).toBe(true); // born today
    expect(validateIdNumber(makeIdNumber('620422', '18991231', 5), TODAY)).toMatchObject({ code: 'id-birthdate' });
  });
});

describe('derived fields', () => {
  it('reads sex from the 17th digit', () => {
    expect(sexFromId('11010519491231002X')).toBe('女'); // 17th digit 2
    expect(sexFromId('620422199001011235')).toBe('男'); // 17th digit 3
    expect(sexFromId('620422900101123')).toBe('男'); // legacy: 15th digit
  });
  it('reads the birth date', () => {
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromId('620422900101123')).toBe('1990-01-01');
  });
  it('computes completed years', () => {
    const id = '620422199001011235';
    expect(ageOn(id, new Date(2024, 0, 1))).toBe(34);
    expect(ageOn(id, new Date(2023, 11, 31))).toBe(33);
    const leap = makeIdNumber('620422', '20000229', 2);
    expect(ageOn(leap, new Date(2023, 1, 28))).toBe(22);
    expect(ageOn(leap, new Date(2023, 2, 1))).toBe(23);
    expect(ageOn(leap, new Date(2024, 1, 29))).toBe(24);
  });
});

describe('derived fields on bad input', () => {
  it('throws instead of guessing', () => {
    expect(() => sexFromId('abc')).toThrow(RangeError);
    expect(() => birthDateFromId('62042219900101')).toThrow(RangeError);
    expect(() => ageOn('', new Date(2024, 0, 1))).toThrow(RangeError);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 of an 18-character ID', () => {
    expect(maskIdNumber('62042219900101123X')).toBe('620422********123X');
  });
  it('keeps only the last 4 otherwise', () => {
    expect(maskIdNumber('620422900101123')).toBe('***********1123');
    expect(maskIdNumber('6204221990010112351')).toBe('***************2351');
    expect(maskIdNumber('123')).toBe('***');
  });
});

describe('looksLikeLostPrecision', () => {
  it('flags numbers with 15+ integer digits', () => {
    expect(looksLikeLostPrecision(620422199001011200)).toBe(true);
    expect(looksLikeLostPrecision(6.20422199001012e17)).toBe(true);
    expect(looksLikeLostPrecision(1e14)).toBe(true);
  });
  it('leaves ordinary numbers alone', () => {
    expect(looksLikeLostPrecision(99999999999999)).toBe(false);
    expect(looksLikeLostPrecision(11100)).toBe(false);
    expect(looksLikeLostPrecision(Number.NaN)).toBe(false);
  });
});

describe('makeIdNumber', () => {
  it('builds valid IDs that round-trip', () => {
    expect(makeIdNumber('620422', '19900101', 123)).toBe('620422199001011235');
    expect(makeIdNumber('110105', '19491231', 2)).toBe('11010519491231002X');
    for (let seq = 0; seq < 1000; seq += 37) {
      const id = makeIdNumber('620421', '19751015', seq);
      expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, id, upgraded: false });
      expect(sexFromId(id)).toBe(seq % 2 === 1 ? '男' : '女');
    }
  });
  it('rejects bad parts', () => {
    expect(() => makeIdNumber('62042', '19900101', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('620422', '1990011', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('620422', '19900101', 1000)).toThrow(RangeError);
  });
});

/**
 * validateIdNumber computes the check character and the birth date from character codes, for speed
 * (it runs for every person of an import). This reference does it the obvious way, with slices,
 * Number() and Date; both must judge every input alike.
 */
function reference(id: string, today: Date): string {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'id-birthdate';
  if (y < 1900) return 'id-birthdate';
  const todayText = `${today.getFullYear()}${String(today.getMonth() + 1).padStart(2, '0')}${String(today.getDate()).padStart(2, '0')}`;
  if (id.slice(6, 14) > todayText) return 'id-birthdate';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]!;
  return '10X98765432'[sum % 11] === id[17] ? 'ok' : 'id-checksum';
}

describe('validateIdNumber against a reference', () => {
  it('judges 30,000 IDs with random dates, sequences and check characters as the reference does', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    const counts: Record<string, number> = {};
    for (let k = 0; k < 30_000; k++) {
      // Years 1890–2030, months 0–13 and days 0–32: impossible dates, leap days and the future.
      const ymd = `${1890 + rand(141)}${pad(rand(14), 2)}${pad(rand(33), 2)}`;
      const first17 = `620${pad(rand(1000), 3)}${ymd}${pad(rand(1000), 3)}`;
      const id = first17 + '0123456789X'[rand(11)];
      const expected = reference(id, TODAY);
      const v = validateIdNumber(id, TODAY);
      expect(v.ok ? 'ok' : v.code, id).toBe(expected);
      counts[expected] = (counts[expected] ?? 0) + 1;
    }
    // Every outcome occurs often enough for the comparison to mean something.
    expect(counts.ok).toBeGreaterThan(300);
    expect(counts['id-checksum']).toBeGreaterThan(3_000);
    expect(counts['id-birthdate']).toBeGreaterThan(3_000);
  });
});

/** The boundary normaliser: lone surrogates, controls, bidi and zero-width characters; valid text untouched. */
import { describe, expect, it } from 'vitest';
import { cellText } from '../../../../shared/domain/import-values.ts';
import { normalizeDeep, normalizeText } from '../../../../shared/domain/text-normalize.ts';

describe('normalizeText', () => {
  it('replaces lone surrogates with U+FFFD and keeps valid pairs', () => {
    expect(normalizeText('更正\uD800')).toBe('更正\uFFFD');
    expect(normalizeText('\uDC00周')).toBe('\uFFFD周');
    expect(normalizeText('𠀀周')).toBe('𠀀周'); // a real supplementary character (surrogate pair)
  });
  it('removes control, bidi-override and zero-width characters but keeps tab and newlines', () => {
    expect(normalizeText('张\u0000三\u0007')).toBe('张三');
    expect(normalizeText('王\u202E芳\u2066')).toBe('王芳');
    expect(normalizeText('李\u200B\u200D\uFEFF强')).toBe('李强');
    expect(normalizeText('第一行\n第二行\t备注\r\n')).toBe('第一行\n第二行\t备注\r\n');
  });
  it('returns ordinary text as it is', () => {
    expect(normalizeText('会宁县 郭城驿镇 1.2万')).toBe('会宁县 郭城驿镇 1.2万');
  });
});

describe('normalizeDeep and cellText', () => {
  it('normalises strings inside objects and arrays, keeps a __proto__ key as a key', () => {
    const out = normalizeDeep(JSON.parse('{"a":"x\\ud800","b":["\\u202e1",2,null],"__proto__":{"c":"y"}}')) as Record<string, unknown>;
    expect(out.a).toBe('x\uFFFD');
    expect(out.b).toEqual(['1', 2, null]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toContain('__proto__');
  });
  it('normalises workbook cells once, in cellText', () => {
    expect(cellText('周\uD800吴')).toBe('周\uFFFD吴');
    expect(cellText(' 周\u202E吴 ')).toBe('周吴');
  });
});

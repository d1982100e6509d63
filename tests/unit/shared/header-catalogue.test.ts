import { describe, expect, it } from 'vitest';
import { HEADER_CATALOGUE, NOT_FIELDS } from '../../../shared/domain/header-catalogue.ts';
import { FIELD_KEYS, headerKey, matchHeader, notAField, reducedHeader } from '../../../shared/domain/import-headers.ts';

describe('header catalogue', () => {
  it('gives every group a source note and only names of known fields, each matching its own field', () => {
    for (const g of HEADER_CATALOGUE) {
      expect(g.source.length, g.id).toBeGreaterThan(10);
      for (const [key, names] of Object.entries(g.names)) {
        expect(FIELD_KEYS, `${g.id}: ${key}`).toContain(key);
        for (const n of names ?? []) expect(matchHeader(n), `${g.id}: ${n}`).toBe(key);
      }
    }
    for (const n of NOT_FIELDS) expect(n.source.length).toBeGreaterThan(5);
  });

  it('carries the statistics bureau terms and the national export income names', () => {
    const nbs = HEADER_CATALOGUE.find((g) => g.id === 'nbs-household-survey')!;
    expect(nbs.names).toEqual({ wage: ['工资性收入'], businessNet: ['经营净收入'], property: ['财产净收入'], transfer: ['转移净收入'] });
    const national = HEADER_CATALOGUE.find((g) => g.id === 'national-monitoring')!;
    expect(national.names.net).toContain('纯收入');
  });

  it('normalises numbering, units and 所在/所属/所辖 prefixes, then reduces 家庭, 性 and 净 as townships shorten them', () => {
    expect(headerKey('（一）工资性收入（元）')).toBe('工资性收入');
    expect(headerKey('3.财产净收入(元/户)')).toBe('财产净收入');
    expect(headerKey('所辖乡镇')).toBe('乡镇');
    expect(reducedHeader('家庭工资性收入')).toBe('工资收入');
    expect(reducedHeader('转移性净收入')).toBe('转移收入');
    expect(reducedHeader('经营性净收入')).toBe('经营净收入');
    // 净 stays for business: net and gross are different fields.
    expect(matchHeader('家庭经营性净收入')).toBe('businessNet');
    expect(matchHeader('家庭经营性收入')).toBe('businessGross');
  });

  it('never matches a part of a component, a per-capita part, a figure after elimination, gross income or 万元', () => {
    for (const h of ['其他工资性收入', '人均工资性收入', '风险消除后家庭纯收入', '家庭总收入', '人均可支配收入', '工资性收入（万元）', '资产收益扶贫分红收入']) {
      expect(matchHeader(h), h).toBeNull();
      expect(notAField(h), h).not.toBeNull();
    }
    // A reduced key two fields share decides neither: 家庭编号 is the household code, 编号 the serial.
    expect(matchHeader('家庭编号')).toBe('householdCode');
    expect(matchHeader('编号')).toBe('serial');
    expect(matchHeader('人均纯收入')).toBe('perCapita');
  });
});

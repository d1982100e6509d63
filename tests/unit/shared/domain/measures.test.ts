import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MEASURES,
  MEASURE_GROUPS,
  MAIN_RESPONSIBLE,
  PLAN_DEPARTMENTS,
  parsePlanMeasures,
} from '../../../../shared/domain/measures.ts';
import { PLAN_TEXT } from '../../../../shared/domain/plan-seed.ts';

// The seed lives beside the clone: <repo>/../shared/seed/…
const here = path.dirname(fileURLToPath(import.meta.url));
const SEED = path.resolve(here, '../../../../../shared/seed/000_00f07c8c49e95344.txt');

const measure = (n: number) => {
  const m = MEASURES.find((x) => x.n === n);
  if (!m) throw new Error(`measure ${n} missing`);
  return m;
};

describe('PLAN_TEXT', () => {
  it.skipIf(!existsSync(SEED))('equals the seed file verbatim', () => {
    expect(PLAN_TEXT).toBe(readFileSync(SEED, 'utf8'));
  });
  it('is the plan', () => {
    expect(PLAN_TEXT.startsWith('关于《白银市脱贫人口增收三年行动方案(2023—2025年)》起草情况的说明')).toBe(true);
    expect(PLAN_TEXT).toContain('二、重点措施');
  });
});

describe('groups', () => {
  it('has five groups by income type', () => {
    expect(MEASURE_GROUPS).toEqual([
      { n: 1, title: '产业提质增效,增加经营性收入', incomeType: 'business' },
      { n: 2, title: '就业稳岗拓岗,提高工资性收入', incomeType: 'wage' },
      { n: 3, title: '盘活资产效益,增加财产性收入', incomeType: 'property' },
      { n: 4, title: '落实惠民政策,增加转移性收入', incomeType: 'transfer' },
      { n: 5, title: '推进移风易俗,减轻支出负担', incomeType: 'expense' },
    ]);
  });
  it('holds 22 measures numbered 1..22, split 6, 8, 2, 4, 2', () => {
    expect(MEASURES.map((m) => m.n)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect([1, 2, 3, 4, 5].map((g) => MEASURES.filter((m) => m.group === g).length)).toEqual([6, 8, 2, 4, 2]);
  });
});

describe('measures', () => {
  it('takes the title up to the first full stop', () => {
    expect(measure(1).title).toBe('发展农业优势特色产业');
    expect(measure(8).title).toBe('推进“雨露计划+”行动');
    expect(measure(12).title).toBe('提升就业工厂(帮扶车间)就业能力');
    expect(measure(22).title).toBe('加强宣传引导');
  });
  it('keeps the full paragraph', () => {
    expect(measure(1).text.startsWith('发展农业优势特色产业。持续推进现代丝路寒旱农业')).toBe(true);
    expect(measure(1).text.endsWith('(责任单位:市农业农村局,县区党委政府)')).toBe(true);
    expect(measure(21).text).toContain('高额彩礼');
    for (const m of MEASURES) expect(PLAN_TEXT).toContain(`${m.n}.${m.text}`);
  });
  it('reads the responsible departments in order', () => {
    expect(measure(1).departments).toEqual(['市农业农村局']);
    expect(measure(5).departments).toEqual(['市文广旅局', '市农业农村局', '市自然资源局', '市人社局', '市政府金融办']);
    expect(measure(7).departments).toEqual(['市人社局', '市发展改革委']);
    expect(measure(8).departments).toEqual(['市乡村振兴局', '市人社局', '市教育局']);
    expect(measure(14).departments[0]).toBe('市发展改革委');
    expect(measure(14).departments).toEqual(['市发展改革委', '市农业农村局', '市交通运输局', '市水务局', '市林草局']);
    expect(measure(15).departments).toEqual(['市委组织部', '市农业农村局', '市财政局']);
    expect(measure(17).departments).toContain('市残联');
    expect(measure(17).departments).toEqual(['市民政局', '市人社局', '市残联', '市财政局']);
    expect(measure(18).departments).toEqual(['市卫健委', '市医保局', '市教育局', '市住建局', '市水务局']);
    expect(measure(21).departments[0]).toBe('市委宣传部');
  });
  it('leaves 县区党委政府 and the trailing 等 out of every list', () => {
    expect(MAIN_RESPONSIBLE).toBe('县区党委政府');
    for (const m of MEASURES) {
      expect(m.departments.length, String(m.n)).toBeGreaterThan(0);
      expect(m.departments).not.toContain(MAIN_RESPONSIBLE);
      expect(m.departments.every((d) => d.startsWith('市') && !d.endsWith('等'))).toBe(true);
    }
    expect(PLAN_DEPARTMENTS).toHaveLength(21);
  });
});

describe('indicators', () => {
  const values = (n: number) => measure(n).indicators.map((i) => [i.comparator, i.value, i.unit, i.year]);
  it('attaches the figures the texts give', () => {
    expect(values(1)).toEqual([['=', 4600, '万元', null]]);
    expect(values(3)).toEqual([['>=', 60, '%', 2023]]);
    expect(values(7)).toEqual([['>=', 11, '万人', null]]);
    expect(values(9)).toEqual([
      ['<=', 600, '元', null],
      ['<=', 300, '元', null],
      ['=', 7800, '元/人/年', null],
      ['=', 200, '元/人', null],
    ]);
    expect(values(14)).toEqual([
      ['>=', 30, '%', null],
      ['>=', 15, '%', null],
      ['>=', 10, '%', null],
    ]);
    expect(MEASURES.filter((m) => m.indicators.length > 0).map((m) => m.n)).toEqual([1, 3, 7, 9, 14]);
  });
  it('uses figures that appear in the measure text', () => {
    for (const m of MEASURES) for (const i of m.indicators) expect(m.text, i.key).toContain(String(i.value));
  });
  it('has unique keys', () => {
    const keys = MEASURES.flatMap((m) => m.indicators.map((i) => i.key));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('parsePlanMeasures', () => {
  it('accepts full-width punctuation and ignores numbered lines outside 二、重点措施', () => {
    const text = [
      '一、总体要求',
      '1.2023年增收目标',
      '二、重点措施',
      '（一）产业提质增效，增加经营性收入',
      '1．甲措施。内容。（责任单位：市甲局、市乙局等，县区党委政府）',
      '（二）推进移风易俗，减轻支出负担',
      '2、乙措施。内容。',
      '三、保障方式',
      '(一)强化组织领导。',
      '3.不是措施。(责任单位:市丙局)',
    ].join('\r\n');
    const { groups, measures } = parsePlanMeasures(text);
    expect(groups.map((g) => [g.n, g.incomeType])).toEqual([
      [1, 'business'],
      [2, 'expense'],
    ]);
    expect(measures.map((m) => [m.n, m.group, m.title, m.departments])).toEqual([
      [1, 1, '甲措施', ['市甲局', '市乙局']],
      [2, 2, '乙措施', []],
    ]);
  });
  it('returns nothing for text without the section', () => {
    expect(parsePlanMeasures('没有措施')).toEqual({ groups: [], measures: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { ageInYear, riskHints, type HintHousehold, type HintMember } from '../../../shared/domain/risk-hints.ts';
import { evaluatePlan } from '../../../shared/domain/plans.ts';
import { suggestMeasures } from '../../../shared/domain/plan-suggestions.ts';

let nextId = 1;
function member(age: number, over: Partial<HintMember> = {}): HintMember {
  return {
    id: nextId++, name: `成员${nextId}`, birthDate: `${2024 - age}-06-15`, labour: '普通劳动力', health: '健康', studentStatus: null,
    workPlaceClass: null, workMonths: null, welfarePost: false, ...over,
  };
}

function household(members: HintMember[], over: Partial<HintHousehold> = {}): HintHousehold {
  return {
    year: 2024, householdType: '脱贫户', monitoringCategory: null, identifiedYm: null, riskEliminated: null, perCapita: 9000,
    monitoringFloor: null, needsPlan: false, planMeasureTypes: null, members, ...over,
  };
}

const rules = (h: HintHousehold): string[] => riskHints(h).map((x) => x.rule).sort();

describe('risk hints', () => {
  it('flags a healthy working-age non-student marked without or with weak labour, not a student or a 60-year-old', () => {
    expect(rules(household([member(30, { labour: '无劳动力' })]))).toEqual(['labour-understated']);
    expect(rules(household([member(59, { labour: '弱劳动力或半劳动力' })]))).toEqual(['labour-understated']);
    expect(rules(household([member(17, { labour: '无劳动力', studentStatus: '普通高中二年级' })]))).toEqual([]);
    expect(rules(household([member(60, { labour: '弱劳动力或半劳动力' })]))).toEqual([]);
    expect(rules(household([member(30, { labour: '弱劳动力或半劳动力', health: '长期慢性病' })]))).toEqual([]);
  });

  it('flags no/lost labour listed as working, and weak labour working far away without a post', () => {
    expect(rules(household([member(65, { labour: '丧失劳动力', health: '残疾', workPlaceClass: '县内', workMonths: 6 })]))).toEqual(['unable-but-working']);
    expect(rules(household([member(62, { labour: '弱劳动力或半劳动力', workPlaceClass: '省外', workMonths: 6 })]))).toEqual(['unable-but-working']);
    expect(rules(household([member(62, { labour: '弱劳动力或半劳动力', workPlaceClass: '乡镇内', workMonths: 12, welfarePost: true })]))).toEqual([]);
  });

  it('flags welfare-post holders aged 70+ (by the ledger year) and those working outside the county', () => {
    expect(rules(household([member(70, { labour: '弱劳动力或半劳动力', health: '长期慢性病', workPlaceClass: '乡镇内', workMonths: 12, welfarePost: true })]))).toEqual(['welfare-post-aged']);
    expect(rules(household([member(69, { labour: '弱劳动力或半劳动力', health: '长期慢性病', workPlaceClass: '乡镇内', workMonths: 12, welfarePost: true })]))).toEqual([]);
    expect(rules(household([member(40, { workPlaceClass: '省外', workMonths: 10, welfarePost: true })]))).toEqual(['welfare-post-away']);
    expect(ageInYear('1954-12-31', 2024)).toBe(70);
    expect(ageInYear(null, 2024)).toBeNull();
  });

  it('flags months without a place and a place without months', () => {
    expect(rules(household([member(40, { workMonths: 5 })]))).toEqual(['work-months-mismatch']);
    expect(rules(household([member(40, { workPlaceClass: '省外', workMonths: 0 })]))).toEqual(['work-months-mismatch']);
  });

  it('per-capita under 4,000 (strictly), high income of a newly monitored household, below the floor but not monitored', () => {
    expect(rules(household([], { perCapita: 3999.99 }))).toEqual(['income-very-low']);
    expect(rules(household([], { perCapita: 4000 }))).toEqual([]);
    expect(rules(household([], { perCapita: 20000.01, monitoringCategory: '边缘易致贫户', identifiedYm: '202305' }))).toEqual(['income-high-monitored']);
    expect(rules(household([], { perCapita: 25000, monitoringCategory: '边缘易致贫户', identifiedYm: '202112' }))).toEqual([]);
    expect(rules(household([], { perCapita: 6500, monitoringFloor: 7000 }))).toEqual(['below-floor-not-monitored']);
    expect(rules(household([], { perCapita: 6500, monitoringFloor: null }))).toEqual([]);
  });

  it('a household with labour needs a development measure; one without labour needs 兜底保障', () => {
    const able = [member(40)];
    expect(rules(household(able, { needsPlan: true }))).toEqual([]);
    expect(rules(household(able, { needsPlan: true, monitoringCategory: '脱贫不稳定户' }))).toEqual(['no-development-measure']);
    expect(rules(household(able, { needsPlan: true, planMeasureTypes: ['健康'] }))).toEqual(['no-development-measure']);
    expect(rules(household(able, { needsPlan: true, planMeasureTypes: ['公益岗位'] }))).toEqual([]);
    expect(rules(household(able, { needsPlan: false }))).toEqual([]);
    const old = [member(80, { labour: '丧失劳动力', health: '长期慢性病' })];
    expect(rules(household(old, { needsPlan: true, planMeasureTypes: ['健康'] }))).toEqual(['no-labour-no-security']);
    expect(rules(household(old, { needsPlan: true, planMeasureTypes: ['兜底保障'] }))).toEqual([]);
  });
});

describe('plan evaluation', () => {
  const base = { netFen: 3_199_600, size: 4 }; // 7,999.00
  const ev = (netFen: number | null, targetFen: number | null = 850_000, size = 4) =>
    evaluatePlan({ planYear: 2024, base, next: netFen === null ? null : { netFen, size }, targetFen, nextLineYuan: 8000 });

  it('pending without next-year income; reached at exactly the target', () => {
    expect(ev(null).outcome).toBe('pending');
    expect(ev(3_400_000)).toMatchObject({ outcome: 'reached', reached: true, evaluatedYear: 2025, targetPerCapita: 8500 });
    expect(ev(3_399_999).outcome).toBe('not-reached');
  });

  it('a 1-fen fall per household is a fall again; exactly on the line is not below it', () => {
    expect(ev(3_199_599)).toMatchObject({ outcome: 'fell-again', belowLine: true, fellAgain: true });
    expect(ev(3_199_600)).toMatchObject({ outcome: 'below-line', fellAgain: false });
    expect(ev(3_200_000, null)).toMatchObject({ outcome: 'reached', belowLine: false, targetPerCapita: 8000 });
    // A bigger household: more net, less per person.
    expect(ev(3_999_000, 850_000, 5)).toMatchObject({ outcome: 'fell-again' });
  });
});

describe('quick measures', () => {
  it('offers a welfare post for weak labour under 70, work for idle able labour, 雨露计划, and 兜底 without labour', () => {
    const weak = member(50, { labour: '弱劳动力或半劳动力', health: '长期慢性病' });
    const idle = member(35);
    const student = member(17, { labour: '无劳动力', studentStatus: '中职二年级' });
    const keys = suggestMeasures([weak, idle, student], 2024).map((s) => s.key);
    expect(keys).toEqual([`welfare-post:${weak.id}`, `employment:${idle.id}`, `yulu:${student.id}`]);
    const post = suggestMeasures([weak], 2024)[0]?.draft;
    expect(post).toMatchObject({ measureN: 13, measureType: '公益岗位', department: '市人社局' });
    const alone = suggestMeasures([member(80, { labour: '丧失劳动力' })], 2024);
    expect(alone.map((s) => [s.key, s.draft.measureN, s.draft.measureType])).toEqual([['security-check', 17, '兜底保障']]);
  });
});

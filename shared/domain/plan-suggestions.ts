/**
 * Quick actions of the 一户一策 form: measures prefilled for the common cases the plan names
 * (measure 13: public-welfare posts first for 弱/半 labour; measure 17: 兜底保障 for households
 * without labour; measure 7: organised work for idle labour; measure 8: 雨露计划 for vocational
 * students). They only fill the form; the steward edits and saves them.
 */
import { MEASURES } from './measures.ts';
import type { MeasureType } from './plans.ts';
import { ageInYear, hasLabour, WELFARE_POST_MAX_AGE, type HintMember } from './risk-hints.ts';

export interface MeasureDraft {
  measureN: number | null;
  measureType: MeasureType;
  content: string;
  scale: string | null;
  department: string | null;
}

export interface Suggestion {
  key: string;
  label: string;
  draft: MeasureDraft;
}

function leadDepartment(n: number): string | null {
  return MEASURES.find((m) => m.n === n)?.departments[0] ?? null;
}

function draft(n: number, measureType: MeasureType, content: string, scale: string | null = null): MeasureDraft {
  return { measureN: n, measureType, content, scale, department: leadDepartment(n) };
}

const ABLE = new Set(['技能劳动力', '普通劳动力']);
const VOCATIONAL = /^(中职|高职|技师)/;

export function suggestMeasures(members: readonly HintMember[], year: number): Suggestion[] {
  const out: Suggestion[] = [];
  for (const m of members) {
    const age = ageInYear(m.birthDate, year);
    const student = (m.studentStatus ?? '') !== '' && m.studentStatus !== '学龄前儿童';
    if (m.labour === '弱劳动力或半劳动力' && !m.welfarePost && age !== null && age >= 16 && age < WELFARE_POST_MAX_AGE) {
      out.push({
        key: `welfare-post:${m.id}`,
        label: `为${m.name}安排公益性岗位`,
        draft: draft(13, '公益岗位', `为${m.name}（弱劳动力或半劳动力）安排乡村公益性岗位，按月发放岗位补贴`, '1人'),
      });
    }
    if (m.labour !== null && ABLE.has(m.labour) && !student && !((m.workMonths ?? 0) > 0) && age !== null && age <= 59) {
      out.push({
        key: `employment:${m.id}`,
        label: `组织${m.name}务工就业`,
        draft: draft(7, '就业', `组织${m.name}有组织劳务输转或就近就业，落实一次性往返交通补助（跨省≤600元、省内≤300元）`, '1人'),
      });
    }
    if (m.studentStatus && VOCATIONAL.test(m.studentStatus)) {
      out.push({
        key: `yulu:${m.id}`,
        label: `${m.name}享受雨露计划`,
        draft: draft(8, '教育', `${m.name}（${m.studentStatus}）申请“雨露计划”职业教育补助`, '1人'),
      });
    }
  }
  if (members.length > 0 && !hasLabour(members)) {
    out.push({
      key: 'security-check',
      label: '核查兜底保障政策',
      draft: draft(17, '兜底保障', '家庭无劳动力：核查低保、特困供养、养老金、残疾人两项补贴、临时救助等是否应享尽享，落实兜底保障'),
    });
  }
  return out;
}

/** Generates the members of one household: a head, usually a spouse, children, sometimes parents or grandchildren. */
import type { Random } from './random.ts';
import { personName, surname } from './names.ts';

export type Sex = '男' | '女';

export interface DemoMember {
  name: string;
  relation: string;
  sex: Sex;
  /** YYYYMMDD */
  birth: string;
  age: number;
  labour: string;
  health: string;
  education: string | null;
  studentStatus: string | null;
  workPlaceClass: string | null;
  workMonths: number | null;
  welfarePost: boolean;
}

const SIZE_WEIGHTS = [0.06, 0.12, 0.16, 0.24, 0.2, 0.13, 0.06, 0.03]; // sizes 1..8, mean ≈ 4.18 (37.21万 / 8.91万)

export function householdSize(rng: Random): number {
  return rng.weighted(SIZE_WEIGHTS) + 1;
}

function birthDate(rng: Random, age: number, refYear: number): string {
  const year = refYear - age;
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

function labourFor(rng: Random, age: number): { labour: string; health: string } {
  const sick = rng.chance(age >= 60 ? 0.3 : 0.06);
  const health = sick ? rng.pick(['长期慢性病', '长期慢性病', '患有大病', '残疾']) : '健康';
  if (age < 16) return { labour: '无劳动力', health };
  if (age >= 70) return { labour: rng.pick(['无劳动力', '丧失劳动力', '弱劳动力或半劳动力']), health };
  if (age >= 60 || sick) return { labour: rng.chance(0.6) ? '弱劳动力或半劳动力' : '丧失劳动力', health };
  return { labour: rng.chance(0.18) ? '技能劳动力' : '普通劳动力', health };
}

function schooling(rng: Random, age: number): { education: string | null; studentStatus: string | null } {
  if (age < 6) return { education: null, studentStatus: '学龄前儿童' };
  if (age <= 12) return { education: null, studentStatus: '小学' };
  if (age <= 15) return { education: null, studentStatus: rng.pick(['七年级', '八年级', '九年级']) };
  if (age <= 18 && rng.chance(0.7)) return { education: null, studentStatus: rng.pick(['普通高中一年级', '普通高中二年级', '中职二年级']) };
  const levels = age >= 55 ? ['文盲或半文盲', '小学', '小学', '初中'] : ['小学', '初中', '初中', '高中', '大专'];
  return { education: rng.pick(levels), studentStatus: null };
}

function work(rng: Random, labour: string, student: boolean): Pick<DemoMember, 'workPlaceClass' | 'workMonths' | 'welfarePost'> {
  const able = labour === '技能劳动力' || labour === '普通劳动力';
  if (student || !(able || labour === '弱劳动力或半劳动力')) return { workPlaceClass: null, workMonths: null, welfarePost: false };
  if (labour === '弱劳动力或半劳动力') {
    const post = rng.chance(0.12);
    return { workPlaceClass: post ? '乡镇内' : null, workMonths: post ? 12 : null, welfarePost: post };
  }
  if (!rng.chance(0.72)) return { workPlaceClass: null, workMonths: null, welfarePost: false };
  const place = ['县内', '省内县外', '省外'][rng.weighted([0.35, 0.35, 0.3])] as string;
  return { workPlaceClass: place, workMonths: rng.int(3, 12), welfarePost: false };
}

function member(rng: Random, name: string, relation: string, sex: Sex, age: number, refYear: number): DemoMember {
  const { labour, health } = labourFor(rng, age);
  const school = schooling(rng, age);
  return { name, relation, sex, age, birth: birthDate(rng, age, refYear), labour, health, ...school, ...work(rng, labour, school.studentStatus !== null) };
}

/** Members for a household of `size` people, ages as of `refYear`. */
export function householdMembers(rng: Random, size: number, refYear: number): DemoMember[] {
  const family = surname(rng);
  const headSex: Sex = rng.chance(0.88) ? '男' : '女';
  const headAge = size === 1 ? rng.int(55, 85) : rng.int(30, 72);
  const out: DemoMember[] = [member(rng, personName(rng, family, headSex), '户主', headSex, headAge, refYear)];
  const other: Sex = headSex === '男' ? '女' : '男';
  if (size >= 2) out.push(member(rng, personName(rng, surname(rng), other), '配偶', other, Math.max(20, headAge + rng.int(-5, 4)), refYear));
  const parents = headAge < 48 && size >= 5 && rng.chance(0.5);
  if (parents) out.push(member(rng, personName(rng, surname(rng), '女'), '之母', '女', headAge + rng.int(22, 30), refYear));
  while (out.length < size) {
    const sex: Sex = rng.chance(0.52) ? '男' : '女';
    const grand = headAge >= 55 && out.length >= 4;
    const age = grand ? rng.int(1, 14) : Math.max(0, headAge - rng.int(22, 34));
    const relation = grand ? (sex === '男' ? '之孙子' : '之孙女') : sex === '男' ? '之子' : '之女';
    out.push(member(rng, personName(rng, family, sex), relation, sex, age, refYear));
  }
  return out;
}

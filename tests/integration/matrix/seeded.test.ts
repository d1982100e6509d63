/**
 * The seeded matrix against the plan text (seed/000_…txt, 二、重点措施): 22 measures in five groups,
 * the departments each names in order (the first leads), and 县区党委政府 carrying every measure.
 * The expectations below were typed by hand from the plan, not derived from the parser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixMeasure, MatrixResult } from '../../../shared/api/matrix.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir } from '../../helpers/db.ts';

const tmp = tempDir('ledger-matrix-seed-');
let session: Session;
let matrix: MatrixResult;

beforeAll(async () => {
  session = demoSession(tmp.path('ledger.db'), null);
  matrix = await session.call('matrix:get', { scope: 'city' });
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

function measure(n: number): MatrixMeasure {
  const m = matrix.measures.find((x) => x.n === n);
  if (!m) throw new Error(`measure ${n} missing`);
  return m;
}

function roles(n: number): { lead: string[]; support: string[]; main: string[] } {
  const m = measure(n);
  const of = (r: string): string[] => m.departments.filter((d) => d.role === r).map((d) => d.name);
  return { lead: of('lead'), support: of('support'), main: of('main') };
}

describe('seeded responsibility matrix', () => {
  it('has the plan\'s 22 measures numbered 1–22 in five groups by income type', () => {
    expect(matrix.measures.map((m) => m.n)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(matrix.groups.map((g) => g.title)).toEqual([
      '产业提质增效,增加经营性收入',
      '就业稳岗拓岗,提高工资性收入',
      '盘活资产效益,增加财产性收入',
      '落实惠民政策,增加转移性收入',
      '推进移风易俗,减轻支出负担',
    ]);
    const perGroup = matrix.groups.map((g) => matrix.measures.filter((m) => m.group === g.n).map((m) => m.n));
    expect(perGroup).toEqual([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12, 13, 14], [15, 16], [17, 18, 19, 20], [21, 22]]);
    expect(measure(14).title).toBe('实施以工代赈项目');
    expect(measure(8).title).toBe('推进“雨露计划+”行动');
  });

  it('names the departments each measure gives, the first one leading (checked by hand)', () => {
    expect(roles(1)).toEqual({ lead: ['市农业农村局'], support: [], main: ['县区党委政府'] });
    expect(roles(5)).toEqual({
      lead: ['市文广旅局'], support: ['市农业农村局', '市自然资源局', '市人社局', '市政府金融办'], main: ['县区党委政府'],
    });
    expect(roles(8)).toEqual({ lead: ['市乡村振兴局'], support: ['市人社局', '市教育局'], main: ['县区党委政府'] });
    expect(roles(14)).toEqual({
      lead: ['市发展改革委'], support: ['市农业农村局', '市交通运输局', '市水务局', '市林草局'], main: ['县区党委政府'],
    });
    expect(roles(15)).toEqual({ lead: ['市委组织部'], support: ['市农业农村局', '市财政局'], main: ['县区党委政府'] });
    expect(roles(17)).toEqual({ lead: ['市民政局'], support: ['市人社局', '市残联', '市财政局'], main: ['县区党委政府'] });
    expect(roles(18)).toEqual({
      lead: ['市卫健委'], support: ['市医保局', '市教育局', '市住建局', '市水务局'], main: ['县区党委政府'],
    });
    expect(roles(21)).toEqual({ lead: ['市委宣传部'], support: ['市民政局', '市乡村振兴局'], main: ['县区党委政府'] });
  });

  it('lists exactly the 21 city departments the plan names, plus 县区党委政府 on every measure', () => {
    const names = matrix.departments.map((d) => d.name).sort();
    expect(names).toEqual([
      '县区党委政府', '市人社局', '市交通运输局', '市住建局', '市残联', '市民政局', '市医保局', '市卫健委', '市发展改革委', '市商务局',
      '市委宣传部', '市委组织部', '市教育局', '市文广旅局', '市林草局', '市水务局', '市税务局', '市自然资源局', '市财政局',
      '市政府金融办', '市农业农村局', '市乡村振兴局',
    ].sort());
    const main = matrix.departments.find((d) => d.name === '县区党委政府');
    expect(main?.counts).toEqual({ lead: 0, support: 0, main: 22 });
    for (const m of matrix.measures) expect(m.departments.filter((d) => d.role === 'lead')).toHaveLength(1);
  });

  it('counts per department: 市人社局 leads 6, 7, 9–13 and supports 5, 8, 17', async () => {
    const hr = matrix.departments.find((d) => d.name === '市人社局');
    expect(hr?.counts).toEqual({ lead: 7, support: 3, main: 0 });
    const duties = await session.call('matrix:department', { id: hr?.id ?? 0 });
    expect(duties.duties.filter((d) => d.role === 'lead').map((d) => d.n)).toEqual([6, 7, 9, 10, 11, 12, 13]);
    expect(duties.duties.filter((d) => d.role === 'support').map((d) => d.n)).toEqual([5, 8, 17]);
    expect(duties.duties.find((d) => d.n === 7)?.body).toContain('脱贫劳动力务工就业规模稳定在11万人以上');
  });

  it('gives measure 14 its full text and the three 以工代赈 pay shares', async () => {
    const d = await session.call('matrix:measure', { n: 14, scope: 'city' });
    expect(d.body.startsWith('实施以工代赈项目。')).toBe(true);
    expect(d.body).toContain('(责任单位:市发展改革委、市农业农村局、市交通运输局、市水务局、市林草局等,县区党委政府)');
    expect(d.indicators.map((i) => [i.comparator, i.value, i.unit])).toEqual([['>=', 30, '%'], ['>=', 15, '%'], ['>=', 10, '%']]);
    expect(d.years).toEqual([2023, 2024, 2025]);
    const m9 = await session.call('matrix:measure', { n: 9, scope: 'city' });
    expect(m9.indicators.map((i) => i.value)).toEqual([600, 300, 7800, 200]);
    const m3 = await session.call('matrix:measure', { n: 3, scope: 'city' });
    expect(m3.indicators).toMatchObject([{ comparator: '>=', value: 60, unit: '%', year: 2023 }]);
  });
});

/**
 * The county version: switching to 会宁县 creates the county's own departments linked to the city
 * ones, with the townships (乡镇党委政府) carrying the main responsibility; county progress and
 * county renames leave the city plan alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyDepartmentName } from '../../../electron/db/queries/matrix-scope.ts';
import type { MatrixResult } from '../../../shared/api/matrix.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir } from '../../helpers/db.ts';

const tmp = tempDir('ledger-matrix-county-');
let session: Session;
let city: MatrixResult;
let county: MatrixResult;

beforeAll(async () => {
  session = demoSession(tmp.path('ledger.db'), null);
  city = await session.call('matrix:get', {});
  const scope = await session.call('matrix:setScope', { scope: '620422' });
  expect(scope).toEqual({ county: '620422', name: '会宁县' });
  county = await session.call('matrix:get', {});
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

describe('county scope', () => {
  it('starts on the city plan and refuses a county that has not been set up', async () => {
    expect(city.scope).toEqual({ county: null, name: '白银市' });
    expect(city.counties.find((c) => c.code === '620422')?.enabled).toBe(false);
    await expect(session.call('matrix:get', { scope: '620421' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(session.call('matrix:setScope', { scope: '610101' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('maps the city departments to the county\'s own, keeping the link', () => {
    expect(county.scope).toEqual({ county: '620422', name: '会宁县' });
    const byCity = new Map(county.departments.map((d) => [d.cityName, d.name]));
    expect(byCity.get('市人社局')).toBe('县人社局');
    expect(byCity.get('市农业农村局')).toBe('县农业农村局');
    expect(byCity.get('市委组织部')).toBe('县委组织部');
    expect(byCity.get('市发展改革委')).toBe('县发展改革局');
    expect(byCity.get('市卫健委')).toBe('县卫健局');
    expect(byCity.get('县区党委政府')).toBe('乡镇党委政府');
    expect(county.departments).toHaveLength(city.departments.length);
    const hrCity = city.departments.find((d) => d.name === '市人社局');
    expect(county.departments.find((d) => d.name === '县人社局')?.cityDepartmentId).toBe(hrCity?.id);
    expect(countyDepartmentName('市人社局', '白银区')).toBe('区人社局');
  });

  it('copies the roles: measure 14 is led by 县发展改革局 and every measure is carried by the townships', () => {
    const m14 = county.measures.find((m) => m.n === 14);
    expect(m14?.departments.map((d) => [d.name, d.role])).toEqual([
      ['县发展改革局', 'lead'], ['县农业农村局', 'support'], ['县交通运输局', 'support'], ['县水务局', 'support'], ['县林草局', 'support'],
      ['乡镇党委政府', 'main'],
    ]);
    expect(county.departments.find((d) => d.name === '乡镇党委政府')?.counts.main).toBe(22);
    expect(county.counties.find((c) => c.code === '620422')?.enabled).toBe(true);
  });

  it('keeps county progress and renames apart from the city plan', async () => {
    const dev = county.departments.find((d) => d.name === '县发展改革局');
    await session.call('matrix:setProgress', { n: 14, year: 2024, departmentId: dev?.id ?? 0, status: '已完成' });
    const ind = (await session.call('matrix:measure', { n: 14 })).indicators[0];
    await session.call('matrix:setProgress', { n: 14, year: 2024, indicatorId: ind?.id ?? 0, target: 30, actual: 35 });
    const inCounty = await session.call('matrix:measure', { n: 14 });
    expect(inCounty.progress.map((p) => [p.departmentId, p.indicatorId, p.actual])).toEqual([[dev?.id, null, null], [null, ind?.id, 35]]);
    const inCity = await session.call('matrix:measure', { n: 14, scope: 'city' });
    expect(inCity.progress).toEqual([]);
    await session.call('matrix:setProgress', { n: 14, year: 2024, indicatorId: ind?.id ?? 0, actual: 31, scope: 'city' });
    expect((await session.call('matrix:measure', { n: 14, scope: 'city' })).progress.map((p) => p.actual)).toEqual([31]);
    expect((await session.call('matrix:measure', { n: 14 })).progress.map((p) => p.actual)).toEqual([null, 35]);
    await session.call('matrix:renameDepartment', { id: dev?.id ?? 0, name: '县发展和改革局' });
    const again = await session.call('matrix:get', { scope: 'city' });
    expect(again.departments.some((d) => d.name === '市发展改革委')).toBe(true);
    const heat = await session.call('matrix:heatmap', { year: 2024 });
    expect(heat.totals['已完成']).toBe(1);
    expect(heat.cells.find((c) => c.n === 14 && c.departmentId === dev?.id)).toMatchObject({ role: 'lead', status: '已完成' });
  });

  it('catches up with the city plan without undoing the county\'s own choices', async () => {
    // The county drops 县水务局 from measure 14; the city then adds 市统计局 to measure 3 and a measure 23
    // (whose 主体责任 reaches the county at once; 市统计局's roles wait for the county's counterpart).
    const water = county.departments.find((d) => d.name === '县水务局');
    await session.call('matrix:setRole', { n: 14, departmentId: water?.id ?? 0, role: null });
    await session.call('matrix:setScope', { scope: 'city' });
    const stats = await session.call('matrix:addDepartment', { name: '市统计局' });
    await session.call('matrix:setRole', { n: 3, departmentId: stats.id, role: 'support' });
    await session.call('matrix:addMeasure', { group: 5, title: '推广村规民约', departments: [{ departmentId: stats.id, role: 'lead' }] });
    await session.call('matrix:setScope', { scope: '620422' });
    expect(await session.call('matrix:syncCounty', { county: '620422' })).toEqual({ departments: 1, roles: 2 });
    const after = await session.call('matrix:get', {});
    const roles = (n: number): string[] => after.measures.find((m) => m.n === n)?.departments.map((d) => `${d.name}:${d.role}`) ?? [];
    expect(roles(3)).toContain('县统计局:support');
    expect(roles(23)).toEqual(['县统计局:lead', '乡镇党委政府:main']);
    expect(roles(14)).not.toContain('县水务局:support');
    expect(await session.call('matrix:syncCounty', { county: '620422' })).toEqual({ departments: 0, roles: 0 });
    await session.call('matrix:updateMeasure', { n: 23, archived: true });
  });

  it('switches back to the city and records the switch in the audit log', async () => {
    await session.call('matrix:setScope', { scope: 'city' });
    expect((await session.call('matrix:get', {})).scope.county).toBeNull();
    const rows = session.ctx.db
      .prepare(`SELECT action, json_extract(detail, '$.change') AS change, old_value, new_value FROM audit_log WHERE action = 'settings' OR json_extract(detail, '$.change') = 'county.setup' ORDER BY id`)
      .all();
    expect(rows).toEqual([
      { action: 'matrix', change: 'county.setup', old_value: null, new_value: null },
      { action: 'settings', change: null, old_value: '', new_value: '620422' },
      { action: 'settings', change: null, old_value: '620422', new_value: '' },
      { action: 'settings', change: null, old_value: '', new_value: '620422' },
      { action: 'settings', change: null, old_value: '620422', new_value: '' },
    ]);
  });
});

/**
 * Editing the draft plan: every change is written with its audit entry in the same transaction,
 * the audit chain stays valid, and a change without an operator changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
let session: Session;

beforeEach(() => {
  tmp = tempDir('ledger-matrix-edit-');
  session = demoSession(tmp.path('ledger.db'), null);
});
afterEach(async () => {
  await session.close();
  tmp.remove();
});

interface AuditRow {
  operator: string;
  action: string;
  table_name: string;
  row_key: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

/** Matrix entries share the action 'matrix' (one filter in the audit view); the kind of change is in the detail. */
function audits(change: string): AuditRow[] {
  return session.ctx.db
    .prepare(`SELECT * FROM audit_log WHERE action = 'matrix' AND json_extract(detail, '$.change') = ? ORDER BY id`)
    .all(change) as AuditRow[];
}

async function deptId(name: string): Promise<number> {
  const m = await session.call('matrix:get', { scope: 'city' });
  const d = m.departments.find((x) => x.name === name);
  if (!d) throw new Error(`no ${name}`);
  return d.id;
}

describe('matrix edits', () => {
  it('renames a department and records old and new name with the operator', async () => {
    const id = await deptId('市文广旅局');
    const d = await session.call('matrix:renameDepartment', { id, name: '市文体广电和旅游局' });
    expect(d.name).toBe('市文体广电和旅游局');
    const m5 = await session.call('matrix:measure', { n: 5, scope: 'city' });
    expect(m5.departments[0]).toMatchObject({ name: '市文体广电和旅游局', role: 'lead' });
    expect(audits('department.rename')).toMatchObject([
      { operator: '测试员', table_name: 'departments', field: 'name', old_value: '市文广旅局', new_value: '市文体广电和旅游局' },
    ]);
    expect(verifyAuditChain(session.ctx.db).ok).toBe(true);
    await expect(session.call('matrix:renameDepartment', { id, name: '市人社局' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('naming a new lead turns the old lead into a supporting department', async () => {
    const hr = await deptId('市人社局');
    const d = await session.call('matrix:setRole', { n: 14, departmentId: hr, role: 'lead' });
    expect(d.departments.filter((x) => x.role === 'lead').map((x) => x.name)).toEqual(['市人社局']);
    expect(d.departments.find((x) => x.name === '市发展改革委')?.role).toBe('support');
    const rows = audits('role.set');
    expect(rows.map((r) => [r.row_key, r.old_value, r.new_value])).toEqual([
      ['14/市发展改革委', 'lead', 'support'],
      ['14/市人社局', null, 'lead'],
    ]);
    const removed = await session.call('matrix:setRole', { n: 14, departmentId: hr, role: null });
    expect(removed.departments.some((x) => x.name === '市人社局')).toBe(false);
  });

  it('updates a measure\'s title and adds a measure carried by 县区党委政府', async () => {
    await session.call('matrix:updateMeasure', { n: 22, title: '加强政策宣传引导' });
    expect(audits('measure.update')).toMatchObject([{ row_key: '22', field: 'title', old_value: '加强宣传引导', new_value: '加强政策宣传引导' }]);
    const added = await session.call('matrix:addMeasure', {
      group: 2, title: '开发乡村公益性岗位', body: '新增措施', departments: [{ departmentId: await deptId('市人社局'), role: 'lead' }],
    });
    expect(added.n).toBe(23);
    expect(added.departments.map((x) => [x.name, x.role])).toEqual([['市人社局', 'lead'], ['县区党委政府', 'main']]);
    expect(audits('measure.add')).toHaveLength(1);
    const m = await session.call('matrix:get', { scope: 'city' });
    expect(m.measures).toHaveLength(23);
    await session.call('matrix:updateMeasure', { n: 23, archived: true });
    const after = await session.call('matrix:get', { scope: 'city' });
    expect(after.departments.find((x) => x.name === '市人社局')?.counts.lead).toBe(7);
  });

  it('records progress once per measure × department × year and keeps the replaced values in the audit log', async () => {
    const lead = await deptId('市发展改革委');
    await session.call('matrix:setProgress', { n: 14, year: 2024, departmentId: lead, status: '推进中', note: '已下达项目 12 个', responsible: '张三' });
    const p = await session.call('matrix:setProgress', { n: 14, year: 2024, departmentId: lead, status: '已完成', note: '全部完工' });
    expect(p).toMatchObject({ status: '已完成', note: '全部完工', responsible: null, year: 2024, departmentId: lead });
    const d = await session.call('matrix:measure', { n: 14, scope: 'city' });
    expect(d.progress).toHaveLength(1);
    const rows = audits('progress.set');
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[1]?.old_value ?? 'null')).toMatchObject({ status: '推进中', note: '已下达项目 12 个', responsible: '张三' });
    expect(JSON.parse(rows[1]?.new_value ?? 'null')).toMatchObject({ status: '已完成', note: '全部完工' });
  });

  it('records an indicator\'s target and actual value for the year', async () => {
    const d = await session.call('matrix:measure', { n: 14, scope: 'city' });
    const share = d.indicators[0];
    const p = await session.call('matrix:setProgress', { n: 14, year: 2024, indicatorId: share?.id ?? 0, target: 30, actual: 32.5 });
    expect(p).toMatchObject({ departmentId: null, indicatorId: share?.id, target: 30, actual: 32.5 });
    await expect(session.call('matrix:setProgress', { n: 1, year: 2024, indicatorId: share?.id ?? 0, actual: 1 })).rejects.toMatchObject({ code: 'validation' });
  });

  it('refuses progress for a department that has no role in the measure', async () => {
    const tax = await deptId('市税务局');
    await expect(session.call('matrix:setProgress', { n: 14, year: 2024, departmentId: tax, status: '推进中' })).rejects.toMatchObject({ code: 'validation' });
    expect(audits('progress.set')).toHaveLength(0);
  });

  it('without an operator, changes nothing', async () => {
    await session.close();
    const anon = openSession(tmp.path('ledger.db'));
    try {
      const id = (await anon.call('matrix:get', { scope: 'city' })).departments[1]?.id ?? 0;
      await expect(anon.call('matrix:renameDepartment', { id, name: '改名' })).rejects.toMatchObject({ code: 'operator-required' });
      expect((await anon.call('matrix:get', { scope: 'city' })).departments.some((d) => d.name === '改名')).toBe(false);
    } finally {
      await anon.close();
      session = openSession(tmp.path('ledger.db'), { operator: '测试员' });
    }
  });

  it('adds and edits an indicator', async () => {
    const added = await session.call('matrix:setIndicator', { n: 7, label: '有组织输转脱贫劳动力', comparator: '>=', value: 5, unit: '万人' });
    const ind = added.indicators.find((i) => i.label === '有组织输转脱贫劳动力');
    expect(ind).toMatchObject({ value: 5, unit: '万人', year: null });
    const edited = await session.call('matrix:setIndicator', { n: 7, id: ind?.id, label: '有组织输转脱贫劳动力', comparator: '>=', value: 6, unit: '万人', year: 2024 });
    expect(edited.indicators.find((i) => i.id === ind?.id)).toMatchObject({ value: 6, year: 2024 });
    expect(audits('indicator.update')).toHaveLength(1);
  });
});

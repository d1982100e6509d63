import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../shared/audit-actions.ts';
import { auditDetailLines, auditSentence, type SentenceRow } from '../../../shared/audit-sentence.ts';

const row = (p: Partial<SentenceRow>): SentenceRow => ({
  operator: '张三', action: 'ledger:update', table: null, key: null, field: null, old: null, new: null,
  householdId: null, batchId: null, detail: null, householdLabel: null, memberName: null, ...p,
});
const H = '620422101001001 户（户主 李四）';

describe('audit sentences', () => {
  it('an income correction: who, which household, which year and part, from → to in yuan', () => {
    expect(auditSentence(row({ table: 'income_records', key: '7/2024', field: 'wage_fen', old: '1200000', new: '1210000', householdId: 7, householdLabel: H, detail: '{"year":2024}' })))
      .toBe(`张三 修改了 ${H}2024 年收入的工资性收入：12,000.00 元 → 12,100.00 元`);
  });
  it('a member change names the member; a flag reads 是/否', () => {
    expect(auditSentence(row({ table: 'members', key: '31', field: 'welfare_post', old: '0', new: '1', householdId: 7, householdLabel: H, memberName: '王五' })))
      .toBe(`张三 修改了 ${H}的成员 王五的公益性岗位：否 → 是`);
  });
  it('a removed member with the steward’s reason', () => {
    expect(auditSentence(row({ action: 'ledger:remove', table: 'members', key: '31', old: '{"name":"王五","relation":"子"}', householdId: 7, householdLabel: H, detail: '{"reason":"死亡"}' })))
      .toBe(`张三 删除了 ${H}的成员：原为 姓名 王五，与户主关系 子（原因：死亡）`);
  });
  it('a household no longer in the ledger still reads as a sentence', () => {
    expect(auditSentence(row({ table: 'households', key: '9', field: 'head_name', old: '甲', new: '乙', householdId: 9 })))
      .toBe('张三 修改了 户（编号 9，已不在台账中）的户主姓名：甲 → 乙');
  });
  it('settings, references, matrix roles and progress in words, no codes or JSON', () => {
    expect(auditSentence(row({ action: 'settings', table: 'settings', key: 'unit_name', field: 'unit_name', old: '', new: '会宁县乡村振兴局' })))
      .toBe('张三 修改了 设置的本单位：（空） → 会宁县乡村振兴局');
    expect(auditSentence(row({ action: 'reference', table: 'reference_values', key: 'province|2024|620000|perCapitaNet', field: 'value', old: null, new: '16000' })))
      .toBe('张三 修改了 参考值 2024 年全省平均人均纯收入：16000');
    expect(auditSentence(row({ action: 'matrix', table: 'measure_departments', key: '14/市发展改革委', field: 'role', old: 'lead', new: 'support', detail: '{"change":"role.set"}' })))
      .toBe('张三 修改了 第 14 条增收措施（市发展改革委）的责任分工的责任类型：牵头 → 配合');
    const progress = auditSentence(row({ action: 'matrix', table: 'measure_progress', key: '14/city/dept:3/2024', field: 'progress', old: null, new: '{"status":"推进中","note":"已下达项目"}' }));
    expect(progress).toBe('张三 修改了 第 14 条增收措施（2024 年）的推进情况：状态 推进中，备注 已下达项目');
  });
  it('progress and department setup name the unit, indicator and year that changed', () => {
    const p = auditSentence(row({ action: 'matrix', table: 'measure_progress', key: '14/620422/县人社局/就业人数/2025', field: 'progress', old: null, new: '{"status":"已完成"}' }));
    expect(p).toBe('张三 修改了 第 14 条增收措施（2025 年，县人社局，就业人数）的推进情况：状态 已完成');
    expect(auditSentence(row({ action: 'matrix', table: 'departments', key: '7', field: 'name', old: '县农业局', new: '县农业农村局' })))
      .toBe('张三 修改了 责任单位“县农业局”的名称：县农业局 → 县农业农村局');
    expect(auditSentence(row({ action: 'matrix', table: 'departments', key: '7', field: 'archived', old: '0', new: '1', detail: '{"name":"县农业局"}' })))
      .toContain('责任单位“县农业局”');
    expect(auditSentence(row({ action: 'matrix', table: 'departments', key: '8', field: null, old: null, new: '{"name":"县水务局","county":"620422"}' })))
      .toContain('责任单位“县水务局”');
  });
  it('an import names the file and counts', () => {
    expect(auditSentence(row({ action: 'import:commit', table: 'import_batches', key: '3', batchId: 3, detail: '{"file":"头寨镇.xlsx","sha256":"ab","householdsAdded":12}' })))
      .toBe('张三 导入文件 “头寨镇.xlsx”：新增户 12（导入批次 3）');
  });
  it('every action the code can write gives a sentence with no program code, key or JSON', () => {
    for (const action of AUDIT_ACTIONS) {
      const s = auditSentence(row({ action, table: 'households', key: '1', field: 'size', old: '3', new: '4', householdId: 1, householdLabel: H, detail: '{"change":"x","year":2024}' }));
      expect(s, action).not.toMatch(/[A-Za-z_]{3,}|[{}]/);
    }
  });
  it('details are labelled lines, unknown keys left out', () => {
    expect(auditDetailLines({ old: null, new: null, field: null, detail: '{"file":"a.xlsx","sha256":"ab","verified":true}' })).toEqual(['文件：a.xlsx', '已核实：是']);
  });
});

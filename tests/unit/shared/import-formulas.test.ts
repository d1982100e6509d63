import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { validateHouseholdRow, validateIncomeRow, validateMemberRow } from '../../../shared/domain/import-rows.ts';
import { isUncomputedFormula, uncomputedFormulaMessage, type RawCell } from '../../../shared/domain/import-values.ts';

const ID = makeIdNumber('620422', '19800101', 11);
const f = (formula: string): RawCell => ({ k: 'nocache', f: formula });

describe('formula cells without a computed result', () => {
  it('names the formula in the message', () => {
    expect(uncomputedFormulaMessage('H3+I3', 'blank')).toBe(
      '单元格是公式（=H3+I3）但文件中没有计算结果（保存前未重新计算），按空白处理；请在 Excel/WPS 中打开、保存后重新导入',
    );
    expect(uncomputedFormulaMessage('A3', 'refused')).toContain('无法确定其内容，本行不能导入');
    expect(uncomputedFormulaMessage('（共享公式）', 'blank')).toMatch(/^单元格是共享公式但/);
    expect(uncomputedFormulaMessage('SUM(' + 'A1,'.repeat(30) + 'A2)', 'blank')).toContain('…）');
    expect(isUncomputedFormula(f('A1'))).toBe(true);
    expect(isUncomputedFormula('=A1')).toBe(false);
    expect(isUncomputedFormula(undefined)).toBe(false);
  });

  it('counts income parts and totals as blank, with one warning per cell', () => {
    const r = validateIncomeRow({ year: 2024, wage: f('H3+I3'), businessGross: 5000, transfer: f('SUM(M3:O3)'), net: f('H3+J3-K3'), perCapita: f('P3/Q3') });
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ year: 2024, wageFen: 0, businessGrossFen: 500000, transferFen: 0, netFen: null, perCapitaFen: null, present: true });
    expect(r.warnings.map((w) => [w.field, w.code])).toEqual([
      ['wage', 'formula-no-value'], ['transfer', 'formula-no-value'], ['net', 'formula-no-value'], ['perCapita', 'formula-no-value'],
    ]);
    expect(r.warnings[0]!.message).toContain('（=H3+I3）');
    expect(r.warnings[0]!.message).toContain('按空白处理');
  });

  it('a row of formulas only holds no income figure; a formula year falls back like a blank one', () => {
    const r = validateIncomeRow({ year: f('YEAR(TODAY())'), wage: f('A1'), property: f('B1') });
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ year: null, wageFen: 0, propertyFen: 0, present: false });
    expect(r.warnings.map((w) => w.field)).toEqual(['year', 'wage', 'property']);
  });

  it('refuses a member whose name or ID is a formula, without a second "empty" error', () => {
    const name = validateMemberRow({ name: f('VLOOKUP(F3,名册!A:B,2,0)'), idNumber: ID });
    expect(name.value).toBeNull();
    expect(name.errors).toEqual([{ field: 'name', code: 'formula-no-value', message: expect.stringContaining('=VLOOKUP(F3,名册!A:B,2,0)') }]);
    const id = validateMemberRow({ name: '张三', idNumber: f('名册!B3') });
    expect(id.value).toBeNull();
    expect(id.errors.map((e) => [e.field, e.code])).toEqual([['idNumber', 'formula-no-value']]);
  });

  it('keeps a member whose optional cells are formulas, as blanks with warnings', () => {
    const r = validateMemberRow({ name: '张三', idNumber: ID, sex: f('IF(1,"男","女")'), labour: f('A1'), workMonths: f('B1'), welfarePost: f('C1'), relation: f('D1') });
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ name: '张三', idNumber: ID, labour: null, workMonths: null, welfarePost: false, relation: '其他' });
    // Sex is derived from the ID, so its formula is not worth a warning.
    expect(r.warnings.map((w) => [w.field, w.code])).toEqual([
      ['relation', 'formula-no-value'], ['labour', 'formula-no-value'], ['workMonths', 'formula-no-value'], ['welfarePost', 'formula-no-value'],
    ]);
  });

  it('refuses a household whose head, head ID or code is a formula', () => {
    expect(validateHouseholdRow({ headName: f('E3'), size: 3 }).errors.map((e) => [e.field, e.code])).toEqual([['headName', 'formula-no-value']]);
    // Without a 户主姓名 cell the head's name is read from 姓名, and the issue is reported there.
    expect(validateHouseholdRow({ name: f('E3'), size: 3 }).errors.map((e) => [e.field, e.code])).toEqual([['name', 'formula-no-value']]);
    expect(validateHouseholdRow({ headName: '张三', headIdNumber: f('F3'), size: 3 }).errors.map((e) => e.code)).toEqual(['formula-no-value']);
    const code = validateHouseholdRow({ headName: '张三', householdCode: f('A3&B3'), size: 3 });
    expect(code.value).toBeNull();
    expect(code.errors.map((e) => [e.field, e.code])).toEqual([['householdCode', 'formula-no-value']]);
  });

  it('a formula size is blank on a member-level sheet and refused where the size is required', () => {
    const member = validateHouseholdRow({ headName: '张三', headIdNumber: ID, size: f('COUNTA(E3:E6)') });
    expect(member.errors).toEqual([]);
    expect(member.value?.size).toBeNull();
    expect(member.warnings.map((w) => [w.field, w.code])).toEqual([['size', 'formula-no-value']]);
    const household = validateHouseholdRow({ headName: '张三', headIdNumber: ID, size: f('COUNTA(E3:E6)') }, { sizeRequired: true });
    expect(household.value).toBeNull();
    expect(household.errors.map((e) => [e.field, e.code])).toEqual([['size', 'formula-no-value']]);
    expect(household.warnings).toEqual([]);
  });

  it('keeps a household whose categories, dates and flags are formulas, as blanks', () => {
    const r = validateHouseholdRow({ headName: '张三', headIdNumber: ID, size: 2, relocated: f('A1'), monitoringCategory: f('B1'), identifiedYm: f('C1'), phone: f('D1') });
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ relocated: false, monitoringCategory: null, householdType: '脱贫户', identifiedYm: null, phone: null });
    expect(r.warnings.map((w) => w.field)).toEqual(['monitoringCategory', 'identifiedYm', 'relocated', 'phone']);
  });
});

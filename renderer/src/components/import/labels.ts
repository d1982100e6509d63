/** Texts of the 导入 view shared by its components. */
import type { ImportCounts } from '../../../../shared/api/import.ts';

export const COUNT_LABELS: ReadonlyArray<[keyof ImportCounts, string]> = [
  ['added', '新增'], ['updated', '更新'], ['unchanged', '未变'], ['refused', '拒绝'],
];

export const ISSUE_LABELS: Readonly<Record<string, string>> = {
  'member-missing': '台账中的成员未在本文件中列出', 'formula-no-value': '公式没有计算结果',
  'id-checksum': '身份证校验位错误', 'id-birthdate': '出生日期无效', 'id-format': '证件号码格式错误',
  'id-not-text': '证件号码存成了数字', 'duplicate-id': '证件号码重复', 'missing-name': '姓名为空', 'bad-size': '家庭人口数无效',
  'negative-amount': '金额为负数', 'unknown-township': '乡镇无法识别', 'missing-year': '缺少年度', 'bad-number': '不是数字',
  'bad-year': '年度无效', 'missing-id': '无法确定是哪一户', 'split-household': '同一户不连续', 'bad-value': '取值不在可选范围',
  'db-constraint': '数据库拒绝', 'net-mismatch': '纯收入与各项不符', 'per-capita-mismatch': '人均与纯收入÷人口不符',
  'size-mismatch': '人口数与成员行数不符', 'head-count': '户主人数不对', 'wide-no-member': '宽表行没有成员', 'wide-empty-group': '成员列组缺姓名和证件号', 'inconsistent-value': '同户数值不一致', 'sex-mismatch': '性别与身份证不符',
};

/** Chinese labels of the ledger's fields and audit actions, and how stored values read. */
import { formatYuan } from '../../format.ts';

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  head_name: '户主姓名', head_id_number: '户主证件号码', township_code: '乡镇', village_code: '村', county_code: '县区',
  group_name: '组', size: '家庭人口', household_type: '户类型', poverty_attribute: '脱贫户属性', monitoring_category: '监测对象类别',
  relocated: '易地搬迁', phone: '联系电话', note: '备注', name: '姓名', id_number: '证件号码', id_type: '证件类型',
  relation: '与户主关系', labour: '劳动技能', health: '健康状况', education: '文化程度', work_place_class: '务工区域',
  work_months: '务工时间（月）', welfare_post: '公益性岗位', wage_fen: '工资性收入', welfare_post_wage_fen: '公益性岗位工资',
  business_gross_fen: '生产经营性收入', business_expense_fen: '生产经营性支出', property_fen: '财产性收入', transfer_fen: '转移性收入',
};

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'ledger:update': '修改', 'ledger:add': '新增', 'ledger:remove': '删除', 'ledger:sync': '同步', 'ledger:reveal-id': '查看完整证件号',
};

export const TABLE_LABELS: Readonly<Record<string, string>> = { households: '户', members: '成员', income_records: '收入' };

/** A stored audit value as a person reads it: fen as yuan, 0/1 flags as 否/是. */
export function auditValue(field: string | null, value: string | null): string {
  if (value === null || value === '') return '（空）';
  if (field?.endsWith('_fen') && /^-?\d+$/.test(value)) return formatYuan(Number(value) / 100);
  if ((field === 'relocated' || field === 'welfare_post') && (value === '0' || value === '1')) return value === '1' ? '是' : '否';
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

/**
 * An audit entry as a sentence a steward reads: who changed which household's what, from what to
 * what ("张三 修改了 6204… 户（户主 李四）2024 年收入的工资性收入：12,000.00 元 → 12,100.00 元").
 * The log stores table, column and raw values (fen, 0/1, JSON); nothing of those reaches the screen.
 */
import { auditActionLabel } from './audit-actions.ts';
import { formatYuan } from './domain/format.ts';
import { regionByCode } from './domain/regions.ts';

/** The stored columns under the names the forms use. */
export const COLUMN_LABELS: Readonly<Record<string, string>> = {
  head_name: '户主姓名', head_id_number: '户主证件号码', township_code: '乡镇', village_code: '村', county_code: '县区',
  group_name: '组', size: '家庭人口', household_type: '户类型', poverty_attribute: '脱贫户属性', monitoring_category: '监测对象类别',
  relocated: '易地搬迁', phone: '联系电话', note: '备注', name: '姓名', id_number: '证件号码', id_type: '证件类型',
  relation: '与户主关系', labour: '劳动技能', health: '健康状况', education: '文化程度', work_place_class: '务工区域',
  work_months: '务工时间（月）', welfare_post: '公益性岗位', wage_fen: '工资性收入', welfare_post_wage_fen: '公益性岗位工资',
  business_gross_fen: '生产经营性收入', business_expense_fen: '生产经营性支出', business_net_fen: '经营净收入', property_fen: '财产性收入', transfer_fen: '转移性收入',
  status: '状态', target_per_capita_fen: '目标人均纯收入', cadre_name: '帮扶干部', cadre_phone: '帮扶干部电话',
  measure_id: '对应增收措施', measure_type: '措施类型', content: '措施内容', scale: '规模', funds_fen: '投入资金', department: '责任部门',
  cadre: '责任人', deadline: '完成时限', expected_increase_fen: '预计增收', sort: '顺序', title: '标题', body: '内容', group: '分组',
  role: '责任类型', progress: '推进情况', value: '数值', state: '状态', updated_at: '修改时间',
  operator: '操作员', unit_name: '本单位', unit_head: '单位负责人', reviewer: '审核人', contact_phone: '联系电话',
  backup_keep: '自动备份保留份数', unit_county: '本单位所在县区', matrix_scope: '责任分工范围', export_band_edges: '收入分段界限',
};

const TABLE_NOUNS: Readonly<Record<string, string>> = {
  households: '户', members: '成员', income_records: '收入', plans: '一户一策', plan_measures: '帮扶措施',
  measures: '增收措施', measure_departments: '责任分工', measure_progress: '推进情况', risk_dismissals: '风险提示',
  reference_values: '参考值', settings: '设置', import_batches: '导入批次', regions: '行政区划', check_findings: '核查问题',
  check_sources: '部门名单', check_thresholds: '核查阈值', import_templates: '列对应模板', departments: '责任单位',
  measure_indicators: '指标', indicators: '指标',
};

const REF_KINDS: Readonly<Record<string, string>> = { target: '目标', actual: '方案公布数', province: '全省平均', threshold: '阈值' };
const REF_METRICS: Readonly<Record<string, string>> = {
  perCapitaNet: '人均纯收入', wage: '工资性收入', business: '经营性净收入', property: '财产性收入', transfer: '转移性收入',
  growthRate: '增幅', line: '两类群体收入线', monitoringFloor: '监测范围（下限）',
};

const ROLE_WORDS: Readonly<Record<string, string>> = { lead: '牵头', support: '配合', main: '主体责任' };

export interface SentenceRow {
  operator: string;
  action: string;
  table: string | null;
  key: string | null;
  field: string | null;
  old: string | null;
  new: string | null;
  householdId: number | null;
  batchId: number | null;
  detail: string | null;
  /** "6204220101001 户（户主 李四）", looked up in main; null when the household no longer exists. */
  householdLabel?: string | null;
  /** The member's name for entries on members. */
  memberName?: string | null;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null || !json.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A stored value as a person reads it: fen as yuan, 0/1 flags as 是/否, roles in Chinese, JSON summarised. */
export function auditValue(field: string | null, value: string | null): string {
  if (value === null || value === '') return '（空）';
  if (field?.endsWith('_fen') && /^-?\d+$/.test(value)) return `${formatYuan(Number(value) / 100)} 元`;
  if ((field === 'relocated' || field === 'welfare_post') && (value === '0' || value === '1')) return value === '1' ? '是' : '否';
  if (field === 'role' && ROLE_WORDS[value]) return ROLE_WORDS[value]!;
  // County codes of 本单位 and the matrix scope read as names.
  if ((field === 'unit_county' || field === 'matrix_scope') && /^\d{6}$/.test(value)) return regionByCode(value)?.name ?? value;
  const obj = parse(value);
  if (obj) return objectText(obj);
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

/** {"status":"推进中","note":"…"} → "状态 推进中，备注 …" (known fields only; ids and codes left out). */
function objectText(o: Record<string, unknown>): string {
  const parts = Object.entries(o)
    .filter(([k, v]) => COLUMN_LABELS[k] && v !== null && v !== '')
    .slice(0, 6)
    .map(([k, v]) => `${COLUMN_LABELS[k]} ${auditValue(k, String(v))}`);
  return parts.length ? parts.join('，') : '（见详情）';
}

function householdText(r: SentenceRow): string {
  if (r.householdLabel) return r.householdLabel;
  return r.householdId !== null ? `户（编号 ${r.householdId}，已不在台账中）` : '';
}

/** Progress keys are `n/county-or-city/unit[/indicator]/year`: name the unit and year, not just the measure. */
function progressObject(key: string | null): string {
  const parts = (key ?? '').split('/');
  const [n, , ...rest] = parts;
  const year = rest.length > 1 && /^\d{4}$/.test(rest[rest.length - 1] ?? '') ? rest.pop() : undefined;
  const what = rest.filter((p) => !/^dept:\d+$/.test(p)).join('，');
  const scope = [year ? `${year} 年` : '', what].filter(Boolean).join('，');
  return `第 ${n || '?'} 条增收措施${scope ? `（${scope}）` : ''}的推进情况`;
}

/** Department entries are keyed by id; the name sits in old/new/detail, so the sentence shows it. */
function departmentObject(r: SentenceRow, d: Record<string, unknown> | null): string {
  const fromNew = parse(r.new)?.name;
  const name = typeof d?.name === 'string' ? d.name : r.field === 'name' && r.old ? r.old : typeof fromNew === 'string' ? fromNew : '';
  return name ? `责任单位“${name}”` : '责任单位';
}

/** What the entry is about: the household, the member, the year's income, the measure… */
function objectOf(r: SentenceRow, d: Record<string, unknown> | null): string {
  const h = householdText(r);
  if (r.table === 'members') return `${h}的成员${r.memberName ? ` ${r.memberName}` : ''}`;
  if (r.table === 'income_records') {
    const year = d?.year ?? r.key?.split('/')[1];
    return `${h}${year ? `${String(year)} 年` : ''}收入`;
  }
  if (r.table === 'households') return h;
  if (r.table === 'reference_values') {
    const [kind, year, , metric] = (r.key ?? '').split('|');
    return `参考值 ${year ?? ''} 年${REF_KINDS[kind ?? ''] ?? ''}${REF_METRICS[metric ?? ''] ?? ''}`;
  }
  const noun = r.table ? (TABLE_NOUNS[r.table] ?? '') : '';
  if (r.table === 'plans' || r.table === 'plan_measures' || r.table === 'risk_dismissals') return `${h}的${noun}`;
  if (r.table === 'measure_progress') return progressObject(r.key);
  if (r.table === 'departments') return departmentObject(r, d);
  if (r.table === 'measures' || r.table === 'measure_departments') {
    const n = r.key?.split('/')[0];
    const dept = r.table === 'measure_departments' ? r.key?.split('/').slice(1).join('/') : '';
    return `第 ${n ?? '?'} 条增收措施${dept ? `（${dept}）` : ''}的${noun}`;
  }
  return noun;
}

const VERBS: Readonly<Record<string, string>> = {
  'ledger:add': '新增了', 'ledger:remove': '删除了', 'ledger:update': '修改了', 'ledger:sync': '同步了',
  'plan:create': '新建了', 'plan:update': '修改了', 'plan:delete': '删除了',
  'plan-measure:create': '新增了', 'plan-measure:update': '修改了', 'plan-measure:delete': '删除了',
  'import:update': '在导入时修改了', 'import:remove': '在导入时移除了', 'import:undo': '撤销导入时恢复了',
  'ledger:reveal-id': '查看了', 'risk-hint:dismiss': '忽略了', 'risk-hint:restore': '恢复了',
  matrix: '修改了', reference: '修改了', settings: '修改了', 'checks:finding-state': '更改了', 'checks:threshold': '修改了',
};

function fromTo(r: SentenceRow): string {
  if (r.old === null && r.new === null) return '';
  if (r.old === null) return `：${auditValue(r.field, r.new)}`;
  if (r.new === null) return `：原为 ${auditValue(r.field, r.old)}`;
  return `：${auditValue(r.field, r.old)} → ${auditValue(r.field, r.new)}`;
}

function countsText(d: Record<string, unknown> | null): string {
  if (!d) return '';
  const file = typeof d.file === 'string' ? `“${d.file}”` : '';
  const nums = [['householdsAdded', '新增户'], ['householdsUpdated', '修改户'], ['households', '户'], ['rows', '行'], ['found', '发现问题']]
    .filter(([k]) => typeof d[k!] === 'number').map(([k, l]) => `${l} ${String(d[k!])}`);
  return [file, nums.join('，')].filter(Boolean).join('：');
}

function fieldText(r: SentenceRow): string {
  // A unit has a 名称, not a person's 姓名 (COLUMN_LABELS.name is for members).
  if (r.table === 'departments' && r.field === 'name') return '的名称';
  if (r.table === 'departments' && r.field === 'archived') return '的停用状态';
  return r.field && COLUMN_LABELS[r.field] && r.field !== 'progress' && r.table !== 'reference_values' ? `的${COLUMN_LABELS[r.field]}` : '';
}

export function auditSentence(r: SentenceRow): string {
  const d = parse(r.detail);
  const verb = VERBS[r.action];
  const batch = r.batchId !== null && r.action.startsWith('import:') ? `（导入批次 ${r.batchId}）` : '';
  if (!verb) {
    // Whole-database and batch actions: the label says what happened; the detail adds file and counts.
    const extra = countsText(d);
    return `${r.operator} ${auditActionLabel(r.action)}${extra ? ` ${extra}` : ''}${batch}`;
  }
  const object = objectOf(r, d) || auditActionLabel(r.action);
  const field = fieldText(r);
  const reason = typeof d?.reason === 'string' && d.reason ? `（原因：${d.reason}）` : '';
  return `${r.operator} ${verb}${batch} ${object}${field}${fromTo(r)}${reason}`.replace(/\s+/g, ' ').trim();
}

const DETAIL_LABELS: Readonly<Record<string, string>> = {
  reason: '原因', file: '文件', year: '年度', scale: '规模', households: '户数', path: '保存位置', bytes: '大小（字节）',
  from: '来源文件', source: '来源', oldSource: '原来源', verified: '已核实', rows: '行数', dept: '部门', kind: '类别',
  asOf: '截止日期', rule: '规则', note: '说明', backup: '备份文件', previousBackup: '恢复前的备份', found: '发现问题',
  added: '新增问题', reopened: '重新打开', closedByData: '因数据变化关闭', householdsAdded: '新增户', householdsUpdated: '修改户',
  membersAdded: '新增成员', membersUpdated: '修改成员', incomeAdded: '新增收入', incomeUpdated: '修改收入', refused: '拒绝行',
};

/** The entry's extra information as labelled lines (keys without a Chinese name are left to the CLI). */
export function auditDetailLines(r: Pick<SentenceRow, 'detail' | 'old' | 'new' | 'field'>): string[] {
  const lines: string[] = [];
  if (r.old !== null) lines.push(`原值：${auditValue(r.field, r.old)}`);
  if (r.new !== null) lines.push(`新值：${auditValue(r.field, r.new)}`);
  const d = parse(r.detail);
  for (const [k, v] of Object.entries(d ?? {})) {
    if (!DETAIL_LABELS[k] || v === null || typeof v === 'object') continue;
    lines.push(`${DETAIL_LABELS[k]}：${typeof v === 'boolean' ? (v ? '是' : '否') : String(v)}`);
  }
  return lines;
}

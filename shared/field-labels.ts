/**
 * The Chinese name of an API argument, for messages about what was filled in wrongly. A message
 * names the field as the steward sees it on the form ("公益性岗位工资"), never the program's key
 * ("income.welfarePostWage"); a key missing here is called 某一项 rather than shown.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  income: '收入', household: '户', member: '成员', plan: '一户一策', measure: '帮扶措施', filter: '筛选条件',
  year: '年度', size: '家庭人口', wage: '工资性收入', welfarePostWage: '公益性岗位工资', businessGross: '生产经营性收入',
  businessExpense: '生产经营性支出', property: '财产性收入', transfer: '转移性收入', net: '家庭纯收入',
  householdId: '户', memberId: '成员', id: '记录', n: '措施序号', measureN: '措施序号', code: '编号', name: '姓名',
  headName: '户主姓名', idNumber: '证件号码', idType: '证件类型', relation: '与户主关系', sex: '性别', birth: '出生日期',
  education: '文化程度', health: '健康状况', labour: '劳动技能', workPlaceClass: '务工区域', workMonths: '务工时间（月）',
  welfarePost: '公益性岗位', householdType: '户类型', monitoringCategory: '监测类别', povertyAttribute: '脱贫户属性',
  relocated: '易地搬迁', below: '低于收入线', decreased: '收入下降', minPerCapita: '人均最低', maxPerCapita: '人均最高',
  perCapitaBelow: '人均低于', minAge: '最小年龄', maxAge: '最大年龄', county: '县区', township: '乡镇', village: '村',
  region: '地区', scope: '范围', q: '搜索内容', text: '搜索内容', sort: '排序', dir: '排序方向', offset: '行号', limit: '行数',
  page: '页码', pageSize: '每页条数', reason: '原因', note: '说明', operator: '操作员', unit: '单位', unitName: '本单位',
  title: '标题', body: '内容', group: '分组', status: '推进状态', responsible: '责任人', target: '目标', actual: '实际完成',
  value: '数值', source: '来源', verified: '已核实', kind: '类别', metric: '指标', departmentId: '责任单位', role: '责任类型',
  indicatorId: '指标', comparator: '比较方式', label: '名称', path: '文件', paths: '文件', file: '文件', out: '保存位置',
  form: '报表', by: '分组方式', period: '期间', edges: '分段界限', showIds: '显示完整证件号码', columns: '列', rows: '行',
  mapping: '列对应', sheet: '工作表', batchId: '导入批次', jobId: '任务', date: '日期', asOf: '截止日期', dept: '部门',
  rule: '规则', state: '状态', confirm: '确认文字', dataUrl: '图片', measureType: '措施类型', outcome: '成效', planStatus: '计划状态',
  category: '类别', expectedUpdatedAt: '修改时间', clearBlanks: '清空空白单元格', archived: '停用', keep: '保留份数',
  action: '操作类型', from: '开始日期', to: '结束日期', amount: '金额', funds: '资金', increase: '增收金额',
};

/** "income.welfarePostWage" → "收入·公益性岗位工资"; "rows.3.name" → "第 4 行·姓名". */
export function fieldPathLabel(path: ReadonlyArray<PropertyKey>): string {
  const parts = path.slice(0, 4).map((p) => (typeof p === 'number' ? `第 ${p + 1} 项` : FIELD_LABELS[String(p)] ?? '某一项'));
  return parts.length ? parts.join('·') : '';
}

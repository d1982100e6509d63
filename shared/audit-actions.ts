/**
 * Every action the audit log can record, closed: a change that writes an entry names one of these,
 * and the label table below must give each a Chinese name (a missing label is a type error), so the
 * audit view never shows a raw code. Entries written by older versions with other names still
 * display (as their code) — see `auditActionLabel`.
 */
export const AUDIT_ACTIONS = [
  'import:commit', 'import:update', 'import:remove', 'import:region', 'import:revert', 'import:revert-household',
  'import:undo', 'import:undo-batch', 'import:template', 'import:accept-mismatch',
  'ledger:add', 'ledger:update', 'ledger:remove', 'ledger:sync', 'ledger:reveal-id',
  'plan:create', 'plan:update', 'plan:delete', 'plan-measure:create', 'plan-measure:update', 'plan-measure:delete',
  'risk-hint:dismiss', 'risk-hint:restore',
  'matrix', 'reference', 'settings',
  'backup', 'restore', 'export-full-ids',
  'demo', 'demo-clear',
  'checks:source-add', 'checks:source-delete', 'checks:run', 'checks:finding-state', 'checks:threshold',
  'campaign:change',
  'crypt:encrypt', 'crypt:recovery-key-confirmed', 'crypt:recovery-key-used', 'audit:minimised', 'retention:purge',
  'case:open', 'case:advance', 'case:rule', 'case:calendar',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'import:commit': '导入文件',
  'import:update': '导入时修改',
  'import:remove': '导入时移除成员',
  'import:region': '导入时新建村',
  'import:revert': '导入时退回（拆分户）',
  'import:revert-household': '导入时退回一户',
  'import:undo': '撤销导入的修改',
  'import:undo-batch': '撤销导入批次',
  'import:template': '保存列对应模板',
  'import:accept-mismatch': '接受合计不一致导入',
  'ledger:add': '新增',
  'ledger:update': '修改',
  'ledger:remove': '删除',
  'ledger:sync': '同步家庭人口',
  'ledger:reveal-id': '查看完整证件号码',
  'plan:create': '新建一户一策',
  'plan:update': '修改一户一策',
  'plan:delete': '删除一户一策',
  'plan-measure:create': '新增帮扶措施',
  'plan-measure:update': '修改帮扶措施',
  'plan-measure:delete': '删除帮扶措施',
  'risk-hint:dismiss': '忽略风险提示',
  'risk-hint:restore': '恢复风险提示',
  matrix: '修改责任分工',
  reference: '修改参考值',
  settings: '修改设置',
  backup: '备份数据库',
  restore: '恢复数据库',
  'export-full-ids': '导出完整证件号码',
  demo: '生成演示数据',
  'demo-clear': '清空演示数据',
  'checks:source-add': '导入部门名单', 'checks:source-delete': '删除部门名单', 'checks:run': '运行数据核查',
  'checks:finding-state': '更改核查问题状态', 'checks:threshold': '修改核查阈值',
  'campaign:change': '登记自然变更',
  'crypt:encrypt': '加密台账', 'crypt:recovery-key-confirmed': '确认已保存恢复密钥', 'crypt:recovery-key-used': '用恢复密钥在本机打开台账',
  'audit:minimised': '审计日志中的证件号码改为脱敏', 'retention:purge': '按保留期限清理数据',
  'case:open': '登记监测线索', 'case:advance': '推进监测流程', 'case:rule': '修改监测时限', 'case:calendar': '修改工作日历',
};

const KNOWN: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(v: string): v is AuditAction {
  return KNOWN.has(v);
}

/** The Chinese name of a stored action; an unknown one (from an older version) is shown as stored. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

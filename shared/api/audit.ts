import { z } from 'zod';
import { method } from './define.ts';
import { Id, ShortText } from './common.ts';

/** One audit entry as shown: ID numbers inside values are masked in main before they cross IPC. */
export interface AuditRow {
  id: number;
  at: string;
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
}

export interface AuditPage {
  total: number;
  page: number;
  pageSize: number;
  rows: AuditRow[];
  /** Distinct operators and actions, for the filter drop-downs. */
  operators: string[];
  actions: string[];
}

export interface AuditChainResult {
  ok: boolean;
  entries: number;
  brokenAt: number | null;
  reason: string | null;
}

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const AuditListArgs = z
  .object({
    operator: ShortText.optional(),
    action: ShortText.optional(),
    /** Inclusive local dates. */
    from: DateText.optional(),
    to: DateText.optional(),
    householdId: Id.optional(),
    batchId: Id.optional(),
    /** Matched against key, field, old and new values. */
    text: z.string().max(100).optional(),
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

/** Chinese labels of the actions the app writes; unknown actions are shown as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  import: '导入',
  undo: '撤销导入',
  edit: '修改',
  update: '修改',
  insert: '新增',
  delete: '删除',
  settings: '修改设置',
  backup: '备份',
  restore: '恢复',
  export: '导出',
  'export-full-ids': '导出完整身份证号',
  reference: '修改参考值',
  matrix: '责任分工',
  plan: '一户一策',
  demo: '生成演示数据',
};

export const auditApi = {
  'audit:list': method<AuditPage>()(AuditListArgs),
  'audit:verify': method<AuditChainResult>()(z.object({}).strict()),
};

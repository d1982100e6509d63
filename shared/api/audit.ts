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
  /** "6204220101001 户（户主 李四）" when the entry concerns a household still in the ledger. */
  householdLabel: string | null;
  /** The member's name, for entries on a member still in the ledger. */
  memberName: string | null;
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
    /** Matched against key, field, old and new values; a full ID number is looked up by its keyed digest. */
    text: z.string().max(100).optional(),
    /** The entries that named this full ID number (the log stores it masked; found by keyed digest). */
    idNumber: z.string().max(40).optional(),
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const auditApi = {
  'audit:list': method<AuditPage>()(AuditListArgs),
  'audit:verify': method<AuditChainResult>()(z.object({}).strict()),
};

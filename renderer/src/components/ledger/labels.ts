/** Chinese labels of the ledger's fields and audit actions, and how stored values read (one source: shared/audit-sentence.ts). */
import { AUDIT_ACTION_LABELS } from '../../../../shared/audit-actions.ts';
import { auditValue as sharedAuditValue, COLUMN_LABELS } from '../../../../shared/audit-sentence.ts';

export const FIELD_LABELS = COLUMN_LABELS;

export const ACTION_LABELS: Readonly<Record<string, string>> = AUDIT_ACTION_LABELS;

export const TABLE_LABELS: Readonly<Record<string, string>> = { households: '户', members: '成员', income_records: '收入' };

/** A stored audit value as a person reads it in the 元 column of the history: fen as yuan (no unit), flags as 是/否. */
export function auditValue(field: string | null, value: string | null): string {
  return sharedAuditValue(field, value).replace(/ 元$/, '');
}

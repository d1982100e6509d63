/** How matrix changes reach the audit log (one action, 'matrix', with the kind of change in the detail). */
import type { AuditEntry, AuditWriter } from '../audit.ts';

/** A matrix change as the edit functions describe it: 'matrix.role.set', 'matrix.progress.set', … */
export type MatrixEntry = Omit<AuditEntry, 'action'> & { action: `matrix.${string}` | 'settings' };
export type Audit = (e: MatrixEntry) => void;

/**
 * The audit log's action for every matrix change is 'matrix' (labelled 修改责任分工 in the audit view,
 * one filter for all of them); what changed ('role.set', 'progress.set', …) goes into the detail.
 */
export function matrixAudit(write: AuditWriter): Audit {
  return (e) => {
    if (e.action === 'settings') return write({ ...e, action: 'settings' });
    const extra = typeof e.detail === 'object' && e.detail !== null ? e.detail : {};
    write({ ...e, action: 'matrix', detail: { change: e.action.slice('matrix.'.length), ...extra } });
  };
}

/** How the 数据核查 view names and colours finding states (labels come from the shared catalogue). */
import { FINDING_STATE_LABELS, type FindingState } from '../../../../shared/checks/catalogue.ts';

export { FINDING_STATE_LABELS };
export const STATE_TAG: Record<FindingState, 'danger' | 'success' | 'warning' | 'info'> = {
  open: 'danger', fixed: 'success', exempt: 'warning', false_positive: 'info', closed_by_data: 'success',
};
export const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

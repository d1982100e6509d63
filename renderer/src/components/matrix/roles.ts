/** Role colours and labels shared by the matrix grid, the department view and the measure page. */
import { columnOrder, type MatrixDepartment, type MatrixRole, type ProgressStatus } from '../../../../shared/api/matrix.ts';

export const ROLE_SHORT: Readonly<Record<MatrixRole, string>> = { lead: '牵头', support: '配合', main: '主体' };
export const ROLE_TAG: Readonly<Record<MatrixRole, 'primary' | 'success' | 'warning'>> = { lead: 'primary', support: 'success', main: 'warning' };
export const STATUS_TAG: Readonly<Record<ProgressStatus, 'info' | 'warning' | 'success'>> = { 未启动: 'info', 推进中: 'warning', 已完成: 'success' };

const CHINESE_NUMERALS = '一二三四五六七八九十';

export function groupHeading(n: number, title: string): string {
  return `（${CHINESE_NUMERALS[n - 1] ?? String(n)}）${title}`;
}

/** The matrix's column order, shared with the exported form. */
export function displayDepartments(list: readonly MatrixDepartment[]): MatrixDepartment[] {
  return columnOrder(list);
}

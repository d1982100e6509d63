/** Role colours and labels shared by the matrix grid, the department view and the measure page. */
import type { MatrixDepartment, MatrixRole, ProgressStatus } from '../../../../shared/api/matrix.ts';

export const ROLE_SHORT: Readonly<Record<MatrixRole, string>> = { lead: '牵头', support: '配合', main: '主体' };
export const ROLE_TAG: Readonly<Record<MatrixRole, 'primary' | 'success' | 'warning'>> = { lead: 'primary', support: 'success', main: 'warning' };
export const STATUS_TAG: Readonly<Record<ProgressStatus, 'info' | 'warning' | 'success'>> = { 未启动: 'info', 推进中: 'warning', 已完成: 'success' };

const CHINESE_NUMERALS = '一二三四五六七八九十';

export function groupHeading(n: number, title: string): string {
  return `（${CHINESE_NUMERALS[n - 1] ?? String(n)}）${title}`;
}

/**
 * Column order: the plan's departments first, the bodies that only carry the main responsibility
 * (县区党委政府 / 乡镇党委政府) last, where the plan's (责任单位:…) notes name them.
 */
export function displayDepartments(list: readonly MatrixDepartment[]): MatrixDepartment[] {
  const onlyMain = (d: MatrixDepartment): boolean => d.counts.main > 0 && d.counts.lead + d.counts.support === 0;
  return [...list.filter((d) => !d.archived && !onlyMain(d)), ...list.filter((d) => !d.archived && onlyMain(d))];
}

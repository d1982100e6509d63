/** How a case's deadline reads, the same on screen and in the CLI. */
import type { CaseRow } from '../api/cases.ts';

export function deadlineText(r: CaseRow): string {
  const t = r.timing;
  if (!t.deadline || t.daysLeft === null) return t.late.length ? t.late.join('；') : '—';
  const when = `${t.deadline.label}时限 ${t.deadline.date}`;
  if (t.daysLeft < 0) return `${when}，已超期 ${-t.daysLeft} 个工作日`;
  if (t.daysLeft === 0) return `${when}，今天到期`;
  return `${when}，剩 ${t.daysLeft} 个工作日`;
}

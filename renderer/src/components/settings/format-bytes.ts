/** File sizes for the settings page: 1024-based, one decimal, Chinese-free units people know. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** '2026-11-29T18:40:25.012' (local, from a backup name) or an ISO UTC time → 'YYYY-MM-DD HH:mm:ss' local. */
export function formatTime(text: string): string {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return text;
  const p = (x: number): string => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const REASONS: Record<string, string> = {
  import: '导入前',
  daily: '当天首次导入或撤销前',
  undo: '撤销导入前',
  restore: '恢复前',
  manual: '手动',
};

export function reasonLabel(reason: string): string {
  if (reason.startsWith('migration')) return `升级数据库前（${reason.replace('migration-', '')}）`;
  return REASONS[reason] ?? reason;
}

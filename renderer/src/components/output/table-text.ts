/**
 * An on-screen Element Plus table as data: its header rows (group headers repeated over the
 * columns they span) and body cells as shown. 复制表格 turns it into tab-separated text that pastes
 * into WPS/Excel as cells; 导出表格 sends it to main as the forms' layout. The text is what the
 * steward sees, so the copy can never differ from the screen.
 */
export interface ScreenTable {
  header: string[][];
  rows: string[][];
}

function cellText(el: Element): string {
  return (el.querySelector('.cell') ?? el).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function headerRows(table: Element): string[][] {
  const rows = [...table.querySelectorAll('.el-table__header-wrapper thead tr, .el-table__header thead tr')];
  const grid: string[][] = [];
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const th of tr.querySelectorAll('th')) {
      if (th.classList.contains('gutter')) continue;
      while (grid[r]![c] !== undefined) c++;
      const span = Number(th.getAttribute('colspan') ?? 1);
      const down = Number(th.getAttribute('rowspan') ?? 1);
      for (let i = 0; i < span; i++) for (let j = 0; j < down; j++) (grid[r + j] ??= [])[c + i] = cellText(th);
      c += span;
    }
  });
  return grid.map((row) => Array.from(row, (x) => x ?? ''));
}

export function readScreenTable(root: Element): ScreenTable | null {
  const table = root.querySelector('.el-table');
  if (!table) return null;
  const rows = [...table.querySelectorAll('.el-table__body-wrapper tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(cellText));
  return { header: headerRows(table), rows };
}

/** Tab-separated lines (\n: a textarea, which the copy goes through, keeps no \r); a tab or line break inside a cell would split it, so they become spaces. */
export function toTsv(t: ScreenTable): string {
  const clean = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');
  return [...t.header, ...t.rows].map((r) => r.map(clean).join('\t')).join('\n');
}

/** Copies text. execCommand works without the clipboard permission the app denies; the async API is the fallback. */
export async function copyText(text: string): Promise<void> {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) await navigator.clipboard.writeText(text);
}

export type CellKind = 'text' | 'money' | 'percent' | 'count';

/** A shown cell back to its number for 导出表格: "12,345.67" → money, "14.3%" → percent, "1,234" → count. */
export function typedCell(text: string): { kind: CellKind; value: string | number | null } {
  const t = text.trim();
  if (t === '' || t === '—') return { kind: 'text', value: null };
  const m = /^([+-]?)([\d,]+)(\.\d+)?(%?)$/.exec(t);
  if (!m) return { kind: 'text', value: t };
  const n = Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] ?? ''}`);
  if (m[4]) return { kind: 'percent', value: Math.round(n * 100) / 10000 };
  return { kind: m[3] ? 'money' : 'count', value: n };
}

/** The table as 导出表格's arguments: one kind per column (the first non-text kind found, else text). */
export function tableForExport(t: ScreenTable): { columns: Array<{ label: string; kind: CellKind }>; rows: Array<Array<string | number | null>> } {
  const width = Math.max(t.header.at(-1)?.length ?? 0, ...t.rows.map((r) => r.length));
  const labels = Array.from({ length: width }, (_, c) => [...new Set(t.header.map((h) => h[c] ?? '').filter(Boolean))].join('/') || `列${c + 1}`);
  const typed = t.rows.map((r) => Array.from({ length: width }, (_, c) => typedCell(r[c] ?? '')));
  const kinds = labels.map((_, c) => {
    const found = typed.map((r) => r[c]!.kind).filter((k) => k !== 'text');
    const numeric = typed.every((r) => r[c]!.kind !== 'text' || r[c]!.value === null);
    return numeric && found.length ? (found.includes('money') ? 'money' : found[0]!) : 'text';
  });
  return {
    columns: labels.map((label, c) => ({ label: label.slice(0, 60), kind: kinds[c] as CellKind })),
    rows: typed.map((r, i) => r.map((x, c) => (kinds[c] === 'text' ? (x.value === null ? null : (t.rows[i]?.[c] ?? null)) : x.value))),
  };
}

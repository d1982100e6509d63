/**
 * Columns the mapping leaves out. A dropped income column is the quietest way to store wrong figures
 * (the components that were mapped no longer add up to the file's 家庭纯收入), so every unmapped
 * column is listed with a sample, and one whose values look like amounts becomes a warning naming it.
 */
import { AMOUNT_FIELDS, notAField, type AmountField } from '../../../shared/domain/import-headers.ts';
import { suggestField } from '../../../shared/domain/import-suggest.ts';
import { cellText, parseNumber } from '../../../shared/domain/import-values.ts';
import type { UnmappedColumn } from '../../../shared/api/import.ts';
import type { SheetLayout } from './header.ts';
import type { IssueSink } from './issues.ts';
import type { SheetRow } from '../xlsx/sheet-stream.ts';
import { columnLetters } from '../xlsx/xml.ts';

interface Tally {
  index: number;
  header: string;
  sample: string | null;
  filled: number;
  numeric: number;
}

/** Header words that say "money" (元, 收入, 补贴 …). */
const MONEY = /收入|支出|金额|元|补贴|补助|工资|费用|资金|净/;

const isAmount = (f: string | undefined): boolean => f !== undefined && (AMOUNT_FIELDS as readonly string[]).includes(f as AmountField);

/** An unmapped column whose values look like money: a warning, and a likely cause of totals that disagree. */
export function isUnmappedAmount(u: Pick<UnmappedColumn, 'header' | 'looksNumeric' | 'suggestion'>): boolean {
  return u.looksNumeric && (MONEY.test(u.header) || isAmount(u.suggestion?.field));
}

export class UnmappedTracker {
  private readonly tallies: Tally[];

  constructor(layout: SheetLayout) {
    this.tallies = layout.columns.filter((c) => c.field === null && c.header !== '').map((c) => ({ index: c.index, header: c.header, sample: null, filled: 0, numeric: 0 }));
  }

  /** One data row; cheap (only unmapped columns, no allocation once a sample is kept). */
  observe(row: SheetRow): void {
    for (const t of this.tallies) {
      const c = row.cells[t.index] ?? null;
      if (c === null || c === '') continue;
      const p = parseNumber(c);
      if (p.ok && p.value === null) continue;
      t.filled++;
      if (p.ok) t.numeric++;
      if (t.sample === null) t.sample = cellText(c).slice(0, 40);
    }
  }

  /** The list for the preview; amount-looking columns are also reported as warnings on the header row. */
  finish(sheet: string, headerRow: number, sink: IssueSink): UnmappedColumn[] {
    return this.tallies.map((t) => {
      const looksNumeric = t.filled > 0 && t.numeric * 10 >= t.filled * 8;
      const column = columnLetters(t.index + 1);
      const s = suggestField(t.header);
      if (isUnmappedAmount({ header: t.header, looksNumeric, suggestion: s })) {
        const not = notAField(t.header);
        const why = not ? `${not}，未作为任何字段导入` : s ? `${s.reason}，确认后请在映射中选择` : '请在映射中选择对应字段或确认不导入';
        sink.warn({ sheet, row: headerRow, column: t.header, code: 'unmapped-amount', message: `第 ${column} 列“${t.header}”看起来是金额，但未导入：${why}` });
      }
      return { sheet, column, header: t.header, sample: t.sample, looksNumeric, suggestion: s };
    });
  }
}

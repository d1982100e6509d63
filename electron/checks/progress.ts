/**
 * Closure progress of the rectification loop: per township (and per rule) how many findings there
 * are in each state. Closed = 已整改, 豁免, 误报 or corrected by data; still open = 待整改. The rate is
 * closed / total, so a township with nothing found reads as "no findings", not as 100 %.
 */
import { RULE_BY_CODE } from '../../shared/checks/catalogue.ts';
import type { Db } from '../db/types.ts';

export interface ProgressRow {
  code: string; name: string; total: number; open: number; fixed: number; exempt: number; falsePositive: number; closedByData: number; rate: number | null;
}
export interface Progress { townships: ProgressRow[]; rules: ProgressRow[] }

const COUNTS = `count(*) AS total, sum(f.state = 'open') AS open, sum(f.state = 'fixed') AS fixed, sum(f.state = 'exempt') AS exempt,
  sum(f.state = 'false_positive') AS falsePositive, sum(f.state = 'closed_by_data') AS closedByData`;

type Raw = Omit<ProgressRow, 'rate' | 'name'> & { name: string | null };
const withRate = (r: Raw, name: string): ProgressRow => ({ ...r, name, rate: r.total ? (r.total - r.open) / r.total : null });

export function closureProgress(db: Db, year?: number, township?: string): Progress {
  const where: string[] = [];
  const p: unknown[] = [];
  if (year) { where.push('f.year = ?'); p.push(year); }
  if (township) { where.push('f.township_code = ?'); p.push(township); }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const towns = db.prepare(`SELECT coalesce(f.township_code, '') AS code, g.name, ${COUNTS} FROM check_findings f
    LEFT JOIN regions g ON g.code = f.township_code ${w} GROUP BY f.township_code ORDER BY f.township_code`).all(...p) as Raw[];
  const rules = db.prepare(`SELECT f.rule AS code, NULL AS name, ${COUNTS} FROM check_findings f ${w} GROUP BY f.rule ORDER BY f.rule`).all(...p) as Raw[];
  return {
    townships: towns.map((r) => withRate(r, r.name ?? (r.code ? r.code : '（户已删除）'))),
    rules: rules.map((r) => withRate(r, RULE_BY_CODE.get(r.code)?.name ?? r.code)),
  };
}

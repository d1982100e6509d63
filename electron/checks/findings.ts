/** Reading findings, changing their state, and the closure rate per township and rule. */
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import type { FindingState } from '../../shared/checks/catalogue.ts';
import type { Db } from '../db/types.ts';

export interface FindingRow {
  id: number; rule: string; householdId: number | null; householdCode: string | null; memberName: string | null;
  memberId: string | null; townshipCode: string | null; townshipName: string | null; year: number; message: string; state: FindingState; reason: string | null;
  stateOperator: string | null; stateAt: string | null; closedBatchId: number | null;
}
export interface FindingFilter { id?: number | undefined; township?: string | undefined; rule?: string | undefined; state?: FindingState | undefined; year?: number | undefined }

export function listFindings(db: Db, f: FindingFilter, limit = 5000): FindingRow[] {
  const where: string[] = [];
  const p: unknown[] = [];
  if (f.id) { where.push('f.id = ?'); p.push(f.id); }
  if (f.township) { where.push('f.township_code = ?'); p.push(f.township); }
  if (f.rule) { where.push('f.rule = ?'); p.push(f.rule); }
  if (f.state) { where.push('f.state = ?'); p.push(f.state); }
  if (f.year) { where.push('f.year = ?'); p.push(f.year); }
  const rows = db.prepare(`SELECT f.*, m.name AS member_name, m.id_number, g.name AS township_name FROM check_findings f
    LEFT JOIN members m ON m.id = f.member_id LEFT JOIN regions g ON g.code = f.township_code
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.township_code, f.rule, f.household_code, f.id LIMIT ?`).all(...p, limit) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: r.id as number, rule: r.rule as string, householdId: r.household_id as number | null, householdCode: r.household_code as string | null,
    memberName: r.member_name as string | null, memberId: r.id_number ? maskIdNumber(r.id_number as string) : null,
    townshipCode: r.township_code as string | null, townshipName: r.township_name as string | null, year: r.year as number, message: r.message as string,
    state: r.state as FindingState, reason: r.reason as string | null, stateOperator: r.state_operator as string | null, stateAt: r.state_at as string | null,
    closedBatchId: r.closed_batch_id as number | null,
  }));
}

export function setFindingState(db: Db, id: number, state: FindingState, reason: string | null, operator: string): { old: FindingState } | null {
  const cur = db.prepare('SELECT state FROM check_findings WHERE id = ?').pluck().get(id) as FindingState | undefined;
  if (cur === undefined) return null;
  db.prepare(`UPDATE check_findings SET state = ?, reason = ?, state_operator = ?, state_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(state, reason, operator, id);
  return { old: cur };
}

export interface ClosureRow { townshipCode: string | null; rule: string; total: number; open: number; closed: number; rate: number }

/** Closed = 已整改, 豁免, 误报 or corrected by data; the rate is closed / total. */
export function closureRates(db: Db, year?: number): ClosureRow[] {
  const rows = db.prepare(`SELECT township_code, rule, count(*) AS total, sum(state = 'open') AS open FROM check_findings
    ${year ? 'WHERE year = ?' : ''} GROUP BY township_code, rule ORDER BY township_code, rule`).all(...(year ? [year] : [])) as Array<{ township_code: string | null; rule: string; total: number; open: number }>;
  return rows.map((r) => ({ townshipCode: r.township_code, rule: r.rule, total: r.total, open: r.open, closed: r.total - r.open, rate: r.total ? (r.total - r.open) / r.total : 0 }));
}

/** For #22 (campaign): open findings per township, to be wired into its view later. */
export function openFindingsByTownship(db: Db, year?: number): Array<{ townshipCode: string; open: number }> {
  return db.prepare(`SELECT township_code AS townshipCode, count(*) AS open FROM check_findings
    WHERE state = 'open' AND township_code IS NOT NULL ${year ? 'AND year = ?' : ''} GROUP BY township_code ORDER BY township_code`)
    .all(...(year ? [year] : [])) as Array<{ townshipCode: string; open: number }>;
}

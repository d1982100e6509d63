/**
 * The audit view's queries: a filtered, paged list and the chain check. ID numbers inside logged
 * values are masked here, in main, so the renderer never receives a full one from the log.
 */
import type { AuditPage, AuditRow, auditApi } from '../../shared/api/audit.ts';
import type { ApiParsedArgs } from '../../shared/api/index.ts';
import { maskIdsInText } from '../../shared/domain/id-in-text.ts';
import { normalizeIdNumber } from '../../shared/domain/id-number.ts';
import { AppError } from '../../shared/errors.ts';
import { idDigest } from '../db/audit-ids.ts';
import { verifyAuditChain } from '../db/audit.ts';
import type { Db, HandlersFor } from './context.ts';


/** A local calendar day's start as the UTC ISO text the log stores ('at' is ISO UTC). */
function localDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

type ListArgs = ApiParsedArgs<'audit:list'>;

/** An 18-character ID number typed with any spacing or full-width digits, or null. */
function fullIdOf(text: string | undefined): string | null {
  if (text === undefined) return null;
  const id = normalizeIdNumber(text);
  return /^[1-9]\d{16}[\dX]$/.test(id) ? id : null;
}

function whereFor(a: ListArgs): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (a.operator) { parts.push('operator = ?'); params.push(a.operator); }
  if (a.action) { parts.push('action = ?'); params.push(a.action); }
  if (a.from) { parts.push('at >= ?'); params.push(localDayStart(a.from)); }
  if (a.to) { parts.push('at < ?'); params.push(localDayStart(a.to, 1)); }
  if (a.householdId !== undefined) { parts.push('household_id = ?'); params.push(a.householdId); }
  if (a.batchId !== undefined) { parts.push('batch_id = ?'); params.push(a.batchId); }
  const id = fullIdOf(a.idNumber ?? a.text);
  if (a.idNumber !== undefined && id === null) throw new AppError('validation', `证件号码应为 18 位（末位可为 X），收到 ${a.idNumber.length} 位。`);
  if (id !== null) {
    // IDs are stored masked (#24): a full one is found through its keyed digest.
    parts.push('id IN (SELECT audit_id FROM audit_id_refs WHERE digest = ?)');
    params.push(idDigest(id));
  } else if (a.text) {
    // instr() instead of LIKE: the user's % and _ are plain characters here.
    parts.push('(instr(ifnull(row_key,\'\'), ?) > 0 OR instr(ifnull(field,\'\'), ?) > 0 OR instr(ifnull(old_value,\'\'), ?) > 0 OR instr(ifnull(new_value,\'\'), ?) > 0)');
    params.push(a.text, a.text, a.text, a.text);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

interface StoredRow {
  id: number; at: string; operator: string; action: string; table_name: string | null; row_key: string | null;
  field: string | null; old_value: string | null; new_value: string | null; household_id: number | null;
  batch_id: number | null; detail: string | null;
  household_code: string | null; head_name: string | null; member_name: string | null;
}

function toDto(r: StoredRow): AuditRow {
  return {
    id: r.id, at: r.at, operator: r.operator, action: r.action, table: r.table_name,
    key: maskIdsInText(r.row_key), field: r.field, old: maskIdsInText(r.old_value), new: maskIdsInText(r.new_value),
    householdId: r.household_id, batchId: r.batch_id, detail: maskIdsInText(r.detail),
    householdLabel: r.household_code ? `${r.household_code} 户（户主 ${r.head_name ?? ''}）` : null,
    memberName: r.member_name,
  };
}

export function listAudit(db: Db, a: ListArgs): AuditPage {
  const w = whereFor(a);
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT id, at, operator, action, table_name, row_key, field, old_value, new_value, household_id, batch_id, detail
              FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...w.params, a.pageSize, (a.page - 1) * a.pageSize) as StoredRow[];
  // The sentence names the household and member as the steward knows them (one page: 50 lookups).
  const hh = db.prepare('SELECT code, head_name FROM households WHERE id = ?');
  const mm = db.prepare('SELECT name FROM members WHERE id = ?');
  for (const r of rows) {
    const h = r.household_id === null ? undefined : (hh.get(r.household_id) as { code: string; head_name: string } | undefined);
    r.household_code = h?.code ?? null;
    r.head_name = h?.head_name ?? null;
    const m = r.table_name === 'members' && r.row_key && /^\d+$/.test(r.row_key) ? (mm.get(Number(r.row_key)) as { name: string } | undefined) : undefined;
    r.member_name = m?.name ?? null;
  }
  const distinct = (col: string): string[] =>
    (db.prepare(`SELECT DISTINCT ${col} AS v FROM audit_log ORDER BY v LIMIT 200`).all() as Array<{ v: string }>).map((r) => r.v);
  return { total, page: a.page, pageSize: a.pageSize, rows: rows.map(toDto), operators: distinct('operator'), actions: distinct('action') };
}

export const auditHandlers: HandlersFor<typeof auditApi> = {
  'audit:list': (ctx, args) => listAudit(ctx.db, args),
  'audit:verify': (ctx) => verifyAuditChain(ctx.db),
};

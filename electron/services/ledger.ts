/**
 * The ledger's services: list pages and search (read), one household (read), and corrections
 * (write). The write rules (one IMMEDIATE transaction with its audit entries, then data:changed) are
 * declared in shared/api/ledger.ts and applied by dispatch; bad input is refused before anything is written.
 */
import type { RegionNode, SearchHit, WriteResult } from '../../shared/api/ledger.ts';
import type { ledgerApi } from '../../shared/api/ledger.ts';
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import { listHouseholds, listMembers } from '../analysis/ledger-lists.ts';
import { householdDetail } from '../db/queries/ledger-detail.ts';
import { classifySearch, householdFieldMatchSql, memberMatchSql } from '../db/queries/ledger-search.ts';
import { cachedStatement } from '../db/queries/ledger-statements.ts';
import * as w from '../db/queries/ledger-write.ts';
import type { Db, HandlersFor } from './context.ts';

// The list pages live below services so the list export can share them; re-exported for callers here.
export { listHouseholds, listMembers };

/** The search box's answer as a flat list, one hit per household (the CLI's `find`, quick open). */
export function findHits(db: Db, q: string, limit: number): SearchHit[] {
  const kinds = classifySearch(q);
  if (!kinds) return [];
  const m = memberMatchSql(kinds.filter((k) => k.kind !== 'code'));
  const h = householdFieldMatchSql(kinds);
  const hits = [m.sql ? `SELECT mid, hid, how FROM (${m.sql})` : '', h.sql ? `SELECT NULL AS mid, hid, how FROM (${h.sql})` : ''].filter(Boolean).join(' UNION ALL ');
  const rows = cachedStatement(
    db,
    `SELECT x.hid, x.mid, x.how, h.code, h.head_name, t.name AS township, v.name AS village, m.name, m.id_number
     FROM (SELECT hid, min(mid) AS mid, min(how) AS how FROM (${hits}) GROUP BY hid) x
     JOIN households h ON h.id = x.hid LEFT JOIN members m ON m.id = x.mid
     LEFT JOIN regions t ON t.code = h.township_code LEFT JOIN regions v ON v.code = h.village_code ORDER BY h.code LIMIT @limit`,
  ).all({ ...m.params, ...h.params, limit }) as Array<{ hid: number; mid: number | null; how: string; code: string; head_name: string; township: string | null; village: string | null; name: string | null; id_number: string | null }>;
  return rows.map((r) => ({
    householdId: r.hid, householdCode: r.code, headName: r.head_name, township: r.township ?? '', village: r.village,
    memberId: r.mid, memberName: r.name, idMasked: r.id_number ? maskIdNumber(r.id_number) : null, matchedBy: r.how,
  }));
}

function regionTree(db: Db): RegionNode[] {
  // Only regions that hold households: a filter offering empty places wastes a click. One index probe
  // per region (about a thousand), not a pass over the households.
  const rows = db.prepare(
    `SELECT code, name, level, parent_code FROM regions r WHERE
       (level = 'county' AND EXISTS (SELECT 1 FROM households WHERE county_code = r.code))
       OR (level = 'township' AND EXISTS (SELECT 1 FROM households WHERE township_code = r.code))
       OR (level = 'village' AND EXISTS (SELECT 1 FROM households WHERE village_code = r.code))
     ORDER BY sort, code`,
  ).all() as Array<{ code: string; name: string; level: RegionNode['level']; parent_code: string | null }>;
  const byCode = new Map<string, RegionNode>();
  const roots: RegionNode[] = [];
  for (const r of rows) byCode.set(r.code, { code: r.code, name: r.name, level: r.level });
  for (const r of rows) {
    const node = byCode.get(r.code) as RegionNode;
    const parent = r.parent_code ? byCode.get(r.parent_code) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else if (r.level === 'county') roots.push(node);
  }
  return roots;
}

export const ledgerHandlers: HandlersFor<typeof ledgerApi> = {
  'ledger:regions': (ctx) => regionTree(ctx.db),
  'ledger:households': (ctx, args) => listHouseholds(ctx.db, args),
  'ledger:members': (ctx, args) => listMembers(ctx.db, args),
  'ledger:find': (ctx, args) => findHits(ctx.db, args.q, args.limit),
  'ledger:household': (ctx, args) => householdDetail(ctx.db, args.id, args.year),
  // Showing a full ID is itself recorded; a read-only file cannot take the entry, so it is refused there.
  'ledger:revealId': (ctx, args, { audit }) => {
    const m = w.getRow(ctx.db, 'members', args.memberId);
    audit({ action: 'ledger:reveal-id', table: 'members', key: args.memberId, field: 'id_number', householdId: m.household_id as number, detail: { reason: args.reason } });
    return { idNumber: m.id_number as string };
  },
  'ledger:updateHousehold': (ctx, args, { audit }): WriteResult => ({ householdId: args.id, changes: w.updateHousehold(ctx.db, audit, args.id, args.patch) }),
  'ledger:addHousehold': (ctx, args, { audit }): WriteResult => {
    const r = w.insertHousehold(ctx.db, audit, args);
    return { householdId: r.householdId, memberId: r.memberId, changes: 2 };
  },
  'ledger:removeHousehold': (ctx, args, { audit }): WriteResult => {
    w.deleteHousehold(ctx.db, audit, args.id, args.reason);
    return { householdId: args.id, changes: 1 };
  },
  'ledger:updateMember': (ctx, args, { audit }): WriteResult => w.updateMember(ctx.db, audit, args.id, args.patch),
  'ledger:addMember': (ctx, args, { audit }): WriteResult => {
    w.getRow(ctx.db, 'households', args.householdId);
    const memberId = w.insertMember(ctx.db, audit, args.householdId, args.member);
    return { householdId: args.householdId, memberId, changes: 1 + w.syncHousehold(ctx.db, audit, args.householdId) };
  },
  'ledger:removeMember': (ctx, args, { audit }): WriteResult => {
    const householdId = w.deleteMember(ctx.db, audit, args.id, args.reason);
    return { householdId, changes: 1 + w.syncHousehold(ctx.db, audit, householdId) };
  },
  'ledger:upsertIncome': (ctx, args, { audit }): WriteResult => ({ householdId: args.income.householdId, changes: w.upsertIncome(ctx.db, audit, args.income) }),
};

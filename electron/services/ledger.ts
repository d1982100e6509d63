/**
 * The ledger's services: list pages and search (read), one household (read), and corrections
 * (write). The write rules (one IMMEDIATE transaction with its audit entries, then data:changed) are
 * declared in shared/api/ledger.ts and applied by dispatch; bad input is refused before anything is written.
 */
import type { HouseholdPage, HouseholdRow, MemberPage, RegionNode, SearchHit, WriteResult } from '../../shared/api/ledger.ts';
import type { ledgerApi } from '../../shared/api/ledger.ts';
import { ageOn, maskIdNumber } from '../../shared/domain/id-number.ts';
import { fenToYuan, round2 } from '../../shared/domain/income.ts';
import { householdDetail, latestIncomeYear } from '../db/queries/ledger-detail.ts';
import { fetchHouseholds, householdPlan, type RawHouseholdRow } from '../db/queries/ledger-households.ts';
import { fetchMembers, memberPlan, type RawMemberRow } from '../db/queries/ledger-members.ts';
import { classifySearch, householdFieldMatchSql, memberMatchSql } from '../db/queries/ledger-search.ts';
import { cachedStatement } from '../db/queries/ledger-statements.ts';
import * as w from '../db/queries/ledger-write.ts';
import { belowLine } from '../db/queries/references.ts';
import type { Db, HandlersFor } from './context.ts';

function householdRow(r: RawHouseholdRow, lineFen: number): HouseholdRow {
  const hasFigure = r.net_fen !== null && r.fig_size !== null;
  return {
    id: r.id, code: r.code, county: r.county ?? '', township: r.township ?? '', village: r.village, groupName: r.group_name,
    headName: r.head_name, headIdMasked: r.head_id_number ? maskIdNumber(r.head_id_number) : null, size: r.size,
    householdType: r.household_type, monitoringCategory: r.monitoring_category, relocated: r.relocated === 1,
    perCapita: hasFigure ? fenToYuan((r.net_fen as number) / (r.fig_size as number)) : null,
    change: r.change === null ? null : round2(r.change / 100),
    below: hasFigure ? (r.net_fen as number) < lineFen * (r.fig_size as number) : null,
    decreased: hasFigure ? r.decreased === 1 : null,
  };
}

export function listHouseholds(db: Db, args: Parameters<(typeof ledgerHandlers)['ledger:households']>[1]): HouseholdPage {
  const year = args.year ?? latestIncomeYear(db);
  const line = belowLine(db, year ?? new Date().getFullYear());
  const lineFen = Math.round(line * 100);
  const plan = householdPlan(db, { args, year, lineFen });
  const rows = fetchHouseholds(db, plan.ids(args.offset, args.limit), year).map((r) => householdRow(r, lineFen));
  return { year, line, rows, offset: args.offset, total: args.withTotal ? plan.count() : null };
}

function memberRow(r: RawMemberRow, today: Date): MemberRow {
  return {
    id: r.id, householdId: r.household_id, householdCode: r.code, headName: r.head_name, township: r.township ?? '',
    village: r.village, name: r.name, idMasked: maskIdNumber(r.id_number), sex: r.sex, age: ageOn(r.id_number, today),
    relation: r.relation, labour: r.labour, workPlaceClass: r.work_place_class, welfarePost: r.welfare_post === 1,
  };
}
type MemberRow = MemberPage['rows'][number];

export function listMembers(db: Db, args: Parameters<(typeof ledgerHandlers)['ledger:members']>[1]): MemberPage {
  const today = new Date();
  const plan = memberPlan(db, args, today);
  const keys = plan.keys(args.after ? 0 : args.offset, args.limit);
  const last = keys[keys.length - 1];
  const keyset = args.sort === 'household' && !args.q && keys.length === args.limit && last !== undefined;
  return {
    rows: fetchMembers(db, keys.map((k) => k.id)).map((r) => memberRow(r, today)),
    offset: args.offset,
    total: args.withTotal ? plan.count() : null,
    nextAfter: keyset ? { code: last.code, id: last.id } : null,
  };
}

/** The search box's answer as a flat list, one hit per household (the CLI's `find`, quick open). */
export function findHits(db: Db, q: string, limit: number): SearchHit[] {
  const kinds = classifySearch(q);
  if (!kinds) return [];
  const m = memberMatchSql(kinds.filter((k) => k.kind !== 'code'));
  const h = householdFieldMatchSql(kinds);
  const hits = [m.sql ? `SELECT mid, hid, how FROM (${m.sql})` : '', h.sql ? `SELECT NULL, hid, how FROM (${h.sql})` : ''].filter(Boolean).join(' UNION ALL ');
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

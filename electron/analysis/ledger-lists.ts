/**
 * The ledger's household and member list pages, as 台账 shows them: one filter and sort plan over
 * the queries, rows mapped to the DTOs (IDs masked, fen to yuan). Below services because the list
 * export (electron/export/list.ts) pages through exactly the same rows as the screen.
 */
import type { HouseholdListArgs, HouseholdPage, HouseholdRow, MemberListArgs, MemberPage } from '../../shared/api/ledger.ts';
import { ageOn, maskIdNumber } from '../../shared/domain/id-number.ts';
import { fenToYuan, round2 } from '../../shared/domain/income.ts';
import { latestIncomeYear } from '../db/queries/ledger-detail.ts';
import { fetchHouseholds, householdPlan, type RawHouseholdRow } from '../db/queries/ledger-households.ts';
import { fetchMembers, memberPlan, type RawMemberRow } from '../db/queries/ledger-members.ts';
import { belowLine } from '../db/queries/references.ts';
import type { Db } from '../db/types.ts';

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

export function listHouseholds(db: Db, args: HouseholdListArgs): HouseholdPage {
  const year = args.year ?? latestIncomeYear(db);
  const line = belowLine(db, year ?? new Date().getFullYear());
  const lineFen = Math.round(line * 100);
  const plan = householdPlan(db, { args, year, lineFen });
  const rows = fetchHouseholds(db, plan.ids(args.offset, args.limit), year).map((r) => householdRow(r, lineFen));
  return { year, line, rows, offset: args.offset, total: args.withTotal ? plan.count() : null };
}

type MemberRow = MemberPage['rows'][number];
function memberRow(r: RawMemberRow, today: Date): MemberRow {
  return {
    id: r.id, householdId: r.household_id, householdCode: r.code, headName: r.head_name, township: r.township ?? '',
    village: r.village, name: r.name, idMasked: maskIdNumber(r.id_number), sex: r.sex, age: ageOn(r.id_number, today),
    relation: r.relation, labour: r.labour, workPlaceClass: r.work_place_class, welfarePost: r.welfare_post === 1,
  };
}

export function listMembers(db: Db, args: MemberListArgs): MemberPage {
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

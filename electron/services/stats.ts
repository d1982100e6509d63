/**
 * `stats` and `app:info`: the figures of the start page, the CLI and (later) every form. All
 * per-capita figures go through the shared income functions so the views and forms agree.
 */
import type { StatsBy, StatsResult, StatsRow, AppInfo } from '../../shared/api/stats.ts';
import type { statsApi } from '../../shared/api/stats.ts';
import { fenToYuan, gap, growth, round2, weightedPerCapita } from '../../shared/domain/income.ts';
import { CITY } from '../../shared/domain/regions.ts';
import { AppError } from '../../shared/errors.ts';
import { schemaVersion } from '../db/connection.ts';
import { getMeta } from '../db/meta.ts';
import { belowLine, provinceAverage, targetFor } from '../db/queries/references.ts';
import { incomeYears, previousYearSums, regionNames, yearSums, type RegionSums, type ScopeFilter } from '../db/queries/stats.ts';
import type { Db, HandlersFor } from './context.ts';

function perCapitaYuan(netFen: number, persons: number): number | null {
  const fen = weightedPerCapita(netFen, persons);
  return fen === null ? null : fenToYuan(fen);
}

function round4(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10000) / 10000;
}

interface RowContext {
  name: string;
  prev: { netFen: number; persons: number } | undefined;
  target: number | null;
  province: number | null;
}

export function toStatsRow(s: RegionSums, c: RowContext): StatsRow {
  const pc = perCapitaYuan(s.netFen, s.persons);
  const prevPc = c.prev ? perCapitaYuan(c.prev.netFen, c.prev.persons) : null;
  const g = gap(c.target, pc);
  const gp = gap(c.province, pc);
  return {
    code: s.code,
    name: c.name,
    households: s.households,
    persons: s.persons,
    perCapitaNet: pc,
    wage: perCapitaYuan(s.wageFen, s.persons),
    business: perCapitaYuan(s.businessFen, s.persons),
    property: perCapitaYuan(s.propertyFen, s.persons),
    transfer: perCapitaYuan(s.transferFen, s.persons),
    below8000: s.below,
    decreased: s.decreased,
    relocated: s.relocated,
    growth: round4(growth(pc, prevPc)),
    target: c.target,
    gapToTarget: g === null ? null : round2(g),
    provinceAverage: c.province,
    gapToProvince: gp === null ? null : round2(gp),
  };
}

function sumAll(rows: RegionSums[], code: string): RegionSums {
  const t: RegionSums = { code, households: 0, persons: 0, netFen: 0, wageFen: 0, businessFen: 0, propertyFen: 0, transferFen: 0, below: 0, decreased: 0, relocated: 0 };
  for (const r of rows) {
    for (const k of Object.keys(t) as Array<keyof RegionSums>) if (k !== 'code') (t[k] as number) += r[k] as number;
  }
  return t;
}

export function latestYear(db: Db): number | null {
  const years = incomeYears(db);
  return years.length ? (years[years.length - 1] ?? null) : null;
}

export interface StatsQuery {
  year?: number | undefined;
  by: StatsBy;
  county?: string | undefined;
  township?: string | undefined;
}

export function computeStats(db: Db, q: StatsQuery): StatsResult {
  const year = q.year ?? latestYear(db);
  if (year === null) throw new AppError('not-found', '数据库中还没有任何年度的收入数据，请先导入。');
  const f: ScopeFilter = { county: q.county, township: q.township };
  const sums = yearSums(db, year, q.by, belowLine(db, year), f);
  const prev = previousYearSums(db, year, q.by, f);
  const names = regionNames(db);
  const province = provinceAverage(db, year);
  const rows = sums.map((s) =>
    toStatsRow(s, { name: names.get(s.code) ?? '（未填村）', prev: prev.get(s.code), target: targetFor(db, year, s.code), province }),
  );
  const scopeCode = q.township ?? q.county ?? CITY.code;
  let prevNet = 0;
  let prevPersons = 0;
  for (const p of prev.values()) {
    prevNet += p.netFen;
    prevPersons += p.persons;
  }
  const total = toStatsRow(sumAll(sums, scopeCode), {
    name: names.get(scopeCode) ?? scopeCode,
    prev: prev.size ? { netFen: prevNet, persons: prevPersons } : undefined,
    target: targetFor(db, year, scopeCode),
    province,
  });
  return { year, by: q.by, rows, total };
}

function appInfo(db: Db, dbPath: string, readOnlyReason: string | null): AppInfo {
  const years = incomeYears(db);
  const counts = db.prepare('SELECT count(*) AS households, ifnull(sum(size), 0) AS persons FROM households').get() as { households: number; persons: number };
  return {
    dbPath,
    schemaVersion: schemaVersion(db),
    isDemo: getMeta(db, 'demo_scale') !== null,
    demoScale: getMeta(db, 'demo_scale'),
    years,
    latestYear: years.length ? (years[years.length - 1] ?? null) : null,
    households: counts.households,
    persons: counts.persons,
    readOnly: readOnlyReason !== null,
    readOnlyReason,
  };
}

export const statsHandlers: HandlersFor<typeof statsApi> = {
  'app:info': (ctx) => appInfo(ctx.db, ctx.dbPath, ctx.readOnlyReason),
  'stats:get': (ctx, args) => computeStats(ctx.db, args),
};

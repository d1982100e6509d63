/**
 * Demo incomes: each household has a lasting level (lognormal) and a yearly wobble, so some fall
 * below 8,000 and some fall year on year; then every county-year is scaled so that its
 * people-weighted per-capita net income is exactly the calibration figure.
 */
import { MONITORING_LINE_SEEDS } from '../../shared/cases/monitoring-line.ts';
import type { Db } from '../db/types.ts';
import { COMPONENT_SHARES, type CountyPlan } from './calibration.ts';
import type { Random } from './random.ts';

export interface DemoHousehold {
  id: number;
  county: string;
  size: number;
  labourers: number;
  /** Members on a 公益性岗位: the household's welfare-post wage is paid for them, never without one. */
  welfarePosts: number;
  relocated: boolean;
  monitored: boolean;
}

interface Raw {
  h: DemoHousehold;
  level: number;
  perCapita: number[];
}

function rawLevels(rng: Random, households: DemoHousehold[], years: readonly number[]): Raw[] {
  return households.map((h) => {
    let level = Math.exp(0.3 * rng.normal());
    if (h.labourers === 0) level *= 0.72;
    if (h.monitored) level *= 0.8;
    const perCapita = years.map((_, i) => level * Math.exp(0.11 * rng.normal() + 0.01 * i));
    return { h, level, perCapita };
  });
}

/** Factor per county and year that brings Σ net / Σ persons to the plan figure. */
function scaleFactors(raw: Raw[], counties: readonly CountyPlan[], years: readonly number[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of counties) {
    const mine = raw.filter((r) => r.h.county === c.code);
    const persons = mine.reduce((a, r) => a + r.h.size, 0);
    out.set(c.code, years.map((y, i) => {
      const weighted = mine.reduce((a, r) => a + (r.perCapita[i] as number) * r.h.size, 0);
      return ((c.perCapita[y] as number) * persons) / weighted;
    }));
  }
  return out;
}

/**
 * In a real ledger a household that falls under the monitoring line is identified as a monitoring
 * object (应纳尽纳), so an unmonitored one under it is a rare exception for 数据核查 (L09) to find, not
 * 4 % of the county. Such a draw is lifted to 1.08–1.58 × the line; the county scaling that follows
 * moves it by well under 1 %, which leaves a handful just under the line, as a real county has.
 */
/** The seeded line of the year (the one 数据核查 and cases use); a year without one takes the nearest seeded year's. */
function demoLine(year: number): number {
  const seeds = [...MONITORING_LINE_SEEDS].sort((a, b) => Math.abs(a.year - year) - Math.abs(b.year - year) || b.year - a.year);
  return (seeds[0] as (typeof seeds)[number]).value;
}

function liftUnmonitored(rng: Random, raw: Raw[], factors: Map<string, number[]>, lines: readonly number[]): void {
  for (const r of raw) {
    if (r.h.monitored) continue;
    const f = factors.get(r.h.county) as number[];
    r.perCapita.forEach((pc, i) => {
      const fi = f[i] as number;
      const line = lines[i] as number;
      if (pc * fi < line) r.perCapita[i] = (line * (1.08 + 0.5 * rng.next())) / fi;
    });
  }
}

/** Splits a household's net income (fen) into the four components; business gross carries its expense. */
function split(rng: Random, netFen: number, h: DemoHousehold): number[] {
  const drawn = h.labourers === 0 ? 0.1 * rng.next() : Math.max(0.15, COMPONENT_SHARES.wage + 0.14 * rng.normal());
  // A post pays a wage: a household whose only work is the post still has wage income to carry it.
  const wageShare = h.welfarePosts > 0 ? Math.max(drawn, 0.3) : drawn;
  const propShare = COMPONENT_SHARES.property * 2 * rng.next();
  const transferShare = h.labourers === 0 ? 0.45 + 0.2 * rng.next() : Math.max(0.03, COMPONENT_SHARES.transfer + 0.05 * rng.normal());
  const businessShare = Math.max(0.02, 1 - wageShare - propShare - transferShare);
  const sum = wageShare + propShare + transferShare + businessShare;
  const wage = Math.round((netFen * wageShare) / sum);
  const property = Math.round((netFen * propShare) / sum);
  const transfer = Math.round((netFen * transferShare) / sum);
  const businessNet = netFen - wage - property - transfer;
  const expense = Math.round(Math.max(0, businessNet) * (0.25 + 0.2 * rng.next()));
  // 6,000 元 a year per post (500 a month), capped by the household's wage income (a CHECK of the schema).
  const welfarePost = Math.min(wage, h.welfarePosts * 600_000);
  return [wage, welfarePost, businessNet + expense, expense, property, transfer];
}

export function writeIncomes(db: Db, rng: Random, households: DemoHousehold[], counties: readonly CountyPlan[], years: readonly number[]): void {
  const raw = rawLevels(rng, households, years);
  liftUnmonitored(rng, raw, scaleFactors(raw, counties, years), years.map(demoLine));
  const factors = scaleFactors(raw, counties, years);
  const insert = db.prepare(
    `INSERT INTO income_records (household_id, year, size, wage_fen, welfare_post_wage_fen, business_gross_fen, business_expense_fen, property_fen, transfer_fen)
     VALUES (?,?,?,?,?,?,?,?,?)`,
  );
  for (const r of raw) {
    const f = factors.get(r.h.county) as number[];
    years.forEach((y, i) => {
      const netFen = Math.round((r.perCapita[i] as number) * (f[i] as number) * r.h.size * 100);
      insert.run(r.h.id, y, r.h.size, ...split(rng, netFen, r.h));
    });
  }
}

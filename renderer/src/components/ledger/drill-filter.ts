/**
 * A drill-down link (增收分析 → 台账, `/ledger?county=…&below=1`) applied to the 户 tab's filters:
 * parsed by the one parser the CLI uses, then written into the store, replacing every filter so the
 * list shows exactly the households behind the figure clicked. A link that does not parse is
 * refused with its Chinese reason; nothing is applied half-way.
 */
import { HOUSEHOLD_KEYS, parseHouseholdFilter } from '../../../../shared/domain/list-filters.ts';
import { emptyHouseholdFilters, type HouseholdFilters } from './ledger-store.ts';

/** The query's filter pairs, or null when the query holds none (a plain visit). */
export function drillPairs(query: Record<string, unknown>): Array<[string, string]> | null {
  const pairs = Object.entries(query).filter(([k, v]) => k in HOUSEHOLD_KEYS && typeof v === 'string') as Array<[string, string]>;
  return pairs.length ? pairs : null;
}

export function drillFilters(pairs: Array<[string, string]>): HouseholdFilters {
  const p = parseHouseholdFilter(pairs);
  const region = [p.county ?? p.township?.slice(0, 6) ?? p.village?.slice(0, 6), p.township ?? p.village?.slice(0, 9), p.village].filter((c): c is string => !!c);
  return {
    ...emptyHouseholdFilters(),
    region,
    year: p.year ?? null,
    householdType: p.householdType ?? '',
    monitoringCategory: p.monitoringCategory ?? '',
    relocated: p.relocated === undefined ? '' : p.relocated ? 'yes' : 'no',
    below: p.below === true,
    decreased: p.decreased === true,
    minPerCapita: p.minPerCapita ?? null,
    maxPerCapita: p.maxPerCapita ?? null,
    perCapitaBelow: p.perCapitaBelow ?? null,
    q: p.q ?? '',
    sort: p.sort,
    dir: p.dir,
  };
}

/**
 * The scope of an analysis (city → county → township → village) and how it maps onto the `stats`
 * filters, so the view's rows are exactly those of `stats --by <child level>` for the same scope.
 */
import type { ScopeLevel, ScopeNode } from '../../shared/api/analysis.ts';
import type { StatsBy } from '../../shared/api/stats.ts';
import { CITY } from '../../shared/domain/regions.ts';
import { AppError } from '../../shared/errors.ts';
import type { ScopeFilter } from '../db/queries/stats.ts';

export const NO_VILLAGE_NAME = '（未填村）';

export interface Scope {
  node: ScopeNode;
  path: ScopeNode[];
  childLevel: StatsBy | null;
  filter: ScopeFilter;
}

const CHILD: Record<ScopeLevel, StatsBy | null> = { city: 'county', county: 'township', township: 'village', village: null };

function levelOf(code: string): ScopeLevel {
  if (code === CITY.code) return 'city';
  return code.length === 6 ? 'county' : code.length === 9 ? 'township' : 'village';
}

function nameOf(names: ReadonlyMap<string, string>, code: string, level: ScopeLevel): string | undefined {
  const name = names.get(code);
  // Households without a village are grouped under the township's code + 000 (see `stats`).
  if (name === undefined && level === 'village' && code.endsWith('000') && names.has(code.slice(0, 9))) return NO_VILLAGE_NAME;
  return name;
}

export function resolveScope(code: string, names: ReadonlyMap<string, string>): Scope {
  const level = levelOf(code);
  if (level === 'county' && !code.startsWith('6204')) throw new AppError('not-found', `区划 ${code} 不在白银市范围内`);
  const chain = level === 'city' ? [code] : [CITY.code, code.slice(0, 6), code.slice(0, 9), code].slice(0, { county: 2, township: 3, village: 4 }[level]);
  const path = chain.map((c) => {
    const l = levelOf(c);
    const name = nameOf(names, c, l);
    if (name === undefined) throw new AppError('not-found', `找不到区划 ${c}`);
    return { code: c, name, level: l };
  });
  const node = path[path.length - 1] as ScopeNode;
  const filter: ScopeFilter =
    level === 'city' ? {} : level === 'county' ? { county: code } : level === 'township' ? { township: code } : { village: code };
  return { node, path, childLevel: CHILD[level], filter };
}

/**
 * Region lookups for one import: counties and townships from the catalogue (with aliases, plus any
 * a user added to the database), villages from the database, created under their township when a
 * file names a new one (audited, so undo can remove it again).
 */
import { findCounty, findTownshipIn, normalizeRegionName, TOWNSHIPS, COUNTIES, type Region } from '../../shared/domain/regions.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/types.ts';
import { TUNING } from './limits.ts';

export interface TextRegions {
  countyCode: string | null;
  townshipCode: string | null;
}

function villageKey(name: string): string {
  const k = normalizeRegionName(name).replace(/(村委会|村民委员会|居委会|社区|村)$/, '');
  return k === '' ? name : k;
}

/** Memoised: a city file names a few thousand villages ~90,000 times (normalising was ~9 µs a call). */
const villageKeys = new Map<string, string>();
function cachedVillageKey(name: string): string {
  let k = villageKeys.get(name);
  if (k === undefined) {
    if (villageKeys.size > TUNING.regionCacheEntries) villageKeys.clear();
    villageKeys.set(name, (k = villageKey(name)));
  }
  return k;
}

export class RegionResolver {
  private readonly db: Db;
  private readonly townships: Region[];
  private readonly villages = new Map<string, Map<string, string>>();
  private readonly cache = new Map<string, string | null>();
  /**
   * The next free village number per township, known after the first village created there. A
   * first city import creates thousands of villages: a max() query and two prepares for each cost
   * ~25 µs a household. Forgotten whenever villages are deleted or rolled back, so a number is
   * always the one max() + 1 would give.
   */
  private readonly nextVillage = new Map<string, number>();
  private statements: { max: Statement; insert: Statement } | null = null;
  readonly created: string[] = [];

  constructor(db: Db) {
    this.db = db;
    const extra = (db.prepare(`SELECT code, name, parent_code AS parent, aliases FROM regions WHERE level = 'township'`).all() as Array<{ code: string; name: string; parent: string; aliases: string }>)
      .filter((r) => !TOWNSHIPS.some((t) => t.code === r.code))
      .map((r): Region => ({ code: r.code, name: r.name, parent: r.parent, level: 'township', aliases: JSON.parse(r.aliases) as string[] }));
    this.townships = [...TOWNSHIPS, ...extra];
    for (const v of db.prepare(`SELECT code, name, parent_code AS parent FROM regions WHERE level = 'village'`).all() as Array<{ code: string; name: string; parent: string }>) {
      this.villageMap(v.parent).set(villageKey(v.name), v.code);
    }
  }

  private villageMap(township: string): Map<string, string> {
    let m = this.villages.get(township);
    if (!m) this.villages.set(township, (m = new Map()));
    return m;
  }

  county(name: string): string | null {
    // Every household row names its county: normalising and matching it each time was ~3 µs.
    const key = `county|${name}`;
    let code = this.cache.get(key);
    if (code === undefined) this.remember(key, (code = findCounty(name)?.code ?? null));
    return code;
  }

  township(name: string, countyCode: string | null): string | null {
    const key = `${countyCode ?? ''}|${name}`;
    let code = this.cache.get(key);
    if (code === undefined) this.remember(key, (code = findTownshipIn(this.townships, name, countyCode ?? undefined)?.code ?? null));
    return code;
  }

  /** Bounded: a hostile file may name a different township on every row. */
  private remember(key: string, code: string | null): void {
    if (this.cache.size > TUNING.regionCacheEntries) this.cache.clear();
    this.cache.set(key, code);
  }

  townshipName(code: string): string {
    return this.townships.find((t) => t.code === code)?.name ?? code;
  }

  /** Finds county and township names inside free text (a title, a sheet or file name). */
  fromText(text: string): TextRegions {
    const county = COUNTIES.find((c) => text.includes(c.name) || text.includes(normalizeRegionName(c.name)))?.code ?? null;
    const hits = this.townships.filter((t) => (county === null || t.parent === county) &&
      [t.name, ...t.aliases, normalizeRegionName(t.name)].some((n) => n.length >= 2 && text.includes(n)));
    // Prefer the longest match: 新庄塬镇 over 新庄.
    const unique = [...new Set(hits.map((h) => h.code))];
    const township = unique.length === 1 ? unique[0]! : null;
    return { countyCode: county ?? (township ? township.slice(0, 6) : null), townshipCode: township };
  }

  /** The village's code under `township`, created when `create` is set and it is new. */
  village(township: string, name: string, create: boolean): string | null {
    const map = this.villageMap(township);
    const key = cachedVillageKey(name);
    const found = map.get(key);
    if (found || !create) return found ?? null;
    const st = (this.statements ??= {
      max: this.db.prepare(`SELECT max(CAST(substr(code, 10) AS INTEGER)) AS m FROM regions WHERE parent_code = ? AND level = 'village'`),
      insert: this.db.prepare(`INSERT INTO regions (code, level, name, parent_code, sort) VALUES (?, 'village', ?, ?, ?)`),
    });
    let next = this.nextVillage.get(township);
    if (next === undefined) next = Math.max((st.max.get(township) as { m: number | null }).m ?? 199, 199) + 1;
    if (next > 999) return null;
    const code = `${township}${String(next).padStart(3, '0')}`;
    st.insert.run(code, name.slice(0, 50), township, next);
    this.nextVillage.set(township, next + 1);
    map.set(key, code);
    this.created.push(code);
    return code;
  }

  /**
   * Deletes villages this import created that no household uses any more (their only household was
   * the earlier part of a split household, taken back), so a commit leaves no empty village behind.
   */
  dropUnused(): void {
    this.nextVillage.clear();
    const used = this.db.prepare('SELECT 1 FROM households WHERE township_code = ? AND village_code = ? LIMIT 1').pluck();
    const del = this.db.prepare(`DELETE FROM regions WHERE code = ? AND level = 'village'`);
    for (let i = this.created.length - 1; i >= 0; i--) {
      const code = this.created[i]!;
      if (used.get(code.slice(0, 9), code) !== undefined) continue;
      del.run(code);
      this.created.splice(i, 1);
      for (const m of this.villages.values()) for (const [k, v] of m) if (v === code) m.delete(k);
    }
  }

  /** Forgets villages created after the first `n` (their insert was rolled back with a household). */
  rollbackTo(n: number): void {
    this.nextVillage.clear();
    while (this.created.length > n) {
      const code = this.created.pop();
      for (const m of this.villages.values()) for (const [k, v] of m) if (v === code) m.delete(k);
    }
  }
}

/** The year written in a title or a name: "…2024年度…" or "2024年". */
export function yearFromText(text: string): number | null {
  const m = /(20\d{2})\s*年/.exec(text) ?? /(?:^|\D)(20\d{2})(?:\D|$)/.exec(text);
  const y = m ? Number(m[1]) : NaN;
  return y >= 2000 && y <= 2100 ? y : null;
}

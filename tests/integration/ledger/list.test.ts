/**
 * The ledger's list queries on a generated county database (会宁, ~4万 households): filters agree
 * with independent SQL and with `stats:get`, searches find what they should, paging is stable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdRow } from '../../../shared/api/ledger.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
let s: Session;
const YEAR = 2024;
const TOWNSHIP = '620422101';

beforeAll(() => {
  tmp = tempDir();
  s = demoSession(tmp.path('county.db'), 'county');
});
afterAll(async () => {
  await s.close();
  tmp.remove();
});

const one = <T>(sql: string, ...p: unknown[]): T => s.ctx.db.prepare(sql).get(...p) as T;

async function allPages(args: Record<string, unknown>, limit: number): Promise<HouseholdRow[]> {
  const out: HouseholdRow[] = [];
  for (let offset = 0; ; offset += limit) {
    const p = await s.call('ledger:households', { ...args, offset, limit, withTotal: false });
    out.push(...p.rows);
    if (p.rows.length < limit) return out;
  }
}

describe('ledger:regions', () => {
  it('offers only the regions that hold households, as a county → township → village tree', async () => {
    const tree = await s.call('ledger:regions', {});
    expect(tree.map((c) => c.name)).toEqual(['会宁县']);
    const townships = tree[0]?.children ?? [];
    expect(townships.length).toBe(one<{ n: number }>('SELECT count(DISTINCT township_code) AS n FROM households').n);
    const villages = townships.flatMap((t) => t.children ?? []);
    expect(villages.length).toBe(one<{ n: number }>('SELECT count(DISTINCT village_code) AS n FROM households').n);
    expect(villages.every((v) => v.level === 'village')).toBe(true);
  });
});

describe('ledger:households', () => {
  it('lists every household by code, with masked IDs and the year figures', async () => {
    const p = await s.call('ledger:households', { limit: 20 });
    const n = one<{ n: number }>('SELECT count(*) AS n FROM households').n;
    expect(p.total).toBe(n);
    expect(p.year).toBe(YEAR);
    expect(p.line).toBe(8000);
    const codes = p.rows.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    for (const r of p.rows) {
      expect(r.headIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      const rec = one<{ net_fen: number; size: number }>('SELECT net_fen, size FROM income_records WHERE household_id = ? AND year = ?', r.id, YEAR);
      // Shown to the fen: at most half a fen from the exact figure (a .xx5 case rounds either way by float).
      expect(Math.abs((r.perCapita as number) - rec.net_fen / rec.size / 100)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    expect(JSON.stringify(p)).not.toMatch(/\d{17}[\dX]/);
  });

  it('agrees with stats:get on the 两类群体 counts of a township', async () => {
    const stats = await s.call('stats:get', { year: YEAR, by: 'township', county: '620422' });
    const row = stats.rows.find((r) => r.code === TOWNSHIP);
    expect(row).toBeDefined();
    const count = async (f: Record<string, unknown>): Promise<number | null> =>
      (await s.call('ledger:households', { township: TOWNSHIP, year: YEAR, limit: 1, ...f })).total;
    expect(await count({ below: true })).toBe(row?.below8000);
    expect(await count({ decreased: true })).toBe(row?.decreased);
    expect(await count({ relocated: true })).toBe(row?.relocated);
    const below = await allPages({ township: TOWNSHIP, below: true }, 100);
    expect(below.every((r) => r.below === true && (r.perCapita ?? Infinity) < 8000.005)).toBe(true);
  });

  it('filters by region, type, monitoring category and income band', async () => {
    const t = await allPages({ township: TOWNSHIP, monitoringCategory: '脱贫不稳定户' }, 50);
    const expected = one<{ n: number }>(`SELECT count(*) AS n FROM households WHERE township_code = ? AND monitoring_category = '脱贫不稳定户'`, TOWNSHIP).n;
    expect(t.length).toBe(expected);
    expect(t.every((r) => r.monitoringCategory === '脱贫不稳定户' && r.township === '郭城驿镇')).toBe(true);
    const band = await allPages({ county: '620422', minPerCapita: 9000, maxPerCapita: 9500, sort: 'perCapita' }, 200);
    expect(band.length).toBeGreaterThan(10);
    expect(band.every((r) => r.perCapita !== null && r.perCapita >= 9000 && r.perCapita <= 9500)).toBe(true);
    const pcs = band.map((r) => r.perCapita as number);
    expect(pcs).toEqual([...pcs].sort((a, b) => a - b));
  });

  it('pages without overlap or gaps when the sort key ties', async () => {
    const whole = await s.call('ledger:households', { township: TOWNSHIP, sort: 'size', limit: 500, withTotal: true });
    const paged = await allPages({ township: TOWNSHIP, sort: 'size' }, 37);
    expect(paged.length).toBe(whole.total);
    expect(new Set(paged.map((r) => r.id)).size).toBe(paged.length);
    const keys = paged.map((r) => [r.size, r.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1] as readonly [number, number], keys[i] as readonly [number, number]];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])).toBe(true);
    }
  });

  it('sorting by per-capita keeps households without a record for the year, after the others', async () => {
    const ids = (s.ctx.db.prepare('SELECT id FROM households WHERE township_code = ? ORDER BY id LIMIT 3').all(TOWNSHIP) as Array<{ id: number }>).map((r) => r.id);
    s.ctx.db.prepare(`DELETE FROM income_records WHERE year = ? AND household_id IN (${ids.join(',')})`).run(YEAR);
    const total = one<{ n: number }>('SELECT count(*) AS n FROM households WHERE township_code = ?', TOWNSHIP).n;
    for (const dir of ['asc', 'desc'] as const) {
      const rows = await allPages({ township: TOWNSHIP, sort: 'perCapita', dir }, 64);
      expect(rows.length).toBe(total);
      const tail = rows.slice(-3);
      expect(tail.map((r) => r.perCapita)).toEqual([null, null, null]);
      expect(tail.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
      const pcs = rows.slice(0, -3).map((r) => r.perCapita as number);
      expect(pcs).toEqual([...pcs].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
    }
    const change = await allPages({ township: TOWNSHIP, sort: 'change' }, 500);
    expect(change.length).toBe(total);
  });
});

describe('search', () => {
  const sample = (): { name: string; id_number: string; code: string; hid: number } =>
    one('SELECT m.name, m.id_number, h.code, h.id AS hid FROM members m JOIN households h ON h.id = m.household_id WHERE m.id = 777');

  it('finds a household by full ID, also typed with spaces, full-width digits or a lowercase x', async () => {
    const m = sample();
    const messy = `${m.id_number.slice(0, 6)} ${m.id_number.slice(6).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}`.toLowerCase();
    for (const q of [m.id_number, messy]) {
      const p = await s.call('ledger:households', { q });
      expect(p.rows.map((r) => r.id)).toEqual([m.hid]);
    }
  });

  it('finds by the last 4 and 6 characters of the ID', async () => {
    const m = sample();
    for (const n of [4, 6]) {
      const tail = m.id_number.slice(-n);
      const hits = await s.call('ledger:find', { q: tail, limit: 200 });
      const expected = one<{ n: number }>(
        `SELECT count(DISTINCT household_id) AS n FROM members WHERE id_number LIKE ? OR household_id IN (SELECT id FROM households WHERE code LIKE ?)`,
        `%${tail}`, `${tail}%`,
      ).n;
      expect(hits.length).toBe(expected);
      expect(hits.some((h) => h.householdId === m.hid && h.idMasked?.endsWith(m.id_number.slice(-4)))).toBe(true);
    }
  });

  it('finds by member name prefix and by household code prefix', async () => {
    const m = sample();
    const byName = await allPages({ q: m.name }, 100);
    const expected = one<{ n: number }>('SELECT count(DISTINCT household_id) AS n FROM members WHERE name LIKE ?', `${m.name}%`).n;
    expect(byName.length).toBeGreaterThanOrEqual(expected);
    expect(byName.some((r) => r.id === m.hid)).toBe(true);
    const prefix = m.code.slice(0, 12);
    const byCode = await allPages({ q: prefix }, 100);
    expect(byCode.length).toBe(one<{ n: number }>('SELECT count(*) AS n FROM households WHERE code LIKE ?', `${prefix}%`).n);
    expect(byCode.every((r) => r.code.startsWith(prefix))).toBe(true);
  });

  it('treats % and _ as text, and an absent name as no hits', async () => {
    expect((await s.call('ledger:households', { q: '%' })).total).toBe(0);
    expect((await s.call('ledger:households', { q: '不存在的人名' })).total).toBe(0);
    expect(await s.call('ledger:find', { q: '___', limit: 10 })).toEqual([]);
  });
});

describe('ledger:members', () => {
  it('derives age and sex from the ID and filters by them', async () => {
    const p = await s.call('ledger:members', { township: TOWNSHIP, sex: '女', minAge: 60, maxAge: 69, limit: 200 });
    expect(p.rows.length).toBeGreaterThan(0);
    for (const r of p.rows) {
      expect(r.sex).toBe('女');
      expect(r.age).toBeGreaterThanOrEqual(60);
      expect(r.age).toBeLessThanOrEqual(69);
      expect(r.idMasked).toMatch(/^\d{6}\*{8}/);
    }
  });

  it('keyset pages equal offset pages in the household order', async () => {
    const base = { county: '620422', limit: 50, withTotal: false };
    const byOffset = await s.call('ledger:members', { ...base, offset: 150 });
    let page = await s.call('ledger:members', base);
    for (let i = 0; i < 3; i++) page = await s.call('ledger:members', { ...base, after: page.nextAfter ?? undefined });
    expect(page.rows.map((r) => r.id)).toEqual(byOffset.rows.map((r) => r.id));
  });
});

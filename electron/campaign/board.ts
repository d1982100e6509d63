/**
 * 年度采集 board: every township of a county with its submission state for the year, the batches
 * that brought its records, 采集率, refused rows, year-over-year counts and natural changes.
 */
import type { Db } from '../db/types.ts';
import type { BoardBatch, BoardResult, BoardRow } from '../../shared/api/campaign.ts';
import type { SubmissionState } from '../../shared/campaign/states.ts';
import { AppError } from '../../shared/errors.ts';
import { EMPTY_YOY, sumYoy, yoyByTownship } from './yoy.ts';

interface BatchRow { id: number; file_name: string; created_at: string; township: string; households: number; refused: number }

/** A batch belongs to every township whose records of the year it wrote (a county file spans many). */
function batchesByTownship(db: Db, year: number, county: string): Map<string, BoardBatch[]> {
  const rows = db.prepare(
    `SELECT b.id, b.file_name, b.created_at, h.township_code AS township, count(*) AS households,
       (SELECT count(*) FROM import_row_errors e WHERE e.batch_id = b.id AND e.severity = 'error') AS refused
     FROM import_batches b
     JOIN income_records r ON r.batch_id = b.id AND r.year = ?
     JOIN households h ON h.id = r.household_id AND h.county_code = ?
     WHERE b.status = 'committed'
     GROUP BY b.id, h.township_code ORDER BY b.id`,
  ).all(year, county) as BatchRow[];
  const out = new Map<string, BoardBatch[]>();
  for (const r of rows) {
    const list = out.get(r.township) ?? [];
    list.push({ id: r.id, fileName: r.file_name, createdAt: r.created_at, households: r.households, refused: r.refused });
    out.set(r.township, list);
  }
  return out;
}

function countsBy(db: Db, sql: string, ...params: unknown[]): Map<string, number> {
  const rows = db.prepare(sql).all(...params) as Array<{ t: string; n: number }>;
  return new Map(rows.map((r) => [r.t, r.n]));
}

/**
 * 已报送未导入 needs a receipt register (a file received but not imported); there is none yet, so a
 * township is 未报送 until it has records of the year (normally brought by a batch). 已完成: imported, nothing refused, no open
 * finding, every household of the ledger with a record for the year.
 */
function stateOf(r: Omit<BoardRow, 'state'>): SubmissionState {
  // Records of the year without an import batch (entered by hand, or the demo) still count as in:
  // calling such a township 未报送 while its 采集率 reads 100% would contradict the same row.
  if (r.batches.length === 0 && r.withIncome === 0) return '未报送';
  if (r.refusedRows > 0 || r.openFindings > 0) return '有问题待整改';
  return r.households > 0 && r.withIncome === r.households ? '已完成' : '已导入';
}

/** `openFindings`: township code → findings still open for the year (from the checks layer, via the service). */
export function campaignBoard(db: Db, year: number, county: string, jumpRate: number, openFindings: ReadonlyMap<string, number> = new Map()): BoardResult {
  const c = db.prepare(`SELECT name FROM regions WHERE code = ? AND level = 'county'`).get(county) as { name: string } | undefined;
  if (!c) throw new AppError('validation', `没有代码为 ${county} 的县区。`);
  const townships = db.prepare(`SELECT code, name FROM regions WHERE parent_code = ? AND level = 'township' ORDER BY sort, code`).all(county) as Array<{ code: string; name: string }>;
  const households = countsBy(db, 'SELECT township_code AS t, count(*) AS n FROM households WHERE county_code = ? GROUP BY t', county);
  const withIncome = countsBy(db, `SELECT h.township_code AS t, count(*) AS n FROM households h JOIN income_records r ON r.household_id = h.id AND r.year = ?
    WHERE h.county_code = ? GROUP BY t`, year, county);
  const changes = countsBy(db, 'SELECT township_code AS t, count(*) AS n FROM natural_changes WHERE year = ? AND county_code = ? GROUP BY t', year, county);
  const batches = batchesByTownship(db, year, county);
  const yoy = yoyByTownship(db, year, county, jumpRate);
  const rows: BoardRow[] = townships.map((t) => {
    const hh = households.get(t.code) ?? 0;
    const wi = withIncome.get(t.code) ?? 0;
    const bs = batches.get(t.code) ?? [];
    const base = {
      code: t.code, name: t.name, batches: bs, households: hh, withIncome: wi, rate: hh > 0 ? wi / hh : null,
      refusedRows: bs.reduce((s, b) => s + b.refused, 0), openFindings: openFindings.get(t.code) ?? 0, yoy: yoy.get(t.code) ?? { ...EMPTY_YOY },
      changes: changes.get(t.code) ?? 0,
    };
    return { ...base, state: stateOf(base) };
  });
  const sum = (f: (r: BoardRow) => number): number => rows.reduce((s, r) => s + f(r), 0);
  const th = sum((r) => r.households);
  const tw = sum((r) => r.withIncome);
  return {
    year, county, countyName: c.name, jumpRate, rows,
    total: {
      households: th, withIncome: tw, rate: th > 0 ? tw / th : null, refusedRows: sum((r) => r.refusedRows), openFindings: sum((r) => r.openFindings),
      yoy: sumYoy(rows.map((r) => r.yoy)), changes: sum((r) => r.changes),
    },
    reminders: rows.filter((r) => r.state === '未报送').map((r) => ({ code: r.code, name: r.name })),
  };
}

/**
 * One check run: every rule's query over the ledger (and department lists) of a year, merged into
 * check_findings by (rule, household:member, year). A finding found again keeps its state (an
 * exemption survives); a 已整改 answer that the data still contradicts is reopened and counted; a
 * finding no longer produced is closed by data, with the last import batch that touched the household.
 */
import { RULE_BY_CODE, renderMessage } from '../../shared/checks/catalogue.ts';
import { getSetting } from '../db/meta.ts';
import { monitoringLineOf, type LineRow } from '../db/queries/monitoring-line.ts';
import type { Db } from '../db/types.ts';
import { CROSS_RULES } from './rules-cross.ts';
import { LEDGER_RULES } from './rules-ledger.ts';
import { readThresholds } from './thresholds.ts';

export interface RunSummary {
  runId: number;
  year: number;
  found: number;
  added: number;
  reopened: number;
  closedByData: number;
  byRule: Record<string, number>;
  /** The monitoring line the `line` rules used (本单位's county, else city, else province), or null. */
  line: LineRow | null;
  /** Rules not run, because the year has no monitoring line: their findings stay as they were. */
  skipped: string[];
}

interface Hit { hid: number; mid: number | null; figures: string }

export function latestYear(db: Db): number | null {
  return (db.prepare('SELECT max(year) FROM income_records').pluck().get() as number | null) ?? null;
}

function collect(db: Db, year: number, line: LineRow | null): Map<string, { rule: string; hit: Hit }> {
  const params = { ...readThresholds(db), ...(line ? { lineYuan: line.value } : {}), y: year, py: year - 1 };
  const out = new Map<string, { rule: string; hit: Hit }>();
  for (const q of [...LEDGER_RULES, ...CROSS_RULES]) {
    if (!line && RULE_BY_CODE.get(q.code)?.line) continue;
    const stmt = db.prepare(q.sql);
    const used = Object.fromEntries(Object.entries(params).filter(([k]) => q.sql.includes(`:${k}`)));
    for (const hit of stmt.iterate(used) as Iterable<Hit>) {
      const key = `${q.code}|${hit.hid}:${hit.mid ?? ''}`;
      // One finding per person and rule even when two lists of the kind both name them.
      if (!out.has(key)) out.set(key, { rule: q.code, hit });
    }
  }
  return out;
}

/** Rules that need the monitoring line and cannot run without one. */
function lineRules(): string[] {
  return [...LEDGER_RULES, ...CROSS_RULES].map((q) => q.code).filter((c) => RULE_BY_CODE.get(c)?.line);
}

export function runChecks(db: Db, operator: string, year: number): RunSummary {
  const line = monitoringLineOf(db, year, getSetting(db, 'unit_county') || null);
  const skipped = line ? [] : lineRules();
  const hits = collect(db, year, line);
  const runId = Number(db.prepare('INSERT INTO check_runs (year, operator) VALUES (?, ?)').run(year, operator).lastInsertRowid);
  // A skipped rule found nothing because it did not run: its findings are neither touched nor closed.
  const existing = (db.prepare(`SELECT id, rule, fkey, state FROM check_findings WHERE year = ? AND state <> 'closed_by_data'`).all(year) as Array<{ id: number; rule: string; fkey: string; state: string }>)
    .filter((f) => !skipped.includes(f.rule));
  const known = new Map(existing.map((f) => [`${f.rule}|${f.fkey}`, f]));
  const hh = db.prepare('SELECT code, township_code FROM households WHERE id = ?');
  const insert = db.prepare(`INSERT INTO check_findings (rule, fkey, household_id, household_code, member_id, township_code, year, figures, message, first_run_id, last_run_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(rule, fkey, year) DO UPDATE SET state = 'open', figures = excluded.figures, message = excluded.message, last_run_id = excluded.last_run_id, closed_run_id = NULL, closed_batch_id = NULL`);
  const touch = db.prepare('UPDATE check_findings SET last_run_id = ?, figures = ?, message = ? WHERE id = ?');
  const reopen = db.prepare(`UPDATE check_findings SET state = 'open', reason = '答复已整改，但本次核查仍发现', last_run_id = ? WHERE id = ?`);
  const s: RunSummary = { runId, year, found: hits.size, added: 0, reopened: 0, closedByData: 0, byRule: {}, line, skipped };
  for (const [key, { rule, hit }] of hits) {
    s.byRule[rule] = (s.byRule[rule] ?? 0) + 1;
    const message = renderMessage(RULE_BY_CODE.get(rule)?.message ?? '', JSON.parse(hit.figures) as Record<string, unknown>);
    const f = known.get(key);
    if (f) {
      known.delete(key);
      if (f.state === 'fixed') { reopen.run(runId, f.id); s.reopened++; }
      touch.run(runId, hit.figures, message, f.id);
      continue;
    }
    const h = hh.get(hit.hid) as { code: string; township_code: string } | undefined;
    insert.run(rule, key.slice(rule.length + 1), hit.hid, h?.code ?? null, hit.mid, h?.township_code ?? null, year, hit.figures, message, runId, runId);
    s.added++;
  }
  s.closedByData = closeGone(db, [...known.values()].map((f) => f.id), runId);
  db.prepare('UPDATE check_runs SET counts = ? WHERE id = ?').run(JSON.stringify({ ...s, runId: undefined }), runId);
  return s;
}

/**
 * The batch that fixed it: the latest committed import batch made after the run that last found the
 * problem and touching the household (rows it wrote, or updates it logged in the audit). A household
 * corrected by hand in 台账 has none, and says so (NULL) rather than naming an older import.
 */
function closeGone(db: Db, ids: number[], runId: number): number {
  const close = db.prepare(`UPDATE check_findings SET state = 'closed_by_data', closed_run_id = ?, state_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
    closed_batch_id = (SELECT max(c.b) FROM (SELECT batch_id AS b FROM households WHERE id = check_findings.household_id
        UNION ALL SELECT batch_id FROM members WHERE household_id = check_findings.household_id
        UNION ALL SELECT batch_id FROM income_records WHERE household_id = check_findings.household_id
        UNION ALL SELECT batch_id FROM audit_log WHERE household_id = check_findings.household_id AND batch_id IS NOT NULL) c
      JOIN import_batches ib ON ib.id = c.b AND ib.status = 'committed'
      WHERE ib.created_at >= (SELECT created_at FROM check_runs WHERE id = check_findings.last_run_id)) WHERE id = ?`);
  for (const id of ids) close.run(runId, id);
  return ids.length;
}

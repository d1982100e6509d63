/** Department lists stored apart from the ledger, and how they match it by normalised ID. */
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import type { Db } from '../db/types.ts';
import type { SourceRead } from './source-read.ts';

export interface SourceMeta { dept: string; kind: string; asOf: string; fileName: string; sha256: string; operator: string }
export interface MatchReport { rows: number; matched: number; notInLedger: number; nameDiffers: number; invalidIds: number }
export interface SourceInfo extends SourceMeta { id: number; createdAt: string; counts: MatchReport }

export function storeSource(db: Db, meta: SourceMeta, read: SourceRead): number {
  const id = Number(db.prepare(`INSERT INTO check_sources (dept, kind, as_of, file_name, sha256, columns, operator) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(meta.dept, meta.kind, meta.asOf, meta.fileName, meta.sha256, JSON.stringify(read.columns), meta.operator).lastInsertRowid);
  const ins = db.prepare('INSERT INTO check_source_rows (source_id, row, id_raw, id_number, name, amount_fen, extra) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of read.rows) ins.run(id, r.row, r.idRaw, r.id, r.name, r.amountFen, JSON.stringify(r.extra));
  const counts = { ...matchReport(db, id), invalidIds: read.invalidIds.length };
  db.prepare('UPDATE check_sources SET counts = ? WHERE id = ?').run(JSON.stringify(counts), id);
  return id;
}

export function matchReport(db: Db, sourceId: number): MatchReport {
  const r = db.prepare(`SELECT count(*) AS rows,
      sum(m.id IS NOT NULL) AS matched,
      sum(s.id_number IS NOT NULL AND m.id IS NULL) AS notInLedger,
      sum(m.id IS NOT NULL AND s.name IS NOT NULL AND s.name <> m.name) AS nameDiffers,
      sum(s.id_number IS NULL) AS invalidIds
    FROM check_source_rows s LEFT JOIN members m ON m.id_number = s.id_number WHERE s.source_id = ?`).get(sourceId) as Record<string, number | null>;
  return { rows: r.rows ?? 0, matched: r.matched ?? 0, notInLedger: r.notInLedger ?? 0, nameDiffers: r.nameDiffers ?? 0, invalidIds: r.invalidIds ?? 0 };
}

export function listSources(db: Db): SourceInfo[] {
  return (db.prepare('SELECT * FROM check_sources ORDER BY id').all() as Array<Record<string, unknown>>).map((s) => ({
    id: s.id as number, dept: s.dept as string, kind: s.kind as string, asOf: s.as_of as string, fileName: s.file_name as string,
    sha256: s.sha256 as string, operator: s.operator as string, createdAt: s.created_at as string, counts: JSON.parse(s.counts as string) as MatchReport,
  }));
}

/** Rows of a source that differ from the ledger, IDs masked. */
export function sourceMismatches(db: Db, sourceId: number, limit = 200): Array<{ row: number; id: string; name: string | null; issue: string }> {
  const rows = db.prepare(`SELECT s.row, s.id_raw, s.id_number, s.name, m.name AS ledger_name FROM check_source_rows s
    LEFT JOIN members m ON m.id_number = s.id_number WHERE s.source_id = ? AND (m.id IS NULL OR s.name <> m.name) ORDER BY s.row LIMIT ?`).all(sourceId, limit) as Array<Record<string, string | number | null>>;
  return rows.map((r) => ({
    row: r.row as number, id: maskIdNumber(String(r.id_number ?? r.id_raw)), name: r.name as string | null,
    issue: r.id_number === null ? '证件号码无效' : r.ledger_name === null ? '不在台账中' : `姓名不符（台账：${String(r.ledger_name)}）`,
  }));
}

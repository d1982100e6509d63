/** Batch records, their row issues, and the saved column mappings (per township, or the default). */
import { maskIdsInText } from '../../shared/domain/id-in-text.ts';
import type { FieldKey } from '../../shared/domain/import-headers.ts';
import type { FileReport, ImportBatch, ImportCounts, ImportIssue } from '../../shared/api/import.ts';
import type { AuditEntry } from '../db/audit.ts';
import type { Db } from '../db/types.ts';
import type { MappingOverrides } from './check/header.ts';

export function saveBatch(db: Db, audit: (e: AuditEntry) => void, batchId: number, r: FileReport, overrides: MappingOverrides, sink: { errors: readonly ImportIssue[]; warnings: readonly ImportIssue[] }, createdRegions: readonly string[]): void {
  const mapping = {
    overrides,
    sheets: r.sheets.filter((s) => s.skipped === null).map((s) => ({ name: s.name, headerRows: s.headerRows, columns: Object.fromEntries(s.columns.map((c) => [c.header, c.field])) })),
  };
  const accepted = r.consistency.accepted && r.consistency.message ? r.consistency.message : null;
  const counts = { households: r.households, members: r.members, errorCount: r.errorCount, warningCount: r.warningCount, rowsRead: r.rowsRead, acceptedMismatch: accepted };
  db.prepare(`UPDATE import_batches SET county_code = ?, township_code = ?, year = ?, mapping = ?, counts = ? WHERE id = ?`)
    .run(r.countyCode, r.townshipCode, r.year, JSON.stringify(mapping), JSON.stringify(counts), batchId);
  const ins = db.prepare(`INSERT INTO import_row_errors (batch_id, severity, sheet, row, col, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // Stored with the batch closed (#24): ID numbers in the messages are masked; the township's own
  // file still holds them, and the row number says where.
  for (const e of sink.errors) ins.run(batchId, 'error', e.sheet, Math.max(1, e.row), e.column, e.code, maskIdsInText(e.message));
  for (const w of sink.warnings) ins.run(batchId, 'warning', w.sheet, Math.max(1, w.row), w.column, w.code, maskIdsInText(w.message));
  for (const code of createdRegions) audit({ action: 'import:region', table: 'regions', key: code, batchId });
  if (accepted) {
    const checks = r.consistency.checks.filter((c) => c.tripped).map((c) => ({ kind: c.kind, compared: c.compared, mismatched: c.mismatched }));
    audit({ action: 'import:accept-mismatch', table: 'import_batches', key: batchId, batchId, detail: { file: r.file, checks, message: accepted } });
  }
  audit({ action: 'import:commit', table: 'import_batches', key: batchId, batchId, detail: { file: r.file, sha256: r.sha256, ...counts } });
}

interface BatchRow {
  id: number; file_name: string; sha256: string; county: string | null; township: string | null; year: number | null;
  counts: string; status: 'committed' | 'undone'; operator: string; created_at: string; undone_at: string | null;
}

const none = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0, refused: 0 });

export function listBatches(db: Db, limit: number): ImportBatch[] {
  const rows = db.prepare(`
    SELECT b.id, b.file_name, b.sha256, c.name AS county, t.name AS township, b.year, b.counts, b.status, b.operator, b.created_at, b.undone_at
    FROM import_batches b LEFT JOIN regions c ON c.code = b.county_code LEFT JOIN regions t ON t.code = b.township_code
    ORDER BY b.id DESC LIMIT ?`).all(limit) as BatchRow[];
  return rows.map((r) => {
    const c = JSON.parse(r.counts) as Partial<{ households: ImportCounts; members: ImportCounts; errorCount: number; warningCount: number; acceptedMismatch: string | null }>;
    return {
      id: r.id, fileName: r.file_name, sha256: r.sha256, county: r.county, township: r.township, year: r.year,
      households: c.households ?? none(), members: c.members ?? none(), errorCount: c.errorCount ?? 0, warningCount: c.warningCount ?? 0,
      status: r.status, operator: r.operator, createdAt: r.created_at, undoneAt: r.undone_at, acceptedMismatch: c.acceptedMismatch ?? null,
    };
  });
}

export function batchIssues(db: Db, batchId: number): { errors: ImportIssue[]; warnings: ImportIssue[] } {
  const rows = db.prepare(`SELECT severity, sheet, row, col, code, message FROM import_row_errors WHERE batch_id = ? ORDER BY id`).all(batchId) as
    Array<{ severity: string; sheet: string; row: number; col: string | null; code: string; message: string }>;
  const to = (r: (typeof rows)[number]): ImportIssue => ({ sheet: r.sheet, row: r.row, column: r.col ?? '', code: r.code, message: r.message });
  return { errors: rows.filter((r) => r.severity === 'error').map(to), warnings: rows.filter((r) => r.severity === 'warning').map(to) };
}

export function templateKey(township: string | null): string {
  return township ? `township:${township}` : 'default';
}

/** The default mapping overlaid with the township's own. */
export function templateFor(db: Db, township: string | null): Record<string, FieldKey | null> {
  const get = (key: string): Record<string, FieldKey | null> => {
    const row = db.prepare('SELECT mapping FROM import_templates WHERE key = ?').get(key) as { mapping: string } | undefined;
    return row ? (JSON.parse(row.mapping) as Record<string, FieldKey | null>) : {};
  };
  return { ...get('default'), ...(township ? get(templateKey(township)) : {}) };
}

export function saveTemplate(db: Db, audit: (e: AuditEntry) => void, township: string | null, mapping: MappingOverrides): string {
  const key = templateKey(township);
  const old = db.prepare('SELECT mapping FROM import_templates WHERE key = ?').get(key) as { mapping: string } | undefined;
  db.prepare(`INSERT INTO import_templates (key, township_code, mapping) VALUES (?, ?, ?)
    ON CONFLICT(key) DO UPDATE SET mapping = excluded.mapping, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`).run(key, township, JSON.stringify(mapping));
  audit({ action: 'import:template', table: 'import_templates', key, old: old?.mapping ?? null, new: JSON.stringify(mapping) });
  return key;
}

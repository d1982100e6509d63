/** Runs the import services the way the CLI does: start the job, await its outcomes. */
import type { FileOutcome, FileReport } from '../../../shared/api/import.ts';
import { isFileFailure } from '../../../shared/api/import.ts';
import type { Session } from '../../../electron/services/session.ts';

export async function importFiles(s: Session, mode: 'preview' | 'commit', paths: string[], extra: { year?: number; mapping?: Record<string, string | null> } = {}): Promise<FileOutcome[]> {
  const { jobId } = await s.call(mode === 'commit' ? 'import:commit' : 'import:preview', { paths, ...extra });
  return s.call('import:result', { jobId });
}

export async function importOne(s: Session, mode: 'preview' | 'commit', path: string, extra: { year?: number; mapping?: Record<string, string | null> } = {}): Promise<FileReport> {
  const [o] = await importFiles(s, mode, [path], extra);
  if (!o || isFileFailure(o)) throw new Error(`import failed: ${JSON.stringify(o)}`);
  return o;
}

/** A snapshot of everything an import can touch, to prove a refusal changed nothing. */
export function snapshot(s: Session): string {
  const db = s.ctx.db;
  const q = (sql: string): unknown[] => db.prepare(sql).all();
  return JSON.stringify([
    q('SELECT * FROM households ORDER BY id'), q('SELECT * FROM members ORDER BY id'), q('SELECT * FROM income_records ORDER BY household_id, year'),
    q(`SELECT code, name FROM regions WHERE level = 'village' ORDER BY code`), q('SELECT id, status FROM import_batches ORDER BY id'),
  ]);
}

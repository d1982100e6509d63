/** The schema as text, for comparing a migrated database with the committed snapshot. */
import type { Db } from '../../electron/db/types.ts';

export function schemaSnapshot(db: Db): string {
  const rows = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
  return rows.map((r) => `-- ${r.type} ${r.name} on ${r.tbl_name}\n${r.sql ?? '(implicit)'};\n`).join('\n');
}

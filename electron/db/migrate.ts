/**
 * Runs the schema steps (migrations/index.ts) a database has not had yet, each in its own
 * transaction together with the record of its name in `schema_migrations`. A database that records a
 * step this app does not know was made by a newer release and is refused, whatever its numbers say.
 *
 * Names instead of numbers: steps written at the same time on different branches cannot collide on
 * a number or land "below" a database's version; a step is applied exactly when its name is absent.
 */
import { LEGACY_NAMES, MIGRATIONS, SCHEMA_VERSION } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';
import type { Db } from './types.ts';

const TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  applied_at TEXT NOT NULL
) STRICT`;

const KNOWN = new Set(MIGRATIONS.map((m) => m.name));

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function hasObject(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM sqlite_schema WHERE name = ?').get(name) !== undefined;
}

/**
 * What a database from before named steps has had: the first `user_version` legacy steps. Two of
 * them were once numbered out of order during development (ledger-indexes, analysis), so a database
 * may carry the number without the step: their last object decides. This bridge runs once per file.
 */
function legacyApplied(db: Db): string[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  const markers: Record<string, string> = { 'ledger-indexes': 'household_year_figures_county_flags', analysis: 'analysis_dirty' };
  return LEGACY_NAMES.slice(0, version).filter((name) => !markers[name] || hasObject(db, markers[name]));
}

/** The names of the steps a database has had (read-only: works on a read-only connection). */
export function appliedMigrations(db: Db): string[] {
  if (!hasTable(db, 'schema_migrations')) return legacyApplied(db);
  return (db.prepare('SELECT name FROM schema_migrations ORDER BY seq').pluck().all() as string[]);
}

/**
 * Steps the database records that this app does not know (a newer release made it). A user_version
 * above this app's count says the same: every release keeps it equal to its steps applied.
 */
export function unknownMigrations(db: Db): string[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tooNew = version > SCHEMA_VERSION ? [`user_version ${version}`] : [];
  if (!hasTable(db, 'schema_migrations')) return tooNew;
  return [...appliedMigrations(db).filter((name) => !KNOWN.has(name)), ...tooNew];
}

export function pendingMigrations(db: Db): Migration[] {
  const applied = new Set(appliedMigrations(db));
  return MIGRATIONS.filter((m) => !applied.has(m.name));
}

function record(db: Db, name: string): void {
  db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))").run(name);
  // Kept equal to the steps applied, so an older release (which compares user_version) refuses this file.
  const count = db.prepare('SELECT count(*) FROM schema_migrations').pluck().get() as number;
  db.pragma(`user_version = ${Math.min(count, SCHEMA_VERSION)}`);
}

/** Records the legacy steps of a file from before named steps, in one transaction with the table. */
function adoptLegacy(db: Db): void {
  if (hasTable(db, 'schema_migrations')) return;
  const legacy = legacyApplied(db);
  db.transaction(() => {
    db.exec(TABLE);
    for (const name of legacy) record(db, name);
  }).immediate();
}

/** Runs every pending step in list order; returns the names applied now. */
export function migrate(db: Db): string[] {
  adoptLegacy(db);
  const done: string[] = [];
  for (const m of pendingMigrations(db)) {
    db.transaction(() => {
      m.up(db);
      record(db, m.name);
    }).immediate();
    done.push(m.name);
  }
  return done;
}

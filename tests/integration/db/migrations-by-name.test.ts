/**
 * Schema steps recorded by name: an empty file gets exactly the committed schema, a ledger made by
 * the last release with numbered steps (a v7 file committed as a fixture) upgrades in place with its
 * data, and a file recording a step this app does not know is refused untouched.
 */
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../electron/db/connection.ts';
import { appliedMigrations, pendingMigrations } from '../../../electron/db/migrate.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/db/migrations/index.ts';
import { schemaSnapshot } from '../../helpers/schema-snapshot.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'db');
const SNAPSHOT = join(FIXTURES, 'schema.snapshot.sql');

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const count = (db: Database.Database, sql: string): number => db.prepare(sql).pluck().get() as number;

describe('migrations recorded by name', () => {
  it('migrates an empty database to exactly the committed schema snapshot', () => {
    const db = openDatabase(tmp.path('empty.db'));
    const snap = schemaSnapshot(db);
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(SNAPSHOT, snap);
    // Regenerate after adding a step: UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run tests/integration/db/migrations-by-name.test.ts
    expect(snap).toBe(readFileSync(SNAPSHOT, 'utf8'));
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('upgrades a ledger made by the last numbered release (user_version 7) in place, keeping its data', () => {
    const path = tmp.path('v7.db');
    copyFileSync(join(FIXTURES, 'v7-release.db'), path);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(7);
    const before = ['households', 'members', 'income_records', 'audit_log'].map((t) => count(raw, `SELECT count(*) FROM ${t}`));
    raw.close();

    const db = openDatabase(path);
    expect(appliedMigrations(db).slice(0, 7)).toEqual(['init', 'ledger-indexes', 'import', 'analysis', 'matrix-scope', 'cheap-checks', 'id-digits']);
    expect(pendingMigrations(db)).toEqual([]);
    expect(['households', 'members', 'income_records', 'audit_log'].map((t) => count(db, `SELECT count(*) FROM ${t}`))).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Same tables, indexes and triggers as a new file: the upgrade path and the fresh path agree.
    const fresh = openDatabase(tmp.path('fresh.db'));
    expect(schemaSnapshot(db)).toBe(schemaSnapshot(fresh));
    fresh.close();
    db.close();
    // Opening again applies nothing.
    const again = openDatabase(path);
    expect(count(again, 'SELECT count(*) FROM schema_migrations')).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a database that records a step this app does not know, and leaves it as it was', () => {
    const path = tmp.path('newer.db');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('from-a-newer-release', 'now')").run();
    raw.close();
    expect(() => openDatabase(path)).toThrowError(/更新版本的软件创建.*from-a-newer-release/);
    const check = new Database(path, { readonly: true });
    expect(count(check, 'SELECT count(*) FROM schema_migrations')).toBe(MIGRATIONS.length + 1);
    check.close();
  });

  it('has unique names, and no step imports another step', () => {
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    const dir = join(import.meta.dirname, '..', '..', '..', 'electron', 'db', 'migrations');
    for (const file of readFileSync(join(dir, 'index.ts'), 'utf8').match(/'\.\/[^']+\.ts'/g) ?? []) {
      const name = file.slice(3, -1);
      if (name === 'types.ts') continue;
      const imports = readFileSync(join(dir, name), 'utf8').match(/from '\.\/[^']+'/g) ?? [];
      expect(imports.filter((i) => i !== "from './types.ts'"), name).toEqual([]);
    }
  });
});

/**
 * A backup's manifest (#24): a small JSON file beside every backup (`<backup>.manifest.json`) that
 * describes it without the key, so the backup list and the restore dialog can say when it was taken,
 * by which version, how many households it holds and where its audit log ends, even for an
 * encrypted backup on another PC. It holds counts and hashes only, never personal data. The manifest
 * is a description, not a proof: restore still verifies the backup itself, and a manifest whose size
 * does not match its file is reported as not matching.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import pkg from '../../package.json' with { type: 'json' };
import type { BackupManifest, ManifestRead } from '../../shared/api/system.ts';
import type { Db } from './types.ts';

export type { BackupManifest, ManifestRead };

export const MANIFEST_FORMAT = 'income-ledger-backup/1';

export function manifestPathFor(backupPath: string): string {
  return `${backupPath}.manifest.json`;
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Gathers what the manifest says from an open (keyed) copy. */
export function describeCopy(db: Db): Omit<BackupManifest, 'bytes' | 'createdAt' | 'encrypted'> {
  const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  return {
    format: MANIFEST_FORMAT,
    appVersion: pkg.version,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    counts: {
      households: count(db, 'households'),
      members: count(db, 'members'),
      incomeRecords: count(db, 'income_records'),
      importBatches: count(db, 'import_batches'),
      auditEntries: count(db, 'audit_log'),
    },
    auditHead: head ? { id: head.id, hash: head.hash } : null,
  };
}

export function writeManifest(backupPath: string, description: Omit<BackupManifest, 'bytes' | 'createdAt'>): BackupManifest {
  const manifest: BackupManifest = { ...description, createdAt: new Date().toISOString(), bytes: statSync(backupPath).size };
  writeFileSync(manifestPathFor(backupPath), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return manifest;
}

/** Updates the size and encryption flag after a backup was rekeyed in place (encrypt-backups.ts). */
export function refreshManifest(backupPath: string, encrypted: boolean): void {
  const { manifest } = readManifest(backupPath);
  if (!manifest) return;
  writeFileSync(manifestPathFor(backupPath), `${JSON.stringify({ ...manifest, encrypted, bytes: statSync(backupPath).size }, null, 2)}\n`, 'utf8');
}

function isManifest(v: unknown): v is BackupManifest {
  const m = v as Partial<BackupManifest> | null;
  return !!m && m.format === 'income-ledger-backup/1' && typeof m.createdAt === 'string' && typeof m.bytes === 'number' && typeof m.counts === 'object' && m.counts !== null;
}

/** Reads a backup's manifest; never throws (a backup without one is still a backup). */
export function readManifest(backupPath: string): ManifestRead {
  const path = manifestPathFor(backupPath);
  if (!existsSync(path)) return { manifest: null, problem: '此备份没有说明文件（旧版本软件创建或说明文件已被删除）。' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { manifest: null, problem: `备份说明文件 ${path} 无法读取或已损坏。` };
  }
  if (!isManifest(parsed)) return { manifest: null, problem: `备份说明文件 ${path} 格式不对。` };
  if (!existsSync(backupPath) || statSync(backupPath).size !== parsed.bytes) {
    return { manifest: parsed, problem: '备份文件的大小与说明文件不符，说明可能不属于这个备份。' };
  }
  return { manifest: parsed, problem: null };
}

export function removeManifest(backupPath: string): void {
  rmSync(manifestPathFor(backupPath), { force: true });
}

import { z } from 'zod';
import { method } from './define.ts';
import { FilePath } from './common.ts';
import type { AuditChainResult } from './audit.ts';

/** Written beside every backup (`<backup>.manifest.json`), readable without the key (#24). */
export interface BackupManifest {
  format: 'income-ledger-backup/1';
  /** UTC time the copy was finished. */
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  encrypted: boolean;
  /** Size of the backup file when the manifest was written. */
  bytes: number;
  counts: { households: number; members: number; incomeRecords: number; importBatches: number; auditEntries: number };
  /** The last audit entry in the backup (null for an empty log). */
  auditHead: { id: number; hash: string } | null;
}

export interface ManifestRead {
  manifest: BackupManifest | null;
  /** Why the manifest is missing or cannot be trusted (Chinese, for the user); null when it matches. */
  problem: string | null;
}

export interface BackupEntry {
  path: string;
  name: string;
  at: string;
  /** What the backup was taken before: import, undo, restore, migration-v1, manual… */
  reason: string;
  bytes: number;
  /** The backup's manifest, read without the key. */
  described: ManifestRead;
}

export interface SystemInfo {
  dbPath: string;
  dbBytes: number;
  walBytes: number;
  schemaVersion: number;
  appSchemaVersion: number;
  sqliteVersion: string;
  readOnly: boolean;
  readOnlyReason: string | null;
  backupDir: string;
  backupKeep: number;
  backups: BackupEntry[];
  /** Space the automatic backups take, in bytes. */
  backupBytes: number;
}

export interface IntegrityReport {
  kind: 'quick' | 'full';
  ok: boolean;
  problems: string[];
  foreignKeyProblems: number;
  audit: AuditChainResult;
  ms: number;
}

export interface BackupResult {
  path: string;
  bytes: number;
  schemaVersion: number;
}

export interface RestoreResult {
  restoredFrom: string;
  /** The automatic backup of the state before the restore (null when that state was damaged and moved aside). */
  previousBackup: string | null;
  /** Where a damaged database was moved, if it was. */
  damagedMovedTo: string | null;
  schemaVersion: number;
  /** Audit entries made after the backup, carried into the restored log (the history is never lost). */
  carriedEntries: number;
}

export const systemApi = {
  'system:info': method<SystemInfo>()(z.object({}).strict()),
  'system:check': method<IntegrityReport>()(z.object({ full: z.boolean().default(false) }).strict()),
  /** Without a path a save dialog asks; null when the user cancels. */
  'system:backup': method<BackupResult | null>()(z.object({ path: FilePath.optional() }).strict()),
  /** Without a path an open dialog asks; null when the user cancels. */
  'system:restore': method<RestoreResult | null>()(z.object({ path: FilePath.optional() }).strict()),
  /** Reads a backup file's manifest (for the restore dialog, before anything is changed). */
  'system:describeBackup': method<ManifestRead>()(z.object({ path: FilePath }).strict()),
  'system:revealBackups': method<null>()(z.object({}).strict()),
};

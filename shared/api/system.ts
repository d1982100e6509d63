import { z } from 'zod';
import { method } from './define.ts';
import { FilePath } from './common.ts';
import type { AuditChainResult } from './audit.ts';

export interface BackupEntry {
  path: string;
  name: string;
  at: string;
  /** What the backup was taken before: import, undo, restore, migration-v1, manual… */
  reason: string;
  bytes: number;
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
  'system:revealBackups': method<null>()(z.object({}).strict()),
};

/**
 * 设置 → 备份与恢复 / 数据库: information about the live file, integrity checks, manual backup to a
 * chosen file, and restore from one. Backup and restore run in the exclusive write queue, so they
 * never interleave with an import; both are audited. A restore first backs up the current state
 * (or, when it is damaged, moves it aside untouched), so a restore can itself be undone.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupResult, IntegrityReport, RestoreResult, SystemInfo, systemApi } from '../../shared/api/system.ts';
import { AppError } from '../../shared/errors.ts';
import { resolveOperator, verifyAuditChain } from '../db/audit.ts';
import { backupDirFor, backupKeep, backupTo, listRotation, restoreInto, rotateBackup, rotationName, verifyCopy } from '../db/backup.ts';
import { openDatabase, schemaVersion } from '../db/connection.ts';
import { stagingPathFor, stageRestore } from '../db/restore.ts';
import { readManifest } from '../db/backup-manifest.ts';
import { checkIntegrity } from '../db/integrity.ts';
import { currentLedgerKey } from '../db/cipher.ts';
import { SCHEMA_VERSION } from '../db/migrations/index.ts';
import type { HandlersFor, ServiceContext } from './context.ts';
import { auditIfWritable } from './writes.ts';
import { systemReason } from '../../shared/humanize-error.ts';

const DB_FILTERS = [{ name: '台账数据库', extensions: ['db', 'sqlite', 'sqlite3', 'bak'] }];

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

export function systemInfo(ctx: ServiceContext): SystemInfo {
  const backups = listRotation(ctx.dbPath).map((e) => ({ ...e, described: readManifest(e.path) }));
  return {
    dbPath: ctx.dbPath,
    dbBytes: sizeOf(ctx.dbPath),
    walBytes: sizeOf(`${ctx.dbPath}-wal`),
    schemaVersion: schemaVersion(ctx.db),
    appSchemaVersion: SCHEMA_VERSION,
    sqliteVersion: (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    readOnly: ctx.readOnlyReason !== null,
    readOnlyReason: ctx.readOnlyReason,
    backupDir: backupDirFor(ctx.dbPath),
    backupKeep: backupKeep(ctx.db),
    backups,
    backupBytes: backups.reduce((sum, b) => sum + b.bytes, 0),
  };
}

export function integrityReport(ctx: ServiceContext, full: boolean): IntegrityReport {
  const check = checkIntegrity(ctx.db, full ? 'full' : 'quick');
  const started = performance.now();
  let fk = 0;
  let audit: IntegrityReport['audit'];
  try {
    fk = (ctx.db.pragma('foreign_key_check') as unknown[]).length;
    audit = verifyAuditChain(ctx.db);
  } catch (e) {
    audit = { ok: false, entries: 0, brokenAt: null, reason: `无法读取审计日志：${systemReason(e)}` };
  }
  return { kind: check.kind, ok: check.ok, problems: check.problems, foreignKeyProblems: fk, audit, ms: check.ms + Math.round(performance.now() - started) };
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

async function manualBackup(ctx: ServiceContext, path: string | undefined): Promise<BackupResult | null> {
  // Asked first: the dialog should not open for someone who cannot complete the action.
  const operator = ctx.readOnlyReason === null ? resolveOperator(ctx) : null;
  const dest = path ?? (await ctx.platform.saveFile({ title: '备份数据库到…', defaultName: `台账备份-${today()}.db`, filters: DB_FILTERS }));
  if (!dest) return null;
  const { done } = ctx.jobs.start('backup', () => backupTo(ctx.db, dest, 'full'), { exclusive: true });
  const copy = await done;
  auditIfWritable(ctx, operator, { action: 'backup', detail: { path: dest, bytes: copy.bytes, schemaVersion: copy.schemaVersion } });
  return { path: copy.path, bytes: copy.bytes, schemaVersion: copy.schemaVersion };
}

/** Where a damaged live file (and its WAL) is kept for inspection: a name the rotation ignores. */
function damagedAsideName(ctx: ServiceContext): string {
  return join(backupDirFor(ctx.dbPath), `damaged-${rotationName(ctx.dbPath, 'restore')}`);
}

/**
 * The damaged live file (and its WAL) is copied aside, never moved: a restore killed at any point
 * must still leave a ledger at its path (moving it first left none when the copy back was cut).
 */
function copyDamagedAside(ctx: ServiceContext, aside: string): void {
  if (ctx.db.open) ctx.db.close();
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(ctx.dbPath + suffix)) copyFileSync(ctx.dbPath + suffix, aside + suffix);
  }
}

/**
 * The restored file replaces the damaged one by a rename (atomic on one disk). The old WAL goes
 * first: left beside the new file it would be replayed into it. Its copy is kept aside.
 */
async function replaceDamaged(ctx: ServiceContext, staging: string): Promise<void> {
  const dropWal = (): void => {
    for (const suffix of ['-wal', '-shm']) rmSync(ctx.dbPath + suffix, { force: true });
  };
  if (currentLedgerKey() !== null) {
    dropWal();
    await restoreInto(ctx.dbPath, staging); // already writes a temp file and renames it
    return;
  }
  const tmp = join(dirname(ctx.dbPath), `.${basename(ctx.dbPath)}.restoring-${process.pid}-${Date.now()}.tmp`);
  try {
    copyFileSync(staging, tmp);
    dropWal();
    renameSync(tmp, ctx.dbPath);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** A failed restore over a damaged file leaves things as they were: the damaged file, read-only. */
function putDamagedBack(ctx: ServiceContext, aside: string): void {
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(aside + suffix) && !existsSync(ctx.dbPath + suffix)) copyFileSync(aside + suffix, ctx.dbPath + suffix);
  }
  ctx.db = openDatabase(ctx.dbPath, { readonly: true, mustExist: true });
}

/**
 * The backup is staged with the live audit history carried over and the restore's own entry (see
 * db/restore.ts), then written over the live file in one SQLite transaction.
 */
async function restoreNow(ctx: ServiceContext, source: string, operator: string): Promise<RestoreResult> {
  const verified = verifyCopy(source, 'full');
  const damaged = ctx.readOnlyReason !== null;
  const previousBackup = damaged ? null : (await rotateBackup(ctx.db, ctx.dbPath, 'restore')).path;
  const damagedMovedTo = damaged ? damagedAsideName(ctx) : null;
  const staging = stagingPathFor(ctx.dbPath);
  // A damaged ledger gets no pre-restore backup, so its backup folder may not exist yet.
  mkdirSync(dirname(staging), { recursive: true });
  try {
    const carried = stageRestore(ctx.db, source, staging, operator, (c) => ({
      action: 'restore',
      detail: { from: source, schemaVersion: verified.schemaVersion, previousBackup, damagedMovedTo, carriedEntries: c.count, sharedUpTo: c.sharedUpTo, previousHead: c.previousHead, historyUnreadable: c.unreadable },
    }));
    if (damagedMovedTo) copyDamagedAside(ctx, damagedMovedTo);
    // An encrypted ledger is restored by replacing its file (db/restore-encrypted.ts): close around it.
    const swap = !damaged && currentLedgerKey() !== null;
    if (swap) ctx.db.close();
    try {
      await (damagedMovedTo ? replaceDamaged(ctx, staging) : restoreInto(ctx.dbPath, staging));
    } catch (e) {
      if (damagedMovedTo) putDamagedBack(ctx, damagedMovedTo);
      if (swap) ctx.db = openDatabase(ctx.dbPath, { mustExist: true });
      throw e;
    }
    if (damaged || swap) {
      ctx.db = openDatabase(ctx.dbPath, { mustExist: true });
      ctx.readOnlyReason = null;
    }
    const check = checkIntegrity(ctx.db, 'quick');
    if (!check.ok) throw new AppError('db-unreadable', `恢复后的数据库未通过完整性检查：${check.problems[0] ?? ''}。恢复前的数据已备份在 ${previousBackup ?? damagedMovedTo ?? ''}。`);
    ctx.emit('data:changed', { reason: 'restore' });
    return { restoredFrom: source, previousBackup, damagedMovedTo, schemaVersion: schemaVersion(ctx.db), carriedEntries: carried.count };
  } finally {
    rmSync(staging, { force: true });
  }
}

/** The operator of a damaged database may be unreadable; the CLI's --operator or a fixed label then stands in. */
function restoreOperator(ctx: ServiceContext): string {
  try {
    return resolveOperator(ctx);
  } catch (e) {
    if (ctx.readOnlyReason === null) throw e;
    return ctx.operator ?? '（数据库损坏时恢复）';
  }
}

async function manualRestore(ctx: ServiceContext, path: string | undefined): Promise<RestoreResult | null> {
  const operator = restoreOperator(ctx);
  const source = path ?? (await ctx.platform.openFiles({ title: '选择要恢复的备份文件', filters: DB_FILTERS, multiple: false }))[0];
  if (!source) return null;
  const { done } = ctx.jobs.start('restore', () => restoreNow(ctx, source, operator), { exclusive: true });
  return done;
}

export const systemHandlers: HandlersFor<typeof systemApi> = {
  'system:info': (ctx) => systemInfo(ctx),
  'system:check': (ctx, args) => integrityReport(ctx, args.full),
  'system:backup': (ctx, args) => manualBackup(ctx, args.path),
  'system:restore': (ctx, args) => manualRestore(ctx, args.path),
  'system:describeBackup': (_ctx, args) => readManifest(args.path),
  'system:revealBackups': (ctx) => {
    ctx.platform.showItemInFolder(existsSync(backupDirFor(ctx.dbPath)) ? backupDirFor(ctx.dbPath) : ctx.dbPath);
    return null;
  },
};

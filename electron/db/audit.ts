/**
 * The append-only audit trail. Every change is written here in the same transaction as the change
 * itself; each entry's hash covers the previous entry's hash, so editing or removing any entry
 * (which the triggers already refuse) breaks the chain and `verifyAuditChain` finds where. Since
 * step 011 the hash is an HMAC with the installation's key (audit-key.ts), kept outside the file:
 * rewriting entries and recomputing the chain needs that key. The chain's head is also anchored
 * outside the file (audit-anchor.ts), which finds a cut-off tail or an emptied log.
 */
import { createHash } from 'node:crypto';
import { anchorProblem } from './audit-anchor.ts';
import { auditKeyId, currentAuditKey, macOf } from './audit-key.ts';
import type { AuditAction } from '../../shared/audit-actions.ts';
import { maskIdsInText } from '../../shared/domain/id-in-text.ts';
import { normalizeText } from '../../shared/domain/text-normalize.ts';
import { hasIdTables, idRefWriter } from './audit-ids.ts';
import { AppError } from '../../shared/errors.ts';
import { getSetting } from './meta.ts';
import type { Db } from './types.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: AuditAction;
  table?: string | null;
  key?: string | number | null;
  field?: string | null;
  old?: unknown;
  new?: unknown;
  householdId?: number | null;
  batchId?: number | null;
  detail?: unknown;
  /** Only for entries carried over a restore (db/restore.ts): they keep when and by whom they were made. */
  at?: string;
  operator?: string;
}

/** One row of `audit_log` as stored (also read by db/restore.ts to carry entries over). */
export interface StoredEntry {
  id: number;
  at: string;
  operator: string;
  action: string;
  table_name: string | null;
  row_key: string | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  household_id: number | null;
  batch_id: number | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
  /** Absent before step 011. */
  chain?: 'sha256' | 'hmac';
}

/** The operator for a change: the CLI's `--operator`, else the name saved in 设置; required. */
export function resolveOperator(ctx: { db: Db; operator?: string | undefined }): string {
  const name = (ctx.operator ?? getSetting(ctx.db, 'operator') ?? '').trim();
  if (!name) throw new AppError('operator-required', '请先在“设置”中填写操作员姓名，之后的每项修改都会记录操作员。');
  return name;
}

// Every text column goes through normalizeText, so the hash covers exactly the characters SQLite stores
// (a lone surrogate would otherwise be hashed as JS keeps it and stored as U+FFFD: a false 篡改).
function asText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return normalizeText(typeof v === 'string' ? v : JSON.stringify(v));
}

function optText(v: string | null | undefined): string | null {
  return v === undefined || v === null ? null : normalizeText(v);
}

/** The entry's hash over its stored columns (also used by audit-minimise.ts to re-link the chain). */
export function hashOf(e: Omit<StoredEntry, 'id' | 'hash' | 'chain'>, chain: 'sha256' | 'hmac', key?: Buffer): string {
  const canonical = JSON.stringify([
    e.at, e.operator, e.action, e.table_name, e.row_key, e.field, e.old_value, e.new_value,
    e.household_id, e.batch_id, e.detail, e.prev_hash,
  ]);
  return chain === 'hmac' ? macOf(canonical, key) : createHash('sha256').update(canonical).digest('hex');
}

function hasChainColumn(db: Db): boolean {
  return (db.prepare("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'chain'").pluck().get() as number) > 0;
}

/** Records which key signs this file's chain (once), so another key is named as such, not as 篡改. */
function noteKeyId(db: Db, id: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('audit_key_id', ?) ON CONFLICT(key) DO NOTHING").run(id);
}

/** Writes one audit entry; `resync()` after rolling back to a savepoint re-reads the chain head. */
export type AuditWriter = ((e: AuditEntry) => void) & { resync(): void };

/** Returns a writer bound to one transaction: it keeps the chain head in memory, so a 10k-entry import pays one lookup. */
export function auditWriter(db: Db, operator: string): AuditWriter {
  const head = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const readHead = (): string => (head.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
  let prev = readHead();
  const key = currentAuditKey();
  noteKeyId(db, auditKeyId(key));
  const insert = db.prepare(
    `INSERT INTO audit_log (at, operator, action, table_name, row_key, field, old_value, new_value, household_id, batch_id, detail, prev_hash, hash, chain)
     VALUES (@at, @operator, @action, @table_name, @row_key, @field, @old_value, @new_value, @household_id, @batch_id, @detail, @prev_hash, @hash, 'hmac')`,
  );
  // Before step 'audit-minimised' (a migration or restore staging in between) values stay as given.
  const refs = hasIdTables(db) ? idRefWriter(db, key) : null;
  const mask = refs ? maskIdsInText : (v: string | null): string | null => v;
  const write = (e: AuditEntry): void => {
    const full = {
      row_key: e.key === undefined || e.key === null ? null : normalizeText(String(e.key)),
      old_value: asText(e.old),
      new_value: asText(e.new),
      detail: e.detail === undefined ? null : normalizeText(JSON.stringify(e.detail)),
    };
    const row = {
      at: e.at ?? new Date().toISOString(),
      operator: normalizeText(e.operator ?? operator),
      action: e.action,
      table_name: optText(e.table),
      row_key: mask(full.row_key),
      field: optText(e.field),
      old_value: mask(full.old_value),
      new_value: mask(full.new_value),
      household_id: e.householdId ?? null,
      batch_id: e.batchId ?? null,
      detail: mask(full.detail),
      prev_hash: prev,
    };
    const hash = hashOf(row, 'hmac', key);
    const id = Number(insert.run({ ...row, hash }).lastInsertRowid);
    refs?.(id, row, full);
    prev = hash;
  };
  // Entries rolled back with a savepoint are gone: the next one must link to what is really stored.
  return Object.assign(write, { resync: (): void => { prev = readHead(); } });
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not match, if any. */
  brokenAt: number | null;
  reason: string | null;
}

function keyMismatch(db: Db): boolean {
  const stored = db.prepare("SELECT value FROM meta WHERE key = 'audit_key_id'").pluck().get() as string | undefined;
  return stored !== undefined && stored !== auditKeyId();
}

/** The entries' own chain: links, hashes, and no unkeyed entry after a keyed one. */
export function verifyEntries(db: Db): ChainCheck & { head: { id: number; hash: string } | null } {
  let prev = GENESIS_HASH;
  let n = 0;
  let keyed = false;
  let head: { id: number; hash: string } | null = null;
  const key = hasChainColumn(db) ? currentAuditKey() : undefined;
  const fail = (id: number, reason: string): ChainCheck & { head: null } => ({ ok: false, entries: n, brokenAt: id, reason, head: null });
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredEntry>) {
    n++;
    const chain = row.chain ?? 'sha256';
    if (row.prev_hash !== prev) return fail(row.id, `第 ${row.id} 条的前序哈希与上一条不符（有记录被删除或插入）`);
    if (chain === 'sha256' && keyed) return fail(row.id, `第 ${row.id} 条是不带密钥的记录，却排在带密钥的记录之后（审计链被改写）`);
    const { id: _id, hash, chain: _c, ...rest } = row;
    if (hashOf(rest, chain, key) !== hash) {
      if (chain === 'hmac' && keyMismatch(db)) return fail(row.id, `审计日志由另一把审计密钥签名（在另一台电脑上写入，或本机的审计密钥已更换），本机无法验证第 ${row.id} 条。请使用写入这份台账时的审计密钥文件（--audit-key-file）。`);
      return fail(row.id, `第 ${row.id} 条的内容与其哈希不符（记录被篡改）`);
    }
    keyed ||= chain === 'hmac';
    prev = hash;
    head = { id: row.id, hash };
  }
  return { ok: true, entries: n, brokenAt: null, reason: null, head };
}

/** The chain and its anchor: what `audit --verify`, `check` and 设置 → 数据库 report. */
export function verifyAuditChain(db: Db, dbPath: string = db.name): ChainCheck {
  const { head: _head, ...entries } = verifyEntries(db);
  if (!entries.ok) return entries;
  const problem = anchorProblem(db, dbPath, entries.entries);
  return problem ? { ok: false, entries: entries.entries, brokenAt: null, reason: problem } : entries;
}

/**
 * The append-only audit trail. Every change is written here in the same transaction as the change
 * itself; each entry's hash covers the previous entry's hash, so editing or removing any entry
 * (which the triggers already refuse) breaks the chain and `verifyAuditChain` finds where.
 */
import { createHash } from 'node:crypto';
import type { AuditAction } from '../../shared/audit-actions.ts';
import { normalizeText } from '../../shared/domain/text-normalize.ts';
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

interface StoredEntry {
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

function hashOf(e: Omit<StoredEntry, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([
    e.at, e.operator, e.action, e.table_name, e.row_key, e.field, e.old_value, e.new_value,
    e.household_id, e.batch_id, e.detail, e.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Writes one audit entry; `resync()` after rolling back to a savepoint re-reads the chain head. */
export type AuditWriter = ((e: AuditEntry) => void) & { resync(): void };

/** Returns a writer bound to one transaction: it keeps the chain head in memory, so a 10k-entry import pays one lookup. */
export function auditWriter(db: Db, operator: string): AuditWriter {
  const head = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const readHead = (): string => (head.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
  let prev = readHead();
  const insert = db.prepare(
    `INSERT INTO audit_log (at, operator, action, table_name, row_key, field, old_value, new_value, household_id, batch_id, detail, prev_hash, hash)
     VALUES (@at, @operator, @action, @table_name, @row_key, @field, @old_value, @new_value, @household_id, @batch_id, @detail, @prev_hash, @hash)`,
  );
  const write = (e: AuditEntry): void => {
    const row = {
      at: e.at ?? new Date().toISOString(),
      operator: normalizeText(e.operator ?? operator),
      action: e.action,
      table_name: optText(e.table),
      row_key: e.key === undefined || e.key === null ? null : normalizeText(String(e.key)),
      field: optText(e.field),
      old_value: asText(e.old),
      new_value: asText(e.new),
      household_id: e.householdId ?? null,
      batch_id: e.batchId ?? null,
      detail: e.detail === undefined ? null : normalizeText(JSON.stringify(e.detail)),
      prev_hash: prev,
    };
    const hash = hashOf(row);
    insert.run({ ...row, hash });
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

export function verifyAuditChain(db: Db): ChainCheck {
  let prev = GENESIS_HASH;
  let n = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredEntry>) {
    n++;
    if (row.prev_hash !== prev) return { ok: false, entries: n, brokenAt: row.id, reason: `第 ${row.id} 条的前序哈希与上一条不符（有记录被删除或插入）` };
    const { id: _id, hash, ...rest } = row;
    if (hashOf(rest) !== hash) return { ok: false, entries: n, brokenAt: row.id, reason: `第 ${row.id} 条的内容与其哈希不符（记录被篡改）` };
    prev = hash;
  }
  return { ok: true, entries: n, brokenAt: null, reason: null };
}

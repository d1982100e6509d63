/**
 * The audit chain's head, anchored outside the database (issue #18 item 3): a small side file
 * `<ledger>.audit-anchor` holding the last entry's id and hash, signed with the audit key. Entries
 * can be cut off the end of the log, or all deleted, without breaking the chain that remains; the
 * anchor says how far the log reached. It is written after each call that added entries, never
 * over an anchor the log no longer extends (the evidence is kept). After a restore the anchored
 * entry is found among the carried ones (by its original id and hash), or named as the head the
 * restore replaced.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { auditKeyId, macOf } from './audit-key.ts';
import type { Db } from './types.ts';

export interface Anchor {
  v: 1;
  id: number;
  hash: string;
  keyId: string;
  at: string;
  mac: string;
}

export function anchorPathFor(dbPath: string): string | null {
  return dbPath === '' || dbPath === ':memory:' ? null : `${dbPath}.audit-anchor`;
}

const signed = (id: number, hash: string): string => `income-ledger audit anchor:${id}:${hash}`;

export function readAnchor(path: string): Anchor | 'unreadable' | null {
  if (!existsSync(path)) return null;
  try {
    const a = JSON.parse(readFileSync(path, 'utf8')) as Anchor;
    return Number.isInteger(a.id) && typeof a.hash === 'string' && typeof a.mac === 'string' ? a : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function head(db: Db): { id: number; hash: string } | null {
  return (db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined) ?? null;
}

/** True when the log still holds the anchored entry, or a restore recorded that it replaced it. */
function extends_(db: Db, a: Anchor): boolean {
  const at = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(a.id) as string | undefined;
  if (at === a.hash) return true;
  // The anchored entry was carried over a restore (db/restore.ts keeps its original id and hash).
  if (db.prepare("SELECT 1 FROM audit_log WHERE json_extract(detail, '$.carried.hash') = ? AND json_extract(detail, '$.carried.id') = ?").get(a.hash, a.id) !== undefined) return true;
  // A restore replaced the anchored head, or minimising the log's IDs re-linked it (audit-minimise.ts).
  return db.prepare("SELECT 1 FROM audit_log WHERE (action = 'restore' OR action = 'audit:minimised') AND json_extract(detail, '$.previousHead.hash') = ? AND json_extract(detail, '$.previousHead.id') = ?").get(a.hash, a.id) !== undefined;
}

/** Why the log does not reach its anchor, or null when it does (or there is no anchor). */
export function anchorProblem(db: Db, dbPath: string, entries: number): string | null {
  const path = anchorPathFor(dbPath);
  const a = path ? readAnchor(path) : null;
  if (a === null || path === null) return null;
  const replaced = `若这份台账文件是有意替换的，请删除锚点文件 ${basename(path)} 后再检查。`;
  if (a === 'unreadable') return `审计锚点文件 ${path} 无法读取（已损坏或被改动）。${replaced}`;
  if (macOf(signed(a.id, a.hash)) !== a.mac) {
    return a.keyId !== auditKeyId()
      ? `审计锚点由另一把审计密钥写入，本机无法核对（在另一台电脑上写入，或本机的审计密钥已更换）。`
      : `审计锚点文件 ${path} 的签名不符（锚点被改动）。`;
  }
  if (extends_(db, a)) return null;
  const last = head(db);
  if (last === null || last.id < a.id) return `审计日志末尾被截断或被清空：锚点记录到第 ${a.id} 条，现在只有 ${entries} 条。${replaced}`;
  return `审计日志第 ${a.id} 条与锚点记录的不同（审计链被改写）。${replaced}`;
}

/** Moves the anchor to the log's head when the head moved on from it; never over evidence. */
export function anchorHead(db: Db, dbPath: string): void {
  const path = anchorPathFor(dbPath);
  const h = head(db);
  if (path === null || h === null) return;
  const a = readAnchor(path);
  if (a !== null && a !== 'unreadable' && a.id === h.id && a.hash === h.hash) return;
  if (a === 'unreadable' || (a !== null && (macOf(signed(a.id, a.hash)) !== a.mac || !extends_(db, a)))) return;
  const next: Anchor = { v: 1, id: h.id, hash: h.hash, keyId: auditKeyId(), at: new Date().toISOString(), mac: macOf(signed(h.id, h.hash)) };
  // Temp name + rename: a kill leaves the old anchor or the new one, and litter.ts sweeps the temp.
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, `${JSON.stringify(next)}\n`);
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

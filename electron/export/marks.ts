/**
 * What every exported form says about its data (issue #21): where the figures come from and how
 * current they are, and — when the database is the generated demo — a 演示数据 mark in the title
 * and in the printed page header, so a demo figure can never pass for a real one once it has left
 * the app.
 */
import { basename } from 'node:path';
import { getMeta } from '../db/meta.ts';
import type { Db } from '../db/types.ts';

export interface BookMarks {
  demo: boolean;
  /** 数据来源 / 数据截至 line written above the signatures; null writes none. */
  note: string | null;
}

export const DEMO_TITLE_SUFFIX = '（演示数据）';
/** Excel/WPS page header codes: centred, bold, 12 pt. */
export const DEMO_PAGE_HEADER = '&C&"-,Bold"&12演示数据　非真实台账　不得上报';
export const NO_MARKS: BookMarks = { demo: false, note: null };

export function isDemo(db: Db): boolean {
  return getMeta(db, 'demo_scale') !== null;
}

/** YYYY-MM-DD… → 2024年6月30日. */
export function isoToCn(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/**
 * The latest moment the ledger's figures changed: the newest committed import, income record or
 * household edit. Timestamps are UTC ISO text, so the text maximum is the latest.
 */
export function dataAsOf(db: Db): string | null {
  const row = db.prepare(`SELECT max(t) AS t FROM (
      SELECT max(created_at) AS t FROM import_batches WHERE status = 'committed'
      UNION ALL SELECT max(updated_at) FROM income_records
      UNION ALL SELECT max(updated_at) FROM households)`).get() as { t: string | null };
  return row.t;
}

/** 数据来源：… the database file by name (never its folder: the form leaves the machine). */
export function sourceText(db: Db): string {
  if (isDemo(db)) return '演示数据库（程序随机生成，不是真实台账）';
  const file = db.name && db.name !== ':memory:' ? basename(db.name) : '';
  return `脱贫人口增收台账${file ? `（${file}）` : ''}`;
}

/**
 * The note line. It starts with 说明：, which the importer takes for a note footer, so a ledger
 * export imported into another copy of the app skips it like the signatures.
 */
export function dataNote(db: Db, extra?: string): string {
  const asOf = dataAsOf(db);
  const parts = [`数据来源：${sourceText(db)}`, `数据截至：${asOf ? isoToCn(asOf) : '无数据'}（最近一次导入或修改）`];
  if (extra) parts.push(extra);
  return `说明：${parts.join('；')}`;
}

export function formMarks(db: Db): BookMarks {
  return { demo: isDemo(db), note: dataNote(db) };
}

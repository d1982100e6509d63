/**
 * What a decided step writes back to the household in the ledger, so the 监测对象 fields other forms
 * read (防止返贫监测对象情况表) agree with the case: 县级审定 sets the category, risk types and 识别监测时间;
 * 风险消除 sets 风险是否已消除, 消除方式 and 消除监测时间. Each changed field is audited and listed in the
 * step's result, so nothing changes in the ledger unseen.
 */
import type { Db } from '../db/types.ts';
import type { AuditWriter } from '../db/audit.ts';
import type { CaseState } from '../../shared/cases/states.ts';

const LABELS: Record<string, string> = {
  monitoring_category: '监测对象类别', risk_types: '风险类型', identified_ym: '识别监测时间',
  risk_eliminated: '风险是否已消除', elimination_method: '风险消除方式', eliminated_ym: '消除监测时间',
};

interface Target { household_id: number | null; category: string | null; risk_types: string }

export function syncLedger(db: Db, audit: AuditWriter, s: Target, a: { to: CaseState; date: string; method?: string | undefined }): string[] {
  if (s.household_id === null) return [];
  const ym = a.date.slice(0, 4) + a.date.slice(5, 7);
  let patch: Record<string, string | number | null> = {};
  if (a.to === '县级审定') {
    patch = { monitoring_category: s.category, identified_ym: ym, risk_eliminated: 0 };
    if (s.risk_types !== '[]') patch.risk_types = s.risk_types;
  } else if (a.to === '风险消除') {
    patch = { risk_eliminated: 1, elimination_method: a.method ?? null, eliminated_ym: ym };
  } else {
    return [];
  }
  const current = db.prepare('SELECT * FROM households WHERE id = ?').get(s.household_id) as Record<string, unknown> | undefined;
  if (!current) return [];
  const changed = Object.entries(patch).filter(([col, v]) => current[col] !== v);
  if (changed.length === 0) return [];
  db.prepare(`UPDATE households SET ${changed.map(([c]) => `${c} = ?`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`)
    .run(...changed.map(([, v]) => v), s.household_id);
  for (const [col, v] of changed) {
    audit({ action: 'ledger:update', table: 'households', key: s.household_id, field: col, old: current[col] ?? null, new: v, householdId: s.household_id,
      detail: { reason: `监测流程：${a.to}` } });
  }
  return changed.map(([col, v]) => `${LABELS[col] ?? col}：${fmt(current[col])} → ${fmt(v)}`);
}

function fmt(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (v === 0) return '否';
  if (v === 1) return '是';
  if (typeof v === 'string' && v.startsWith('[')) return (JSON.parse(v) as string[]).join('、') || '（空）';
  return String(v);
}

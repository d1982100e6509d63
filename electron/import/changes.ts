/**
 * The change report: every field an import changes in place, old → new, per household and member.
 * It is read from the batch's own audit entries (the writer audits each change with its old value),
 * so the preview (inside the transaction it then rolls back), the committed batch's history and
 * undo all see exactly the same list. Changes a split household's revert took back are left out.
 */
import type { ImportChange } from '../../shared/api/import.ts';
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import type { Db } from '../db/types.ts';

const LABELS: Readonly<Record<string, string>> = {
  code: '户编号', county_code: '县区', township_code: '乡镇', village_code: '行政村', group_name: '组', head_name: '户主姓名',
  head_id_number: '户主证件号码', size: '家庭人口数', household_type: '户类型', poverty_attribute: '脱贫户属性', monitoring_category: '监测对象类别',
  risk_types: '风险类型', identified_ym: '识别监测时间', risk_eliminated: '风险是否已消除', elimination_method: '风险消除方式', eliminated_ym: '消除监测时间',
  relocated: '是否易地搬迁户', phone: '联系电话', note: '备注', household_id: '所在户', name: '姓名', id_type: '证件类型', id_extra: '证件附加号',
  person_code: '人口编号', relation: '与户主关系', labour: '劳动技能', health: '健康状况', education: '文化程度', student_status: '在校生状况',
  work_place_class: '务工区域', work_months: '务工时间(月)', welfare_post: '是否公益性岗位', wage_fen: '工资性收入', welfare_post_wage_fen: '公益性岗位收入',
  business_gross_fen: '生产经营性收入', business_expense_fen: '生产经营性支出', business_net_fen: '经营净收入', property_fen: '财产性收入', transfer_fen: '转移性收入',
};
const YES_NO = new Set(['risk_eliminated', 'relocated', 'welfare_post']);

/** Entries still in effect: not followed by a revert of their household in the same batch. */
const LIVE = `FROM audit_log l WHERE l.batch_id = ? AND (l.action = 'import:remove' OR (l.action = 'import:update' AND l.field <> 'updated_at'))
  AND NOT EXISTS (SELECT 1 FROM audit_log k WHERE k.batch_id = l.batch_id AND k.action = 'import:revert-household' AND k.household_id = l.household_id AND k.id > l.id)`;

interface Entry { action: string; table_name: string; row_key: string; field: string | null; old_value: string | null; new_value: string | null; household_id: number | null }

function shown(db: Db, col: string, v: string | null): string | null {
  if (v === null || v === '') return null;
  if (col.endsWith('_fen')) return (Number(v) / 100).toFixed(2);
  if (YES_NO.has(col)) return v === '1' ? '是' : '否';
  if (col === 'head_id_number') return maskIdNumber(v);
  if (col === 'risk_types') return (JSON.parse(v) as string[]).join('、') || null;
  if (col.endsWith('_code') && col !== 'code') return (db.prepare('SELECT name FROM regions WHERE code = ?').pluck().get(v) as string | undefined) ?? v;
  return v;
}

function memberOf(db: Db, e: Entry): string | null {
  if (e.table_name !== 'members') return null;
  const m = db.prepare('SELECT name, id_number FROM members WHERE id = ?').get(Number(e.row_key)) as { name: string; id_number: string } | undefined;
  if (m) return `${m.name}（${maskIdNumber(m.id_number)}）`;
  // A member the batch removed (and undo has not put back): its audited row is the old value.
  const row = e.old_value?.startsWith('{') ? (JSON.parse(e.old_value) as { name?: string; id_number?: string }) : undefined;
  return row?.name ? `${row.name}${row.id_number ? `（${maskIdNumber(row.id_number)}）` : ''}` : `成员 #${e.row_key}`;
}

function describe(db: Db, e: Entry, households: Map<number, { code: string; head: string }>): ImportChange {
  const hid = e.household_id ?? 0;
  let h = households.get(hid);
  if (!h) {
    const r = db.prepare('SELECT code, head_name FROM households WHERE id = ?').get(hid) as { code: string; head_name: string } | undefined;
    households.set(hid, (h = { code: r?.code ?? '', head: r?.head_name ?? '' }));
  }
  const year = e.table_name === 'income_records' ? `${e.row_key.split(':')[1] ?? ''} 年` : '';
  if (e.action === 'import:remove') return { householdCode: h.code, headName: h.head, member: memberOf(db, e), field: '成员', old: '在册', new: '已移除（更正后的名单中不再列出）' };
  const col = e.field ?? '';
  return { householdCode: h.code, headName: h.head, member: memberOf(db, e), field: `${year}${LABELS[col] ?? col}`, old: shown(db, col, e.old_value), new: shown(db, col, e.new_value) };
}

/** The batch's changes, grouped by household, the first `limit` of them, and how many there are in all. */
export function batchChanges(db: Db, batchId: number, limit: number): { changes: ImportChange[]; total: number } {
  const total = db.prepare(`SELECT count(*) ${LIVE}`).pluck().get(batchId) as number;
  if (total === 0) return { changes: [], total };
  const rows = db.prepare(`SELECT l.action, l.table_name, l.row_key, l.field, l.old_value, l.new_value, l.household_id ${LIVE}
    ORDER BY l.household_id, l.id LIMIT ?`).all(batchId, limit) as Entry[];
  const households = new Map<number, { code: string; head: string }>();
  return { changes: rows.map((e) => describe(db, e, households)), total };
}

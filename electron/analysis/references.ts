/**
 * The reference values editor (设置 → 参考值): the stored values plus the empty slots a steward is
 * expected to fill (province averages by year and component, the monitoring floor), shown as
 * 未填写 rather than guessed. Every change is audited in the same transaction.
 */
import type { RefRow } from '../../shared/api/analysis.ts';
import type { RefKind, RefMetric } from '../../shared/domain/references.ts';
import { CITY } from '../../shared/domain/regions.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuditWriter } from '../db/audit.ts';
import { dataYears } from '../db/queries/analysis-aggregates.ts';
import { PROVINCE_CODE } from '../db/queries/references.ts';
import { regionNames } from '../db/queries/stats.ts';
import type { Db } from '../db/types.ts';

const PLAN_YEARS = [2021, 2022, 2023, 2024, 2025];
const MONEY: readonly RefMetric[] = ['perCapitaNet', 'wage', 'business', 'property', 'transfer'];
const KIND_ORDER: readonly RefKind[] = ['target', 'actual', 'province', 'threshold'];
const METRIC_ORDER: readonly RefMetric[] = [...MONEY, 'growthRate', 'line', 'monitoringFloor'];

interface StoredRef {
  id: number;
  kind: RefKind;
  year: number;
  scope: string;
  metric: RefMetric;
  value: number | null;
  source: string;
  verified: number;
  updatedAt: string;
}

const SELECT = `SELECT id, kind, year, scope_code AS scope, metric, value, source, verified, updated_at AS updatedAt FROM reference_values`;

function key(kind: string, year: number, scope: string, metric: string): string {
  return `${kind}|${year}|${scope}|${metric}`;
}

function scopeName(names: ReadonlyMap<string, string>, code: string): string {
  return code === PROVINCE_CODE ? '甘肃省' : (names.get(code) ?? code);
}

function toRow(r: StoredRef, names: ReadonlyMap<string, string>): RefRow {
  return { ...r, scopeName: scopeName(names, r.scope), verified: r.verified === 1 };
}

/** The slots that should exist even when nothing is stored yet. */
function expectedSlots(years: readonly number[]): Array<Pick<RefRow, 'kind' | 'year' | 'scope' | 'metric'>> {
  return years.flatMap((year) => [
    ...MONEY.map((metric) => ({ kind: 'province' as const, year, scope: PROVINCE_CODE, metric })),
    { kind: 'threshold' as const, year, scope: CITY.code, metric: 'line' as const },
    { kind: 'threshold' as const, year, scope: PROVINCE_CODE, metric: 'monitoringFloor' as const },
  ]);
}

export function listReferences(db: Db): RefRow[] {
  const names = regionNames(db);
  const stored = (db.prepare(SELECT).all() as StoredRef[]).map((r) => toRow(r, names));
  const have = new Set(stored.map((r) => key(r.kind, r.year, r.scope, r.metric)));
  const years = [...new Set([...PLAN_YEARS, ...dataYears(db)])].sort((a, b) => a - b);
  const empty: RefRow[] = expectedSlots(years)
    .filter((s) => !have.has(key(s.kind, s.year, s.scope, s.metric)))
    .map((s) => ({ ...s, id: null, scopeName: scopeName(names, s.scope), value: null, source: '', verified: false, updatedAt: null }));
  const order = (r: RefRow): string =>
    [KIND_ORDER.indexOf(r.kind), r.year, r.scope === PROVINCE_CODE ? '0' : r.scope, METRIC_ORDER.indexOf(r.metric)].map((x) => String(x).padStart(12, '0')).join('|');
  return [...stored, ...empty].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

export interface RefUpdate {
  kind: RefKind;
  year: number;
  scope: string;
  metric: RefMetric;
  value: number | null;
  source: string;
  verified: boolean;
}

function validate(db: Db, u: RefUpdate): void {
  const isThreshold = u.metric === 'line' || u.metric === 'monitoringFloor';
  if ((u.kind === 'threshold') !== isThreshold) throw new AppError('validation', '参考值的类别与指标不匹配（阈值只能是 8000 线或监测范围）');
  if (u.kind === 'province' && u.scope !== PROVINCE_CODE) throw new AppError('validation', '全省平均值的范围只能是甘肃省（620000）');
  if (u.metric === 'line' && u.scope !== CITY.code) throw new AppError('validation', '“两类群体”收入线是全市标准，范围只能是白银市（620400）');
  if (u.scope !== PROVINCE_CODE && !regionNames(db).has(u.scope)) throw new AppError('validation', `找不到区划 ${u.scope}`);
  if (u.value === null) {
    if (u.metric === 'line') throw new AppError('validation', '“两类群体”收入线不能为空');
    return;
  }
  if (u.metric === 'growthRate' ? u.value < -1 || u.value > 10 : u.value < 0 || u.value > 1_000_000) {
    throw new AppError('validation', u.metric === 'growthRate' ? '增幅应在 -100% 到 1000% 之间（以小数填写，如 0.15）' : '金额应在 0 到 1,000,000 元之间');
  }
  if (u.source.trim() === '') throw new AppError('validation', '请填写来源（文件名称、文号或统计公报），便于核对');
}

/** Runs inside the caller's transaction (dispatch opens it for refs:update), auditing through its writer. */
export function updateReference(db: Db, audit: AuditWriter, u: RefUpdate): RefRow {
  validate(db, u);
  const where = 'WHERE kind = ? AND year = ? AND scope_code = ? AND metric = ?';
  const args = [u.kind, u.year, u.scope, u.metric] as const;
  const old = db.prepare(`${SELECT} ${where}`).get(...args) as StoredRef | undefined;
  db.prepare(
    `INSERT INTO reference_values (kind, year, scope_code, metric, value, source, verified) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, year, scope_code, metric) DO UPDATE SET value = excluded.value, source = excluded.source,
       verified = excluded.verified, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
  ).run(...args, u.value, u.source.trim(), u.verified ? 1 : 0);
  audit({
    action: 'reference',
    table: 'reference_values',
    key: key(...args),
    field: 'value',
    old: old?.value ?? null,
    new: u.value,
    detail: { oldSource: old?.source ?? null, source: u.source.trim(), verified: u.verified },
  });
  const names = regionNames(db);
  return toRow(db.prepare(`${SELECT} ${where}`).get(...args) as StoredRef, names);
}

/**
 * 责任分工: the plan's measures against the departments responsible, per-year progress and
 * indicator values, editing (the plan is a draft) and the county version of the matrix.
 * A scope is 'city' (the plan as written) or a county code (the county's own departments).
 */
import { z } from 'zod';
import { method } from './define.ts';
import { FilePath, Id, LongText, ShortText, Year } from './common.ts';

export const MATRIX_ROLES = ['lead', 'support', 'main'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export const ROLE_LABELS: Readonly<Record<MatrixRole, string>> = { lead: '牵头', support: '配合', main: '主体责任' };

export const PROGRESS_STATUSES = ['未启动', '推进中', '已完成'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** The plan runs 2023–2025; progress can be kept for later years too. */
export const PLAN_YEARS: readonly number[] = [2023, 2024, 2025];

const CountyCode = z.string().regex(/^\d{6}$/, '县区代码应为 6 位数字');
export const MatrixScopeArg = z.union([z.literal('city'), CountyCode]);
const Name = z.string().trim().min(1, '名称不能为空').max(60);
const Amount = z.number().finite().min(-1e12).max(1e12);

export interface MatrixScope {
  /** null: the city plan as written. */
  county: string | null;
  name: string;
}

export interface MatrixGroup {
  n: number;
  title: string;
  incomeType: string;
}

export interface MatrixDepartment {
  id: number;
  name: string;
  /** The city department this county department stands for (null for city departments). */
  cityDepartmentId: number | null;
  cityName: string | null;
  archived: boolean;
  counts: Record<MatrixRole, number>;
}

export interface MatrixCell {
  departmentId: number;
  name: string;
  role: MatrixRole;
}

export interface MatrixMeasure {
  n: number;
  group: number;
  title: string;
  /** The full paragraph, for searching by the measure's text. */
  body: string;
  archived: boolean;
  /** Lead first, then support in the plan's order, then main. */
  departments: MatrixCell[];
}

export interface MatrixCounty {
  code: string;
  name: string;
  /** The county's departments have been set up (its matrix exists). */
  enabled: boolean;
}

export interface MatrixResult {
  scope: MatrixScope;
  groups: MatrixGroup[];
  measures: MatrixMeasure[];
  departments: MatrixDepartment[];
  counties: MatrixCounty[];
}

export interface MatrixIndicator {
  id: number;
  key: string;
  label: string;
  comparator: '>=' | '<=' | '=';
  value: number;
  unit: string;
  year: number | null;
}

export interface ProgressEntry {
  id: number;
  year: number;
  departmentId: number | null;
  indicatorId: number | null;
  status: ProgressStatus;
  target: number | null;
  actual: number | null;
  note: string | null;
  responsible: string | null;
  updatedAt: string;
}

export interface MeasureDetail {
  scope: MatrixScope;
  n: number;
  group: number;
  groupTitle: string;
  title: string;
  /** The full paragraph from the plan, including its (责任单位:…) note. */
  body: string;
  archived: boolean;
  departments: MatrixCell[];
  indicators: MatrixIndicator[];
  progress: ProgressEntry[];
  years: number[];
}

export interface DepartmentDuty {
  n: number;
  group: number;
  groupTitle: string;
  title: string;
  body: string;
  role: MatrixRole;
}

export interface DepartmentDuties {
  scope: MatrixScope;
  department: MatrixDepartment;
  duties: DepartmentDuty[];
}

export interface HeatmapCell {
  n: number;
  departmentId: number;
  role: MatrixRole;
  /** null: nothing recorded for this year yet (未填报). */
  status: ProgressStatus | null;
}

export interface HeatmapResult {
  scope: MatrixScope;
  year: number;
  measures: Array<{ n: number; title: string }>;
  departments: Array<{ id: number; name: string }>;
  cells: HeatmapCell[];
  totals: Record<ProgressStatus | '未填报', number>;
}

export interface MatrixExportResult {
  path: string;
  rows: number;
}

const ScopeOnly = z.object({ scope: MatrixScopeArg.optional() }).strict();

export const SetProgressArgs = z
  .object({
    n: z.number().int().min(1).max(999),
    year: Year,
    /** null: the measure as a whole (used with an indicator). */
    departmentId: Id.nullable().default(null),
    indicatorId: Id.nullable().default(null),
    status: z.enum(PROGRESS_STATUSES).default('推进中'),
    target: Amount.nullable().default(null),
    actual: Amount.nullable().default(null),
    note: ShortText.nullable().default(null),
    responsible: z.string().max(50).nullable().default(null),
    /** For an indicator row: whose figure it is (default: the scope in 设置); a department row belongs to the department's scope. */
    scope: MatrixScopeArg.optional(),
  })
  .strict();

export const MeasureDepartmentArg = z.object({ departmentId: Id, role: z.enum(MATRIX_ROLES) }).strict();

/** Every matrix change: one audited transaction (action 'matrix', the kind of change in the detail). */
const MATRIX_WRITE = { writes: 'tx', audit: ['matrix'] } as const;

export const matrixApi = {
  'matrix:get': method<MatrixResult>()(ScopeOnly),
  'matrix:measure': method<MeasureDetail>()(z.object({ n: z.number().int().min(1).max(999), scope: MatrixScopeArg.optional() }).strict()),
  'matrix:department': method<DepartmentDuties>()(z.object({ id: Id }).strict()),
  'matrix:heatmap': method<HeatmapResult>()(z.object({ year: Year, scope: MatrixScopeArg.optional() }).strict()),
  'matrix:setScope': method<MatrixScope>()(z.object({ scope: MatrixScopeArg }).strict(), { writes: 'tx', audit: ['matrix', 'settings'] }),
  /** Adds to a county what the city plan gained since it was set up (new departments, new measures). */
  'matrix:syncCounty': method<{ departments: number; roles: number }>()(z.object({ county: CountyCode }).strict(), MATRIX_WRITE),
  'matrix:setProgress': method<ProgressEntry>()(SetProgressArgs, MATRIX_WRITE),
  'matrix:updateMeasure': method<MeasureDetail>()(
    z
      .object({
        n: z.number().int().min(1).max(999),
        title: z.string().trim().min(1).max(200).optional(),
        body: LongText.optional(),
        group: z.number().int().min(1).max(20).optional(),
        archived: z.boolean().optional(),
      })
      .strict(),
    MATRIX_WRITE,
  ),
  'matrix:addMeasure': method<MeasureDetail>()(
    z
      .object({
        group: z.number().int().min(1).max(20),
        title: z.string().trim().min(1).max(200),
        body: LongText.default(''),
        departments: z.array(MeasureDepartmentArg).max(60).default([]),
      })
      .strict(),
    MATRIX_WRITE,
  ),
  'matrix:setRole': method<MeasureDetail>()(
    z.object({ n: z.number().int().min(1).max(999), departmentId: Id, role: z.enum(MATRIX_ROLES).nullable() }).strict(),
    MATRIX_WRITE,
  ),
  'matrix:renameDepartment': method<MatrixDepartment>()(z.object({ id: Id, name: Name }).strict(), MATRIX_WRITE),
  'matrix:archiveDepartment': method<MatrixDepartment>()(z.object({ id: Id, archived: z.boolean() }).strict(), MATRIX_WRITE),
  'matrix:addDepartment': method<MatrixDepartment>()(z.object({ name: Name, scope: MatrixScopeArg.optional() }).strict(), MATRIX_WRITE),
  'matrix:setIndicator': method<MeasureDetail>()(
    z
      .object({
        n: z.number().int().min(1).max(999),
        /** Absent: a new indicator. */
        id: Id.optional(),
        label: z.string().trim().min(1).max(100),
        comparator: z.enum(['>=', '<=', '=']),
        value: Amount,
        unit: z.string().max(20).default(''),
        year: Year.nullable().default(null),
      })
      .strict(),
    MATRIX_WRITE,
  ),
  'matrix:export': method<MatrixExportResult | null>()(
    z
      .object({
        /** Absent: ask with a save dialog (null result when the user cancels). */
        out: FilePath.optional(),
        kind: z.enum(['matrix', 'progress']),
        year: Year.optional(),
        scope: MatrixScopeArg.optional(),
      })
      .strict(),
  ),
};

/**
 * The figure a year is measured against when the scope has not set its own: the plan's value, for
 * the city only (a county sets its own share of e.g. 11万人), and only in the year it names.
 */
export function planTarget(ind: Pick<MatrixIndicator, 'value' | 'year'>, year: number, county: string | null): number | null {
  if (county !== null) return null;
  return ind.year === null || ind.year === year ? ind.value : null;
}

/** 达标 / 未达标 by the indicator's comparator; null when either figure is missing. */
export function indicatorMet(comparator: MatrixIndicator['comparator'], target: number | null, actual: number | null): boolean | null {
  if (target === null || actual === null) return null;
  if (comparator === '>=') return actual >= target;
  if (comparator === '<=') return actual <= target;
  return Math.abs(actual - target) < 1e-9;
}

export const COMPARATOR_LABELS: Readonly<Record<MatrixIndicator['comparator'], string>> = { '>=': '不低于', '<=': '不超过', '=': '按' };

/**
 * Column order of the matrix (screen and form): current departments in the plan's order, the
 * bodies that only carry the main responsibility (县区党委政府 / 乡镇党委政府) last, where the
 * plan's (责任单位:…) notes name them.
 */
export function columnOrder<D extends Pick<MatrixDepartment, 'archived' | 'counts'>>(list: readonly D[]): D[] {
  const onlyMain = (d: D): boolean => d.counts.main > 0 && d.counts.lead + d.counts.support === 0;
  return [...list.filter((d) => !d.archived && !onlyMain(d)), ...list.filter((d) => !d.archived && onlyMain(d))];
}

/**
 * The one API table: method name → argument schema → result type. Each domain keeps its own part
 * (one file per domain) so work on one never touches another; this file only joins them.
 */
import type { z } from 'zod';
import type { MethodSpec } from './define.ts';
import { statsApi } from './stats.ts';
import { analysisApi } from './analysis.ts';
import { monitoringApi } from './monitoring.ts';
import { systemApi } from './system.ts';
import { settingsApi } from './settings.ts';
import { auditApi } from './audit.ts';
import { exportApi } from './export.ts';
import { exportListApi } from './export-list.ts';
import { matrixApi } from './matrix.ts';
import { ledgerApi } from './ledger.ts';
import { importApi } from './import.ts';
import { demoApi } from './demo.ts';
import { checksApi } from './checks.ts';
import { campaignApi } from './campaign.ts';
import { cryptApi } from './crypt.ts';
import { casesApi } from './cases.ts';

export const api = {
  ...statsApi,
  ...analysisApi,
  ...monitoringApi,
  ...systemApi,
  ...settingsApi,
  ...auditApi,
  ...exportApi,
  ...exportListApi,
  ...matrixApi,
  ...ledgerApi,
  ...importApi,
  ...demoApi,
  ...checksApi,
  ...campaignApi,
  ...cryptApi,
  ...casesApi,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
/** What a caller passes (defaults may be omitted). */
export type ApiArgs<K extends MethodName> = z.input<Api[K]['args']>;
/** What a service receives after validation. */
export type ApiParsedArgs<K extends MethodName> = z.output<Api[K]['args']>;
export type ApiResult<K extends MethodName> = Api[K] extends MethodSpec<z.ZodType, infer R> ? R : never;
/** The write rules of a method (`undefined` for a method that only reads). */
export type ApiRules<K extends MethodName> = Api[K]['rules'];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

import { z } from 'zod';
import { method } from './define.ts';

/**
 * 设置 → 操作员与单位, and the backup rotation size. The operator is recorded on every audit entry
 * and printed as 填报人 on exports; the unit fields fill the forms' 填报单位 / 单位负责人 / 审核人 line.
 */
export interface SettingsValues {
  operator: string;
  unit_name: string;
  unit_head: string;
  reviewer: string;
  contact_phone: string;
  backup_keep: number;
  /** The county of 本单位 (6-digit code): the default scope of home, analysis, matrix, monitoring and export; '' = the city. */
  unit_county: string;
}

export const SETTING_LABELS: Record<keyof SettingsValues, string> = {
  operator: '操作员（填报人）',
  unit_name: '填报单位',
  unit_head: '单位负责人',
  reviewer: '审核人',
  contact_phone: '联系电话',
  backup_keep: '自动备份保留份数',
  unit_county: '本单位所在县区',
};

/** A person's name: 1–50 characters (the audit log's CHECK), no control characters. */
const PersonName = z.string().trim().max(50).regex(/^[^\p{Cc}]*$/u, '不能包含控制字符');

export const SettingsPatch = z
  .object({
    operator: PersonName.min(1, '操作员姓名不能为空').optional(),
    unit_name: z.string().trim().max(100).regex(/^[^\p{Cc}]*$/u, '不能包含控制字符').optional(),
    unit_head: PersonName.optional(),
    reviewer: PersonName.optional(),
    contact_phone: z.string().trim().max(20).regex(/^[0-9+\-() ]*$/, '只能包含数字、空格和 + - ( )').optional(),
    backup_keep: z.number().int().min(1).max(100).optional(),
    unit_county: z.string().regex(/^(\d{6})?$/, '县区代码应为 6 位数字，或留空表示全市').optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const settingsApi = {
  'settings:get': method<SettingsValues>()(z.object({}).strict()),
  /** Saves the given fields; each change is audited (action 'settings'). Returns all values. */
  'settings:set': method<SettingsValues>()(SettingsPatch, { writes: 'tx', audit: ['settings'], operatorArg: 'operator', changes: 'settings' }),
};

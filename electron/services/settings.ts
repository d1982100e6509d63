/**
 * 设置: operator and unit fields, backup rotation size. Each changed value is audited with its old
 * and new text. Saving the operator is the one change allowed before an operator exists, and it is
 * recorded under the new name.
 */
import type { SettingsPatch, SettingsValues, settingsApi } from '../../shared/api/settings.ts';
import { AppError } from '../../shared/errors.ts';
import { auditWriter, resolveOperator } from '../db/audit.ts';
import { DEFAULT_BACKUP_KEEP } from '../db/backup.ts';
import { getSetting, setSetting } from '../db/meta.ts';
import type { Db, HandlersFor, ServiceContext } from './context.ts';

const TEXT_KEYS = ['operator', 'unit_name', 'unit_head', 'reviewer', 'contact_phone'] as const;

export function readSettings(db: Db): SettingsValues {
  const text = (k: string): string => getSetting(db, k) ?? '';
  const keep = Number(getSetting(db, 'backup_keep'));
  return {
    operator: text('operator'),
    unit_name: text('unit_name'),
    unit_head: text('unit_head'),
    reviewer: text('reviewer'),
    contact_phone: text('contact_phone'),
    backup_keep: Number.isInteger(keep) && keep >= 1 ? keep : DEFAULT_BACKUP_KEEP,
  };
}

export function saveSettings(ctx: ServiceContext, patch: SettingsPatch): SettingsValues {
  ctx.assertWritable();
  const before = readSettings(ctx.db);
  const changes: Array<{ key: string; old: string; value: string }> = [];
  for (const k of TEXT_KEYS) {
    const v = patch[k];
    if (v !== undefined && v !== before[k]) changes.push({ key: k, old: before[k], value: v });
  }
  if (patch.backup_keep !== undefined && patch.backup_keep !== before.backup_keep) {
    changes.push({ key: 'backup_keep', old: String(before.backup_keep), value: String(patch.backup_keep) });
  }
  if (changes.length === 0) return before;
  // The CLI's --operator wins over the saved name, as for every other change.
  const operator = ctx.operator ?? patch.operator ?? resolveOperator(ctx);
  if (!operator.trim()) throw new AppError('operator-required', '请先填写操作员姓名。');
  ctx.db.transaction(() => {
    const audit = auditWriter(ctx.db, operator);
    for (const c of changes) {
      setSetting(ctx.db, c.key, c.value);
      audit({ action: 'settings', table: 'settings', key: c.key, field: c.key, old: c.old, new: c.value });
    }
  }).immediate();
  return readSettings(ctx.db);
}

export const settingsHandlers: HandlersFor<typeof settingsApi> = {
  'settings:get': (ctx) => readSettings(ctx.db),
  'settings:set': (ctx, args) => saveSettings(ctx, args),
};

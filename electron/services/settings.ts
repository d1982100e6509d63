/**
 * 设置: operator and unit fields, backup rotation size. Each changed value is audited with its old
 * and new text. Saving the operator is the one change allowed before an operator exists, and it is
 * recorded under the new name.
 */
import type { SettingsPatch, SettingsValues, settingsApi } from '../../shared/api/settings.ts';
import type { AuditWriter } from '../db/audit.ts';
import { DEFAULT_BACKUP_KEEP } from '../db/backup.ts';
import { getSetting, setSetting } from '../db/meta.ts';
import type { Db, HandlersFor } from './context.ts';
import { AppError } from '../../shared/errors.ts';

const TEXT_KEYS = ['operator', 'unit_name', 'unit_head', 'reviewer', 'contact_phone', 'unit_county'] as const;

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
    unit_county: text('unit_county'),
  };
}

/** Runs inside the transaction dispatch opened; the operator may be the name being saved (operatorArg). */
export function saveSettings(db: Db, audit: AuditWriter, patch: SettingsPatch): SettingsValues {
  const before = readSettings(db);
  if (patch.unit_county) {
    const county = db.prepare("SELECT 1 FROM regions WHERE code = ? AND level = 'county'").get(patch.unit_county);
    if (!county) throw new AppError('validation', `没有代码为 ${patch.unit_county} 的县区，请从列表中选择`);
  }
  const changes: Array<{ key: string; old: string; value: string }> = [];
  for (const k of TEXT_KEYS) {
    const v = patch[k];
    if (v !== undefined && v !== before[k]) changes.push({ key: k, old: before[k], value: v });
  }
  if (patch.backup_keep !== undefined && patch.backup_keep !== before.backup_keep) {
    changes.push({ key: 'backup_keep', old: String(before.backup_keep), value: String(patch.backup_keep) });
  }
  for (const c of changes) {
    setSetting(db, c.key, c.value);
    audit({ action: 'settings', table: 'settings', key: c.key, field: c.key, old: c.old, new: c.value });
  }
  return changes.length === 0 ? before : readSettings(db);
}

export const settingsHandlers: HandlersFor<typeof settingsApi> = {
  'settings:get': (ctx) => readSettings(ctx.db),
  'settings:set': (ctx, args, w) => saveSettings(ctx.db, w.audit, args),
};

/**
 * `backups`: lists a ledger's automatic backups, or describes one backup file, from the manifests
 * beside them (#24). It never opens a database, so it works without the key and on a USB stick.
 */
import type { ManifestRead } from '../../../shared/api/system.ts';
import { listRotation } from '../../db/backup.ts';
import { readManifest } from '../../db/backup-manifest.ts';
import { optionalString, printJson, UsageError, type CliIo, type Command } from '../command.ts';

function describe(io: CliIo, path: string, r: ManifestRead): void {
  io.out(path);
  const m = r.manifest;
  if (m) {
    const c = m.counts;
    io.out(`  创建于 ${m.createdAt}（软件 ${m.appVersion}，数据库版本 ${m.schemaVersion}，${m.encrypted ? '已加密' : '未加密'}，${(m.bytes / 1024 / 1024).toFixed(1)} MB）`);
    io.out(`  ${c.households} 户、${c.members} 人、${c.incomeRecords} 条收入记录、${c.importBatches} 个导入批次、${c.auditEntries} 条审计记录`);
    io.out(`  审计日志末条：${m.auditHead ? `#${m.auditHead.id} ${m.auditHead.hash.slice(0, 16)}…` : '（空）'}`);
  }
  if (r.problem) io.out(`  注意：${r.problem}`);
}

export const backupsCommand: Command = {
  name: 'backups',
  summary: '列出自动备份或说明一个备份文件（读取备份旁的说明文件，不需要密钥）',
  usage: 'backups (--db FILE | --file BACKUP) [--json]',
  options: { db: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const file = optionalString(args, 'file');
    const db = optionalString(args, 'db');
    if (!file && !db) throw new UsageError('需要 --db（列出该台账的自动备份）或 --file（说明一个备份文件）');
    const items = file ? [{ path: file, described: readManifest(file) }] : listRotation(db ?? '').map((e) => ({ path: e.path, described: readManifest(e.path) }));
    if (args.values.json === true) return (printJson(io, items), 0);
    if (items.length === 0) io.out('没有自动备份。');
    for (const it of items) describe(io, it.path, it.described);
    return 0;
  },
};

import { existsSync } from 'node:fs';
import { openDatabase, schemaVersion } from '../../db/connection.ts';
import { requireString, UsageError, type Command } from '../command.ts';

export const initCommand: Command = {
  name: 'init',
  summary: '新建一个空的台账数据库（含区划、方案措施和参考值，不含任何户）',
  usage: 'init --db FILE',
  options: { db: { type: 'string' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    if (existsSync(dbPath)) throw new UsageError(`文件已存在：${dbPath}（不会覆盖已有数据库）`);
    const db = openDatabase(dbPath);
    try {
      io.out(`已创建空数据库 ${dbPath}（数据库版本 ${schemaVersion(db)}）`);
      return 0;
    } finally {
      db.close();
    }
  },
};

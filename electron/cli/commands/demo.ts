import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sweepLeftovers } from '../../db/litter.ts';
import { generateDemo, type DemoScale } from '../../demo/generate.ts';
import { openDatabase } from '../../db/connection.ts';
import { optionalString, requireString, UsageError, type Command } from '../command.ts';

const SCALES: readonly DemoScale[] = ['small', 'county', 'city'];

export const demoCommand: Command = {
  name: 'demo',
  summary: '生成演示数据库（确定性随机，可重复）',
  usage: 'demo --db FILE [--scale small|county|city] [--seed N]',
  options: { db: { type: 'string' }, scale: { type: 'string' }, seed: { type: 'string' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const scale = (optionalString(args, 'scale') ?? 'small') as DemoScale;
    if (!SCALES.includes(scale)) throw new UsageError(`--scale 只能是 small、county 或 city，收到：${scale}`);
    const seedText = optionalString(args, 'seed');
    if (seedText !== undefined && !/^\d{1,9}$/.test(seedText)) throw new UsageError(`--seed 应为正整数，收到：${seedText}`);
    if (existsSync(dbPath)) throw new UsageError(`文件已存在：${dbPath}（演示数据只写入新文件，请换一个文件名或先删除它）`);
    // Built under a temp name (the sweep's `.NAME.PID.MS.tmp`) and renamed when complete: a killed
    // run used to leave an empty ledger under the final name (issue #18 item 4).
    const swept = sweepLeftovers(dbPath);
    if (swept.length) io.err(`已删除上次未完成的演示数据库临时文件 ${swept.length} 个`);
    const temp = join(dirname(dbPath), `.${basename(dbPath)}.${process.pid}.${Date.now()}.tmp`);
    const started = Date.now();
    let r: ReturnType<typeof generateDemo>;
    const db = openDatabase(temp);
    try {
      r = generateDemo(db, { scale, ...(seedText ? { seed: Number(seedText) } : {}) });
      db.close();
      renameSync(temp, dbPath);
    } finally {
      if (db.open) db.close();
      for (const f of [temp, `${temp}-wal`, `${temp}-shm`]) rmSync(f, { force: true });
    }
    io.out(`已生成演示数据库 ${dbPath}：${r.households} 户，${r.persons} 人（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
    return 0;
  },
};

/** `changes --db F --year Y [--county C] [--json]`: natural changes of a year by township and reason. */
import { NATURAL_REASONS } from '../../../shared/campaign/reasons.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type Command } from '../command.ts';

export const changesCommand: Command = {
  name: 'changes',
  summary: '自然变更（死亡、出生、婚入、婚出等）按乡镇和原因的统计及明细（证件号码已遮蔽）',
  usage: 'changes --db FILE --year YYYY [--county CODE] [--json]',
  options: { db: { type: 'string' }, year: { type: 'string' }, county: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const yearText = requireString(args, 'year');
    if (!/^\d{4}$/.test(yearText)) throw new UsageError(`--year 应为四位年份，收到：${yearText}`);
    const county = optionalString(args, 'county');
    if (county !== undefined && !/^\d{6}$/.test(county)) throw new UsageError(`--county 应为 6 位县区代码，收到：${county}`);
    const s = openSession(dbPath, { mustExist: true });
    try {
      const r = await s.call('campaign:changes', { year: Number(yearText), ...(county ? { county } : {}) });
      if (args.values.json) {
        printJson(io, r);
        return 0;
      }
      const used = NATURAL_REASONS.filter((k) => r.byReason[k]);
      io.out(`${r.year} 年自然变更（共 ${r.rows.length} 条）`);
      io.out(['乡镇'.padEnd(8, '　'), ...used, '合计'].join(' '));
      for (const t of r.byTownship) io.out([t.name.padEnd(8, '　'), ...used.map((k) => String(t.counts[k] ?? 0).padStart(k.length * 2)), String(t.total)].join(' '));
      io.out(['合计'.padEnd(8, '　'), ...used.map((k) => String(r.byReason[k] ?? 0).padStart(k.length * 2)), String(r.rows.length)].join(' '));
      for (const c of r.rows) {
        io.out(`  ${c.date} ${c.townshipName} 户 ${c.householdCode} ${c.personName ?? ''} ${c.idNumber ?? ''} ${c.reason}${c.note ? `（${c.note}）` : ''}${c.leftLedger ? ' 已移出台账' : ''} 经办 ${c.operator}`);
      }
      return 0;
    } finally {
      await s.close();
    }
  },
};

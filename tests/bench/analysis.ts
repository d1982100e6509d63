/**
 * 增收分析 at city scale (8.91万 households, 2021–2024): the full set of aggregates behind one view
 * (trajectory over all years, components, ranking, distribution, two categories: everything
 * `analysis:view` returns for one scope and year) against a floor measured in the same run — one
 * plain scan of the whole income table summing every column the view needs. Also shown, against the
 * same floor: `stats`, keeping the pre-aggregated tables current after an edit (one township) and
 * rebuilding them all, and the same figures computed straight from the base tables.
 */
import { fileURLToPath } from 'node:url';
import { buildAnalysis } from '../../electron/analysis/view.ts';
import { openDatabase } from '../../electron/db/connection.ts';
import { ensureAggregates, liveAggregateRows, refreshAggregates } from '../../electron/db/queries/analysis-aggregates.ts';
import { computeStats } from '../../electron/analysis/stats.ts';
import { cityDemoPath, report, timeMs } from './util.ts';

const FLOOR = '收入表单次扫描';

export async function run(): Promise<void> {
  const db = openDatabase(cityDemoPath());
  try {
    ensureAggregates(db);
    const scan = db.prepare(`SELECT count(*), sum(size), sum(net_fen), sum(wage_fen), sum(business_gross_fen - business_expense_fen),
      sum(property_fen), sum(transfer_fen) FROM income_records`);
    const floor = timeMs(() => scan.get());
    process.stdout.write(`\n== 增收分析（城市规模，2024 年）==\n`);
    report('analysis:view 全市（按县区）', timeMs(() => buildAnalysis(db, { scope: '620400', year: 2024 })), floor, FLOOR);
    report('analysis:view 会宁县（按乡镇）', timeMs(() => buildAnalysis(db, { scope: '620422', year: 2024 })), floor, FLOOR);
    report('analysis:view 郭城驿镇（按村）', timeMs(() => buildAnalysis(db, { scope: '620422101', year: 2024 })), floor, FLOOR);
    report('stats --by township（全市）', timeMs(() => computeStats(db, { year: 2024, by: 'township' })), floor, FLOOR);
    report('stats --by village（全市）', timeMs(() => computeStats(db, { year: 2024, by: 'village' })), floor, FLOOR);
    const markOne = db.prepare("INSERT OR IGNORE INTO analysis_dirty VALUES ('620422101')");
    report('修改后更新汇总表（一个乡镇）', timeMs(() => (markOne.run(), ensureAggregates(db))), floor, FLOOR);
    report('重建全部汇总表（导入全市后一次）', timeMs(() => refreshAggregates(db), 1), floor, FLOOR);
    report('同样的汇总直接查基础表（只读库的退路）', timeMs(() => liveAggregateRows(db, {}), 1), floor, FLOOR);
  } finally {
    db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();

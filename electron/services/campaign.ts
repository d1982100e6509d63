/** 年度采集: the submission board (and its 通报 workbook), natural changes (list and record). */
import type { campaignApi } from '../../shared/api/campaign.ts';
import { YOY_DEFAULTS } from '../../shared/campaign/states.ts';
import type { Db } from '../db/types.ts';
import { campaignBoard } from '../campaign/board.ts';
import { listChanges, recordChange } from '../campaign/changes.ts';
import { openFindingsByTownship } from '../checks/findings.ts';
import { writeBulletin } from '../export/campaign-bulletin.ts';
import type { HandlersFor } from './context.ts';

const XLSX = { name: 'Excel 工作簿', extensions: ['xlsx'] };

function board(db: Db, year: number, county: string, jumpRate?: number): ReturnType<typeof campaignBoard> {
  return campaignBoard(db, year, county, jumpRate ?? YOY_DEFAULTS.jumpRate, new Map(openFindingsByTownship(db, year).map((f) => [f.townshipCode, f.open])));
}

export const campaignHandlers: HandlersFor<typeof campaignApi> = {
  'campaign:board': (ctx, a) => board(ctx.db, a.year, a.county, a.jumpRate),
  'campaign:exportBulletin': async (ctx, a) => {
    const b = board(ctx.db, a.year, a.county);
    const out = a.out ?? (await ctx.platform.saveFile({ title: '保存采集进度通报', defaultName: `${b.countyName}${b.year}年收入信息采集进度通报.xlsx`, filters: [XLSX] }));
    if (!out) return null;
    // A file picked in the save dialog was confirmed there (the dialog asks before replacing).
    return writeBulletin(ctx.db, out, b, { force: a.force === true || a.out === undefined });
  },
  'campaign:changes': (ctx, a) => listChanges(ctx.db, a.year, a.county),
  'campaign:recordChange': (ctx, a, w) => recordChange(ctx.db, w.audit, w.operator, a),
};

/** 年度采集: the submission board, natural changes (list and record). */
import type { campaignApi } from '../../shared/api/campaign.ts';
import { YOY_DEFAULTS } from '../../shared/campaign/states.ts';
import { campaignBoard } from '../campaign/board.ts';
import { listChanges, recordChange } from '../campaign/changes.ts';
import { openFindingsByTownship } from '../checks/findings.ts';
import type { HandlersFor } from './context.ts';

export const campaignHandlers: HandlersFor<typeof campaignApi> = {
  'campaign:board': (ctx, a) => campaignBoard(ctx.db, a.year, a.county, a.jumpRate ?? YOY_DEFAULTS.jumpRate,
    new Map(openFindingsByTownship(ctx.db, a.year).map((f) => [f.townshipCode, f.open]))),
  'campaign:changes': (ctx, a) => listChanges(ctx.db, a.year, a.county),
  'campaign:recordChange': (ctx, a, w) => recordChange(ctx.db, w.audit, w.operator, a),
};

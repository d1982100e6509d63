/** `stats` and `app:info`: the figures of the start page, the CLI and the forms (built in analysis/stats.ts). */
import type { AppInfo, statsApi } from '../../shared/api/stats.ts';
import { computeStats } from '../analysis/stats.ts';
import { schemaVersion } from '../db/connection.ts';
import { getMeta } from '../db/meta.ts';
import { incomeYears } from '../db/queries/stats.ts';
import type { Db, HandlersFor } from './context.ts';

function appInfo(db: Db, dbPath: string, readOnlyReason: string | null): AppInfo {
  const years = incomeYears(db);
  const counts = db.prepare('SELECT count(*) AS households, ifnull(sum(size), 0) AS persons FROM households').get() as { households: number; persons: number };
  return {
    dbPath,
    schemaVersion: schemaVersion(db),
    isDemo: getMeta(db, 'demo_scale') !== null,
    demoScale: getMeta(db, 'demo_scale'),
    years,
    latestYear: years.length ? (years[years.length - 1] ?? null) : null,
    households: counts.households,
    persons: counts.persons,
    readOnly: readOnlyReason !== null,
    readOnlyReason,
  };
}

export const statsHandlers: HandlersFor<typeof statsApi> = {
  'app:info': (ctx) => appInfo(ctx.db, ctx.dbPath, ctx.readOnlyReason),
  'stats:get': (ctx, args) => computeStats(ctx.db, args),
};

/** All services, joined from the domains' handler maps (a duplicate or missing name throws at start). */
import { combineHandlers } from './dispatch.ts';
import { statsHandlers } from './stats.ts';

export const handlers = combineHandlers(statsHandlers);

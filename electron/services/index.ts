/** All services, joined from the domains' handler maps (a duplicate or missing name throws at start). */
import { combineHandlers } from './dispatch.ts';
import { statsHandlers } from './stats.ts';
import { analysisHandlers } from './analysis.ts';
import { monitoringHandlers } from './monitoring.ts';
import { systemHandlers } from './system.ts';
import { settingsHandlers } from './settings.ts';
import { auditHandlers } from './audit.ts';
import { exportHandlers } from './export.ts';
import { exportListHandlers } from './export-list.ts';
import { matrixHandlers } from './matrix.ts';
import { ledgerHandlers } from './ledger.ts';
import { importHandlers } from './import.ts';
import { demoHandlers } from './demo.ts';
import { checksHandlers } from './checks.ts';
import { campaignHandlers } from './campaign.ts';
import { cryptHandlers } from './crypt.ts';
import { casesHandlers } from './cases.ts';

export const handlers = combineHandlers(statsHandlers, analysisHandlers, monitoringHandlers, systemHandlers, settingsHandlers, auditHandlers, exportHandlers, exportListHandlers, matrixHandlers, ledgerHandlers, importHandlers, demoHandlers, checksHandlers, campaignHandlers, casesHandlers, cryptHandlers);

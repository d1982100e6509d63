/** Every CLI command; add one file per command and list it here. */
import type { Command } from '../command.ts';
import { initCommand } from './init.ts';
import { demoCommand } from './demo.ts';
import { statsCommand } from './stats.ts';
import { groupsCommand } from './groups.ts';
import { backupCommand } from './backup.ts';
import { backupsCommand } from './backups.ts';
import { restoreCommand } from './restore.ts';
import { checkCommand } from './check.ts';
import { auditCommand } from './audit.ts';
import { matrixCommand } from './matrix.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { batchesCommand } from './batches.ts';
import { undoCommand } from './undo.ts';
import { findCommand } from './find.ts';
import { reportCommand } from './report.ts';
import { encryptCommand } from './encrypt.ts';
import { sourcesCommand } from './sources.ts';
import { checksCommand } from './checks.ts';
import { findingsCommand } from './findings.ts';
import { campaignCommand } from './campaign.ts';
import { changesCommand } from './changes.ts';
import { batchChangesCommand } from './batch-changes.ts';
import { casesCommand } from './cases.ts';
import { caseCommand } from './case.ts';

export const COMMANDS: readonly Command[] = [initCommand, demoCommand, statsCommand, groupsCommand, backupCommand, backupsCommand, restoreCommand, checkCommand, auditCommand, matrixCommand, exportCommand, importCommand, batchesCommand, undoCommand, findCommand, reportCommand, sourcesCommand, checksCommand, findingsCommand, encryptCommand, campaignCommand, changesCommand, casesCommand, caseCommand, batchChangesCommand];

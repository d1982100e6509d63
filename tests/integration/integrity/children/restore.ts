/**
 * Child process for the restore kill test: restores DB from BACKUP through the real service, as the
 * window and the CLI do. Prints "begin" once the session is open and "committed" after the restore
 * returned. Usage: node restore.ts DB BACKUP
 */
import { openSession } from '../../../../electron/services/session.ts';

const [dbPath, backup] = process.argv.slice(2);
if (!dbPath || !backup) throw new Error('usage: restore.ts DB BACKUP');
const session = openSession(dbPath, { operator: '崩溃测试', skipIntegrityCheck: true });
process.stdout.write('begin\n');
await session.call('system:restore', { path: backup });
process.stdout.write('committed\n');
await session.close();

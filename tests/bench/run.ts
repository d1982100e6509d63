/**
 * `npm run bench`: every area's benchmark at city scale, one after the other. Each module exports
 * `run()`; a module that is missing is skipped with a note rather than failing the whole run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const AREAS = ['stats', 'import', 'formats', 'township', 'ledger', 'analysis', 'export', 'views', 'first-start', 'demo', 'checks', 'crypt'];

for (const area of AREAS) {
  const file = fileURLToPath(new URL(`./${area}.ts`, import.meta.url));
  if (!existsSync(file)) {
    process.stdout.write(`\n(${area}: 没有基准测试文件，跳过)\n`);
    continue;
  }
  const mod = (await import(file)) as { run?: () => Promise<void> };
  if (typeof mod.run === 'function') await mod.run();
}

/**
 * Merged schema steps are frozen: a user's database has already run them, so an edit would make
 * fresh and upgraded files differ. Each shipped step's file digest is recorded here when it is merged;
 * a change to one fails this test. (Write a new step instead. A new step joins this table when merged.)
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '..', '..', '..', 'electron', 'db', 'migrations');

const FROZEN: Record<string, string> = {
  '001-init.ts': 'c45eb930160ee0d56a285fafebf463f9e1978583d113f295ec1ef78efe969189',
  '002-ledger-indexes.ts': 'fdcb6ff4a2fc8a634f7ac36a0e8e956bcef50ede84d5a71bad301234a5472b40',
  '003-import.ts': 'dede74201e8baad185898e95d4d91388ea61356af93b4afbe10e1fc0cddad2ca',
  '004-analysis.ts': '5db0815286a41002b39fd1d869b836489cc02259b810ad0923dbac475438b885',
  '005-matrix.ts': 'd6cdb6e1e92ccbde7ca2364734d742ea05226028abfb86995e92a54e33429313',
  '006-cheap-checks.ts': '1a304c30b501f9abc0cc84c184b79c62ac417a79cbb4c1558dddba979c7b8699',
  '007-id-digits.ts': 'fca74fc39abae3271ac56b9f9b6c2b7ab83f48b1d04a5de2a0946fe79570f68f',
  '008-checks.ts': '0ee3ac03d42a0eb44605537be48de7764fecc01e2a7f57c6a90b67c1d5cbf7f2',
  '009-campaign.ts': '863fd579150c89fe951ac618234bcb7fff85fdb78987afacb64698f1869867a1',
  '010-cases.ts': '256c0eb2f29cc8937369ee9e4fb6aeaba64be0cc544a64062302287a4b265181',
  '011-audit-keyed.ts': '4a56df9efe23d604fd92f51a577a8d853e6d722aea98202a632fe8577e9a6ddd',
  '012-business-net.ts': 'a566c33b068cb66288f2ef79c77c463eb8cc29db49d38ff13b31b1653bbef5f4',
  '013-audit-minimised.ts': 'b04b1e9c27038cc0c32553ec30af808bdf30dd2fd09e4fe11241647a64f39eb5',
};

describe('shipped migrations', () => {
  it('are unchanged since they were merged', () => {
    const files = readdirSync(DIR).filter((f) => /^\d{3}-/.test(f));
    for (const [file, digest] of Object.entries(FROZEN)) {
      expect(files, `${file} was removed or renamed`).toContain(file);
      expect(createHash('sha256').update(readFileSync(join(DIR, file))).digest('hex'), `${file} was edited`).toBe(digest);
    }
  });
});

// `npm run migration:create [-- --initial]`: diffs the entities against a scratch embedded database on which every
// committed migration has been applied, and writes the next migration file into src/db/migrations.
import { mkdtempSync, chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded.js';
import { initOrm, withoutDatabaseForeignKeys } from './orm.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-migration-'));
chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: false });
try {
  const url = await pg.createDatabase('scratch');
  const orm = await initOrm(url, {
    migrations: {
      path: path.resolve('src/db/migrations'),
      pathTs: path.resolve('src/db/migrations'),
      emit: 'ts',
      snapshot: false,
      silent: true,
    },
  });
  await orm.migrator.up();
  const res = process.argv.includes('--initial')
    ? await orm.migrator.createInitial(undefined as never)
    : await orm.migrator.create();
  // The foreign keys only migrations declare (DATABASE_FOREIGN_KEYS) are not changes of the entities.
  let created = res.fileName;
  if (created) {
    const file = path.resolve('src/db/migrations', created);
    const text = withoutDatabaseForeignKeys(readFileSync(file, 'utf8'));
    if (text.includes('addSql(')) writeFileSync(file, text);
    else {
      rmSync(file);
      created = '';
    }
  }
  console.log(created ? `created src/db/migrations/${created}` : 'no schema changes');
  await orm.close(true);
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}

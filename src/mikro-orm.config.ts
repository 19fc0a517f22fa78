// Config for the MikroORM CLI (`npx mikro-orm migration:create --config ./src/mikro-orm.config.ts`).
import { loadConfig } from './config.js';
import { ormConfig } from './db/orm.js';

const cfg = loadConfig();
export default ormConfig(cfg.databaseUrl ?? 'postgresql://postgres:postgres@127.0.0.1:5432/facturaxpress_dev');

import 'reflect-metadata';
import { parseArgs, UsageError } from './cli/args.js';
import { commands as baseCommands } from './cli/commands.js';
import { reportCommands } from './cli/report-commands.js';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { AppError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { createMhServices } from './hacienda/mh-services.js';
import { DatabaseUnavailableError, openDatabase } from './db/database.js';

// `npm run fx -- <command> [...]`. Exit codes: 0 ok, 1 rejected input (typed error), 2 usage/config, 3 database.
const commands = { ...baseCommands, ...reportCommands };
const args = parseArgs(process.argv.slice(2));
const cmd = args.command ? commands[args.command] : undefined;
if (!cmd) {
  process.stderr.write(
    `usage: npm run fx -- <command>\n\n${Object.values(commands)
      .map((c) => `  ${c.help}`)
      .join('\n')}\n`,
  );
  process.exit(args.command ? 2 : 0);
}

let code = 0;
let mh: Awaited<ReturnType<typeof createMhServices>> | undefined;
const config = (() => {
  try {
    return loadConfig(undefined, []);
  } catch (e) {
    process.stderr.write(`configuration error: ${(e as ConfigError).message}\n`);
    process.exit(2);
  }
})();
const log = createLogger('warn');
const db = await openDatabase(config, log).catch((e) => {
  process.stderr.write(`${e instanceof DatabaseUnavailableError ? e.message : String(e)}\n`);
  process.exit(3);
});
try {
  mh = await createMhServices(config, log);
  await cmd.run(createApp({ config, log, db, mh }), args, (line) => process.stdout.write(`${line}\n`));
} catch (err) {
  if (err instanceof AppError) {
    process.stderr.write(`error ${err.code}: ${err.issues.length ? `${err.issues.length} problem(s)` : err.message}\n`);
    for (const i of err.issues) process.stderr.write(`  ${i.path}: ${i.code} — ${i.message}\n`);
    code = 1;
  } else if (err instanceof UsageError) {
    process.stderr.write(`usage error: ${err.message}\n  ${cmd.help}\n`);
    code = 2;
  } else {
    process.stderr.write(`failed: ${err instanceof Error ? err.message : String(err)}\n`);
    code = 1;
  }
} finally {
  await mh?.close();
  await db.close();
}
process.exit(code);

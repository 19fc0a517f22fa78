import { createMhSandbox } from './index.js';

/**
 * `npm run mh-sandbox -- --port 8787 --host 127.0.0.1 [--journal .data/mh-sandbox.jsonl]`: the MH sandbox as a
 * standalone process.
 */
function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
}

const portFlag = flag('port');
const port = portFlag === undefined ? 8787 : Number(portFlag);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer 0–65535, got "${portFlag}"`);
  process.exit(2);
}
const sandbox = await createMhSandbox({ port, host: flag('host') ?? '127.0.0.1', journalFile: flag('journal') });
console.log(`MH sandbox listening on ${sandbox.url}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void sandbox.close().then(() => process.exit(0));
  });
}

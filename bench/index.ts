// `npm run bench`: every benchmark of the service, one after the other, printing its figures.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const suites: [string, string, string][] = [
  ['dte', './dte.js', 'benchDte'],
  ['signing', './signing.js', 'benchSigning'],
  ['minimal', './minimal.js', 'benchMinimal'],
  ['pipeline', './pipeline.js', 'benchPipeline'],
  ['graph', './graph.js', 'benchGraph'],
  ['api', './api.js', 'benchApi'],
  ['subscribers', './subscribers.js', 'benchSubscribers'],
  ['fairness', './fairness.js', 'benchFairness'],
  ['memory', './memory.js', 'benchMemory'],
  ['documents', './documents.js', 'benchDocuments'],
  ['webhooks', './webhooks.js', 'benchWebhooks'],
  ['history', './history.js', 'benchHistory'],
];

console.log(`FacturaXpress benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const [name, file, fn] of suites) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(new URL(file, `file://${here}`))) continue;
  const mod = (await import(file)) as Record<string, () => Promise<void>>;
  await mod[fn]!();
}
process.exit(0);

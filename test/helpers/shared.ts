// MH's official schemas and catalogs live beside the repository (../shared), never inside it. A newcomer without that
// folder gets a visible skip; in CI (CI set) its absence is an error, so conformance is never skipped silently.
import { existsSync } from 'node:fs';

export function sharedPresent(dir: string, what: string): boolean {
  if (existsSync(dir)) return true;
  if (process.env.CI) throw new Error(`${what} not found at ${dir}: CI must run with ../shared beside the repository`);
  console.warn(`[skip] ${what} not found at ${dir}: the tests that need it are skipped`);
  return false;
}

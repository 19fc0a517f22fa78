export * from './types.js';
export { MhClient, type MhClientOptions, type AuthToken } from './client.js';
export { TOKEN_LIFETIME_MS } from './token-cache.js';
export type { FetchLike } from './http.js';
export { formatFhProcesamiento, svDateTimeParts } from './time.js';
export { createMhSandbox } from './sandbox/index.js';
export type { MhSandbox, MhSandboxOptions, MhFault, SandboxTenant, SandboxStats } from './sandbox/index.js';

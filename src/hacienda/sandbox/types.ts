import type { Ambiente } from '../types.js';

/** What the project's DTE validator returns (src/dte validateDte). */
export interface Issue {
  path: string;
  code: string;
  message: string;
}

export type Validate = (doc: unknown) => Issue[];

/**
 * Faults, injected globally or per tenant NIT. `times` makes a fault one-shot (or N-shot); without it, it lasts until
 * cleared. `timeout` applies to the submitting endpoints only (recepciondte, recepcionlote, anulardte, contingencia),
 * so consultadte keeps answering — that is how "MH got it but the answer was lost" is simulated with
 * `afterProcessing: true`.
 */
export type MhFault =
  | { latencyMs: number; times?: number }
  | { timeout: true; afterProcessing?: boolean; holdMs?: number; times?: number }
  | { status5xx: number; times?: number }
  | { outageUntil: string }
  | { rejectNext: number; codigoMsg?: string; descripcionMsg?: string }
  | { observacionesNext: number; observacion?: string }
  /** The next N lotes are answered RECIBIDO and then lost: never processed, unknown to consultadtelote (404). */
  | { loseLotes: number };

export interface SandboxTenant {
  nit: string;
  password: string;
  publicKeyPem: string;
  ambiente: Ambiente;
}

export interface MhSandboxOptions {
  port?: number;
  host?: string;
  /** The DTE validator (src/dte validateDte); without it only signature, identity, duplicate and date rules apply. */
  validate?: Validate;
  now?: () => Date;
  /** Delay before a lote's documents get their results (MH takes 1–3 min per 100; MH's rules). Default 300 ms. */
  loteDelayMs?: number;
  /** How old a normal (tipoOperacion 1) document may be when it arrives. Default 24 h (see date-rules.ts). */
  maxPastHours?: number;
  /** Append-only journal of what was received (JSON lines); replayed at start. Default: none (memory only). */
  journalFile?: string;
}

export interface SandboxStats {
  authRequests: number;
  tokensIssued: number;
  receptions: number;
  processed: number;
  rejected: number;
  duplicates: number;
  lotes: number;
  contingencias: number;
  invalidaciones: number;
  faultsApplied: number;
  documents: number;
}

export interface MhSandbox {
  url: string;
  close(): Promise<void>;
  registerTenant(t: SandboxTenant): void;
  setFault(fault: MhFault, nit?: string): void;
  clearFaults(nit?: string): void;
  /** Invalidate issued tokens (all, or one NIT's) so the next call gets HTTP 401. */
  revokeTokens(nit?: string): void;
  /** How many times MH received a document or event with this codigoGeneracion, duplicates and rejections included. */
  receptions(codigoGeneracion: string): number;
  stats(): SandboxStats;
}

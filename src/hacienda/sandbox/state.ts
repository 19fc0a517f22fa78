import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { TOKEN_LIFETIME_MS } from '../token-cache.js';
import type { Ambiente } from '../types.js';
import type { DteAnswer } from './responses.js';
import type { MhFault, SandboxStats, SandboxTenant } from './types.js';
import type { SandboxJournal } from './journal.js';

export interface Tenant extends SandboxTenant {
  publicKey: KeyObject;
}

export interface StoredDocument {
  nit: string;
  tipoDte: string;
  codigoGeneracion: string;
  estado: 'PROCESADO' | 'RECHAZADO';
  answer: DteAnswer;
  doc: Record<string, unknown> | null;
  selloRecibido: string | null;
  invalidated: boolean;
}

export interface ContingencyEvent {
  nit: string;
  codigoGeneracion: string;
  receivedAt: Date;
  documentos: Set<string>;
}

type JournaledContingency = Omit<ContingencyEvent, 'documentos' | 'receivedAt'> & {
  documentos: string[];
  receivedAt: string;
};

/** What the journal holds, one JSON line each (see SandboxJournal). */
export type JournalEntry =
  | { t: 'doc'; v: StoredDocument }
  | { t: 'count'; c: string }
  | { t: 'contingency'; v: JournaledContingency }
  | { t: 'invalidation'; k: string; target: string };

export interface Lote {
  nit: string;
  codigoLote: string;
  total: number;
  procesados: Record<string, unknown>[];
  rechazados: Record<string, unknown>[];
}

type FaultKind =
  | 'latencyMs'
  | 'timeout'
  | 'status5xx'
  | 'outageUntil'
  | 'rejectNext'
  | 'observacionesNext'
  | 'loseLotes';
const GLOBAL = '*';

export function faultKind(f: MhFault): FaultKind {
  return (
    ['latencyMs', 'timeout', 'status5xx', 'outageUntil', 'rejectNext', 'observacionesNext', 'loseLotes'] as const
  ).find((k) => k in f)!;
}

/** Everything the sandbox remembers: in memory, and in the journal when one is configured. */
export class SandboxState {
  readonly tenants = new Map<string, Tenant>();
  readonly tokens = new Map<string, { nit: string; ambiente: Ambiente; expiresAt: number }>();
  readonly documents = new Map<string, StoredDocument>();
  /**
   * Each codigoGeneracion named in a stored Retorno's (18) documentoRelacionado → the codes of those Retornos: the
   * Retornos against a document are found without reading every stored one. A code stays listed after its document is
   * stored again with other contents, so the caller checks each stored document the index gives.
   */
  private readonly retornoIndex = new Map<string, Set<string>>();
  readonly receptionCounts = new Map<string, number>();
  readonly contingencies = new Map<string, ContingencyEvent>();
  readonly invalidations = new Map<string, string>();
  readonly lotes = new Map<string, Lote>();
  /** scope (NIT or '*') → kind → fault (with a mutable remaining count). */
  private readonly faults = new Map<string, Map<FaultKind, MhFault & { remaining?: number }>>();
  readonly counters: Omit<SandboxStats, 'documents'> = {
    authRequests: 0,
    tokensIssued: 0,
    receptions: 0,
    processed: 0,
    rejected: 0,
    duplicates: 0,
    lotes: 0,
    contingencias: 0,
    invalidaciones: 0,
    faultsApplied: 0,
  };

  constructor(
    readonly now: () => Date,
    private readonly journal: SandboxJournal<JournalEntry> | null = null,
  ) {
    for (const e of journal?.read() ?? []) this.apply(e);
  }

  private apply(e: JournalEntry): void {
    if (e.t === 'doc') this.storeDocument(e.v);
    else if (e.t === 'count') this.receptionCounts.set(e.c, (this.receptionCounts.get(e.c) ?? 0) + 1);
    else if (e.t === 'contingency')
      this.contingencies.set(e.v.codigoGeneracion, {
        ...e.v,
        receivedAt: new Date(e.v.receivedAt),
        documentos: new Set(e.v.documentos),
      });
    else if (e.t === 'invalidation') {
      this.invalidations.set(e.k, e.target);
      const doc = this.documents.get(e.target);
      if (doc) doc.invalidated = true;
    }
  }

  private storeDocument(d: StoredDocument): void {
    this.documents.set(d.codigoGeneracion, d);
    if (d.tipoDte !== '18') return;
    const related = d.doc?.documentoRelacionado;
    if (!Array.isArray(related)) return;
    for (const r of related as unknown[]) {
      const codigo = r && typeof r === 'object' ? (r as Record<string, unknown>).codigoGeneracion : undefined;
      if (typeof codigo !== 'string') continue;
      let set = this.retornoIndex.get(codigo);
      if (!set) this.retornoIndex.set(codigo, (set = new Set()));
      set.add(d.codigoGeneracion);
    }
  }

  /**
   * The stored documents that may be Retornos relating `codigo` (every one that is, perhaps others: the caller checks
   * each), in the order of `documents` (a Map keeps a key where it was first set, which a later Retorno code may
   * precede: with more than one, they are taken in that order from `documents`).
   */
  retornosRelating(codigo: string): StoredDocument[] {
    const codes = this.retornoIndex.get(codigo);
    if (!codes) return [];
    if (codes.size === 1) {
      const d = this.documents.get(codes.values().next().value!);
      return d ? [d] : [];
    }
    const out: StoredDocument[] = [];
    for (const [c, d] of this.documents) if (codes.has(c)) out.push(d);
    return out;
  }

  saveDocument(d: StoredDocument): void {
    this.storeDocument(d);
    this.journal?.write({ t: 'doc', v: d });
  }

  saveContingency(ev: ContingencyEvent): void {
    this.contingencies.set(ev.codigoGeneracion, ev);
    this.journal?.write({
      t: 'contingency',
      v: { ...ev, receivedAt: ev.receivedAt.toISOString(), documentos: [...ev.documentos] },
    });
  }

  saveInvalidation(codigoGeneracion: string, target: string): void {
    this.invalidations.set(codigoGeneracion, target);
    const doc = this.documents.get(target);
    if (doc) doc.invalidated = true;
    this.journal?.write({ t: 'invalidation', k: codigoGeneracion, target });
  }

  registerTenant(t: SandboxTenant): void {
    if (!/^(\d{14}|\d{9})$/.test(t.nit)) throw new Error(`tenant nit must be 14 or 9 digits, got "${t.nit}"`);
    if (t.ambiente !== '00' && t.ambiente !== '01') throw new Error(`tenant ambiente must be "00" or "01"`);
    if (typeof t.password !== 'string' || !t.password) throw new Error('tenant password is required');
    this.tenants.set(t.nit, { ...t, publicKey: createPublicKey(t.publicKeyPem) });
  }

  issueToken(nit: string, ambiente: Ambiente): string {
    const token = `Bearer ${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { nit, ambiente, expiresAt: this.now().getTime() + TOKEN_LIFETIME_MS[ambiente] });
    this.counters.tokensIssued++;
    return token;
  }

  tenantForToken(authorization: string | undefined): Tenant | 'missing' | 'invalid' {
    if (!authorization) return 'missing';
    const t = this.tokens.get(authorization);
    if (!t || t.expiresAt <= this.now().getTime()) return 'invalid';
    return this.tenants.get(t.nit) ?? 'invalid';
  }

  revokeTokens(nit?: string): void {
    for (const [token, t] of this.tokens) if (!nit || t.nit === nit) this.tokens.delete(token);
  }

  /** Counts one attempt under its codigoGeneracion; `journal: false` leaves its journal entry to journalReception. */
  countReception(codigoGeneracion: string, journal = true): void {
    this.receptionCounts.set(codigoGeneracion, (this.receptionCounts.get(codigoGeneracion) ?? 0) + 1);
    this.counters.receptions++;
    if (journal) this.journalReception(codigoGeneracion);
  }

  /**
   * Journals one attempt once its answer is decided (before the answer leaves). An attempt the sandbox died in the
   * middle of leaves no trace, as at MH, whose reception either completes or never happened: the client's consultadte
   * then finds nothing and sends again.
   */
  journalReception(codigoGeneracion: string): void {
    this.journal?.write({ t: 'count', c: codigoGeneracion });
  }

  setFault(fault: MhFault, nit?: string): void {
    const scope = nit ?? GLOBAL;
    const kind = faultKind(fault);
    if (!kind) throw new Error(`unknown fault ${JSON.stringify(fault)}`);
    const remaining =
      'times' in fault && typeof fault.times === 'number'
        ? fault.times
        : kind === 'rejectNext'
          ? (fault as { rejectNext: number }).rejectNext
          : kind === 'observacionesNext'
            ? (fault as { observacionesNext: number }).observacionesNext
            : kind === 'loseLotes'
              ? (fault as { loseLotes: number }).loseLotes
              : undefined;
    if (!this.faults.has(scope)) this.faults.set(scope, new Map());
    this.faults.get(scope)!.set(kind, { ...fault, remaining });
  }

  clearFaults(nit?: string): void {
    if (nit) this.faults.delete(nit);
    else this.faults.clear();
  }

  /** The active fault of that kind for the NIT (tenant scope first, then global), consuming one use if counted. */
  takeFault<K extends FaultKind>(kind: K, nit: string | undefined): Extract<MhFault, Record<K, unknown>> | undefined {
    for (const scope of nit ? [nit, GLOBAL] : [GLOBAL]) {
      const f = this.faults.get(scope)?.get(kind);
      if (!f) continue;
      if (kind === 'outageUntil' && Date.parse((f as { outageUntil: string }).outageUntil) <= this.now().getTime()) {
        this.faults.get(scope)!.delete(kind);
        continue;
      }
      if (f.remaining !== undefined) {
        if (f.remaining <= 0) {
          this.faults.get(scope)!.delete(kind);
          continue;
        }
        f.remaining--;
      }
      this.counters.faultsApplied++;
      return f as Extract<MhFault, Record<K, unknown>>;
    }
    return undefined;
  }

  stats(): SandboxStats {
    return { ...this.counters, documents: this.documents.size };
  }
}

/** The service's configuration, as loadConfig (config.ts) reads it from the environment. */
import type { QueryLimits } from './graphql/query-limits.js';
import type { SigmaFields } from './modules/sigma/sigma-fields.js';

/**
 * The service's settings, typed and checked: everything but loadConfig receives a Config, never the environment.
 * Defaults are safe for a developer laptop: embedded PostgreSQL under ./.data, loopback only, the in-process MH
 * sandbox.
 */
export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /**
   * How long an idle client connection is kept open between requests (HTTP keep-alive). Longer than the idle
   * timeout of the proxies and load balancers usually put in front (60 s is common), so that the server never closes
   * a connection a proxy is about to reuse, and a client emitting every few seconds keeps its connection.
   */
  httpKeepAliveMs: number;
  /** External PostgreSQL; when absent, an embedded server is started with its data under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: string;
  adminKey: string | null;
  /**
   * 32-byte key that encrypts private keys and MH passwords at rest (base64 or hex). Generated under dataDir when
   * absent outside production.
   */
  masterKey: string | null;
  jwt: {
    jwksUrl: string | null;
    publicKeyPem: string | null;
    issuer: string | null;
    audience: string | null;
    /** Longest accepted token lifetime (exp − iat); tokens without exp are refused. */
    maxLifetimeSeconds: number;
  };
  tls: { cert: string; key: string; ca: string } | null;
  mh: {
    /**
     * Where MH is: null → the project's in-process MH sandbox; a URL → that host for both ambientes (e.g. a standalone
     * `npm run mh-sandbox`); the word `mh` → MH's real hosts, chosen per document by its ambiente (00 → apitest, 01 →
     * api).
     */
    baseUrl: string | null;
    /** The base URL is a FacturaXpress MH sandbox (credentials are registered with it over its control API). */
    isSandbox: boolean;
    /**
     * The in-process sandbox runs in a worker thread of its own (FX_MH_SANDBOX_THREAD), so its work never delays the
     * API's requests. Default: on, except in tests (whose sandbox stays on the test's thread).
     */
    sandboxThread: boolean;
    userAgent: string;
    timeoutMs: number;
  };
  worker: {
    enabled: boolean;
    api: boolean;
    concurrency: number;
    perTenantConcurrency: number;
    /**
     * Requests per second toward MH, per process: a property of the target. MH's hosts publish no limit, so a
     * conservative configurable one applies to them; a FacturaXpress MH sandbox (in-process or standalone) has none.
     */
    ratePerSecond: number | null;
    leaseMs: number;
    /**
     * A worker process lowers its weight on a busy CPU to this nice value while it keeps pace (its session's when it
     * leads one, its threads' where it may set them back), and restores it when it falls behind
     * (src/queue/background-priority.ts). 0: never lowered.
     */
    nice: number;
  };
  pipeline: { maxSends: number; unreachableBeforeContingency: number; contingencyProbeMs: number; lotePollMs: number };
  /**
   * `npm start` processes on this machine (FX_PROCESSES): 1 runs everything in one process; N ≥ 2 runs N − 1 API
   * processes and one worker process on the one database (src/cluster.ts). Default: 2 on a machine with 2+ cores.
   */
  processes: number;
  /** The job table keeps finished jobs only this long (the documents' history lives elsewhere). */
  jobs: { failedRetentionMs: number; pruneEveryMs: number };
  publicUrl: string;
  /**
   * Browser origins allowed to call GraphQL, REST and the supergraph gateway (CORS), e.g. `https://app.sigma.example`.
   * Empty: no cross-origin browser access (same-origin and server-to-server calls are unaffected). `*` allows any
   * origin.
   */
  corsOrigins: string[];
  /** `enforce`: API-key clients may run only the persisted operations of the manifest (schema/operations). */
  trustedDocuments: 'allow' | 'enforce';
  /** Notifications: webhooks, document links, e-mail to the receptor, deadline warnings. */
  notifications: {
    /** SMTP_URL (nodemailer URL); null → mail is written as .eml files to mailOutboxDir and the status says so. */
    smtpUrl: string | null;
    mailFrom: string;
    mailOutboxDir: string;
    /** Deliver webhooks to private/loopback addresses (default: everywhere except production). */
    webhookAllowPrivate: boolean;
    /** Success = a 2xx within this time (15 s). */
    webhookTimeoutMs: number;
    /** Lifetime of pdfUrl / jsonUrl links. */
    documentLinkTtlSeconds: number;
    /** dte.deadline.warning fires this long before a contingency / transmission / invalidation deadline. */
    deadlineWarningMs: number;
    deadlineScanMs: number;
  };
  /** SIGMA's side of the graph: the fields read through federation, and the server-to-server lookup for emission. */
  sigma: {
    /** FX_SIGMA_FIELDS: SIGMA's Patient/Service fields declared @external (default: the demo SIGMA subgraph's). */
    fields: SigmaFields;
    /** FX_SIGMA_URL: SIGMA's subgraph endpoint; emission by patientId then reads the patient from SIGMA. */
    url: string | null;
    /** FX_SIGMA_TOKEN: FacturaXpress's own credential at SIGMA (sent as Authorization: Bearer). */
    token: string | null;
    timeoutMs: number;
  };
  /** `npm run supergraph`: the gateway's and the demo SIGMA subgraph's ports (FacturaXpress keeps PORT). */
  supergraph: { gatewayPort: number; sigmaPort: number };
  /** Bearer token for GET /metrics; without one, /metrics is closed in production and open elsewhere. */
  metricsToken: string | null;
  /** GraphQL limits (measured before any other work) and the WebSocket credential re-check. */
  graphql: {
    limits: QueryLimits;
    /** Open graphql-ws sockets re-check their credential this often (revoked/expired keys are closed with 4403). */
    wsRecheckMs: number;
  };
}

/**
 * Claim order of job kinds (lower first). Talking to MH comes first: documents have legal deadlines and a client
 * waiting for its sello; then telling SIGMA (webhooks); then rendering and e-mail, which only cost local CPU.
 */
export const JOB_PRIORITY: Record<string, number> = {
  'transmit-invoice': 0,
  'contingency-event': 0,
  'send-lote': 0,
  'poll-lote': 0,
  'transmit-fiscal-event': 0,
  'webhook-delivery': 2,
  'render-document': 4,
  'send-invoice-email': 5,
  'deadline-scan': 6,
  'monthly-report': 7,
};
export const DEFAULT_PRIORITY = 5;

export const priorityOf = (kind: string): number => JOB_PRIORITY[kind] ?? DEFAULT_PRIORITY;

/** Kinds that call MH: the per-tenant concurrency limit (fairness between tenants toward MH) applies to these. */
export const isMhBound = (kind: string): boolean => priorityOf(kind) === 0;

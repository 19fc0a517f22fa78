import type { InvoiceStatus } from './invoice-lifecycle.js';

/** The FacturaXpress v1.0 vocabulary SIGMA servers written against that guide read (`estado`), beside `status`. */
export type EstadoV1 = 'generada' | 'sellada' | 'rechazada' | 'contingencia' | 'invalidada';

const ESTADOS: Record<InvoiceStatus, EstadoV1> = {
  QUEUED: 'generada',
  SIGNED: 'generada',
  SENT: 'generada',
  UNKNOWN: 'generada',
  PROCESSED: 'sellada',
  REJECTED: 'rechazada',
  CONTINGENCY: 'contingencia',
  INVALIDATED: 'invalidada',
};

export function estadoOf(status: InvoiceStatus): EstadoV1 {
  return ESTADOS[status];
}

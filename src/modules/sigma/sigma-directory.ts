import { AppError, ErrorCode } from '../../core/errors.js';
import { sigmaSelections, type SigmaFields } from './sigma-fields.js';

export type SigmaRecord = Record<string, unknown>;

/**
 * SIGMA's subgraph read server to server (emission by patientId / serviceId without a prior sync): the same
 * configured fields the graph `@requires`, fetched through SIGMA's own `_entities`, with FacturaXpress's credential.
 */
export interface SigmaDirectory {
  readonly fields: SigmaFields;
  /** SIGMA's URL is configured and at least one Patient field is. */
  readonly readsPatients: boolean;
  readonly readsServices: boolean;
  /** SIGMA's patient (only the configured fields), or null when SIGMA does not know the id. */
  patient(patientId: string, tenantId: string): Promise<SigmaRecord | null>;
  /** SIGMA's services by id (only the configured fields); unknown ids are absent. */
  services(serviceIds: string[], tenantId: string): Promise<Map<string, SigmaRecord>>;
}

export interface SigmaDirectoryOptions {
  fields: SigmaFields;
  url: string | null;
  token: string | null;
  timeoutMs: number;
}

const unavailable = (why: string) =>
  new AppError(
    ErrorCode.SIGMA_UNAVAILABLE,
    `SIGMA's subgraph could not be read (${why}): retry, or send the receptor / item fields inline`,
  );

type EntitiesAnswer = { data?: { _entities?: (SigmaRecord | null)[] }; errors?: { message: string }[] } | null;
type Entity = 'Patient' | 'Service';

async function entities(o: SigmaDirectoryOptions, type: Entity, selection: string, ids: string[], tenantId: string) {
  const query = `query FacturaXpressReads${type}($r: [_Any!]!) {
    _entities(representations: $r) { ... on ${type} { id ${selection} } } }`;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tenant-id': tenantId };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let res: Response;
  try {
    const body = JSON.stringify({ query, variables: { r: ids.map((id) => ({ __typename: type, id })) } });
    res = await fetch(o.url!, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs) });
  } catch (e) {
    throw unavailable((e as Error).name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : 'unreachable');
  }
  const json = (await res.json().catch(() => null)) as EntitiesAnswer;
  const list = json?.data?._entities;
  if (!res.ok || !Array.isArray(list) || list.length !== ids.length) {
    throw unavailable(`HTTP ${res.status}${json?.errors?.length ? `: ${json.errors[0]!.message}` : ''}`);
  }
  return list;
}

export function createSigmaDirectory(o: SigmaDirectoryOptions): SigmaDirectory {
  const sel = sigmaSelections(o.fields);
  return {
    fields: o.fields,
    readsPatients: !!o.url && !!sel.Patient,
    readsServices: !!o.url && !!sel.Service,
    async patient(patientId, tenantId) {
      if (!o.url || !sel.Patient) return null;
      return (await entities(o, 'Patient', sel.Patient, [patientId], tenantId))[0] ?? null;
    },
    async services(serviceIds, tenantId) {
      const ids = [...new Set(serviceIds)];
      if (!o.url || !sel.Service || !ids.length) return new Map();
      const rows = await entities(o, 'Service', sel.Service, ids, tenantId);
      return new Map(rows.flatMap((r, i) => (r ? [[ids[i]!, r] as [string, SigmaRecord]] : [])));
    },
  };
}

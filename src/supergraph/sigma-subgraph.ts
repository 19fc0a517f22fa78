import { readFileSync, existsSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export interface DemoPatient {
  id: string;
  name: string;
  medicalRecordNumber: string;
  birthDate: string | null;
  documentType?: 'DUI' | 'NIT' | 'PASSPORT' | 'RESIDENT_CARD' | 'OTHER' | null;
  documentNumber?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: { line1: string; department: string | null; municipality: string | null; district: string | null } | null;
}
export interface DemoService {
  id: string;
  name: string;
  area: 'CLINIC' | 'HOSPITAL' | 'LAB' | 'PHARMACY';
}

const SAN_SALVADOR = { department: '06', municipality: '23', district: '14' };

/** Fictitious demo data: the ids are what SIGMA would send FacturaXpress as patientId / serviceId. */
export const DEMO_PATIENTS: DemoPatient[] = [
  {
    id: 'P-1001',
    name: 'María José Rivas',
    medicalRecordNumber: 'HC-2024-0117',
    birthDate: '1987-03-14',
    documentType: 'DUI',
    documentNumber: '12345678-4',
    email: 'mjrivas@example.com',
    phone: '7012-3456',
    address: { line1: 'Col. Escalón, Calle El Mirador 4520', ...SAN_SALVADOR },
  },
  { id: 'P-1002', name: 'Droguería El Alivio (convenio)', medicalRecordNumber: 'HC-2025-0033', birthDate: null },
  // Never pushed to FacturaXpress: its receptor comes from SIGMA's fields alone.
  {
    id: 'P-1003',
    name: 'José Antonio Pérez',
    medicalRecordNumber: 'HC-2026-0451',
    birthDate: '1970-11-02',
    documentType: 'DUI',
    documentNumber: '04567891-1',
    email: 'japerez@example.com',
    phone: '2250-7788',
    address: { line1: 'Av. Los Próceres 12, apto 3', ...SAN_SALVADOR },
  },
  // A clinical record with a mistyped DUI (wrong check digit): MH would refuse it.
  {
    id: 'P-1004',
    name: 'Ana Beatriz Molina',
    medicalRecordNumber: 'HC-2026-0502',
    birthDate: '1995-06-30',
    documentType: 'DUI',
    documentNumber: '03216549-0',
    email: null,
    phone: null,
    address: null,
  },
];
export const DEMO_SERVICES: DemoService[] = [
  { id: 'SVC-CONSULTA-CARDIO', name: 'Consulta de cardiología', area: 'CLINIC' },
  { id: 'SVC-EKG', name: 'Electrocardiograma', area: 'HOSPITAL' },
  { id: 'LAB-HEMO', name: 'Hemograma completo', area: 'LAB' },
  { id: 'LAB-GLUCOSA', name: 'Glucosa en ayunas', area: 'LAB' },
  { id: 'FARM-ACETAMINOFEN-500', name: 'Acetaminofén 500 mg, caja de 10 tabletas', area: 'PHARMACY' },
];

/** schema/sigma.graphql, found from src/ (vitest, swc) and from dist/src/ (npm run supergraph). */
export function sigmaTypeDefs(): string {
  for (const rel of ['../../schema/sigma.graphql', '../../../schema/sigma.graphql']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new Error('schema/sigma.graphql not found');
}

const byId =
  <T extends { id: string }>(rows: T[]) =>
  (id: string) =>
    rows.find((r) => r.id === id) ?? null;

export interface RunningSubgraph {
  url: string;
  stop(): Promise<void>;
}

export interface RunningSigma extends RunningSubgraph {
  /** This instance's data (a copy of the demo data): a test may change a patient as SIGMA would. */
  patients: DemoPatient[];
  services: DemoService[];
  /** The headers of the last 100 requests (who called: the gateway with the caller's key, or FacturaXpress). */
  requests: IncomingHttpHeaders[];
}

export interface SigmaSubgraphOptions {
  port?: number;
  host?: string;
  /** Another SIGMA schema (e.g. only `Patient { id }` and `Service { id }`); default schema/sigma.graphql. */
  typeDefs?: string;
  /** Stack traces in error responses (development only). */
  stackTraces?: boolean;
}

/** A small SIGMA subgraph (owner of Patient and Service) for the federation proof and `npm run supergraph`. */
export async function startSigmaSubgraph(opts: SigmaSubgraphOptions = {}): Promise<RunningSigma> {
  const patients = structuredClone(DEMO_PATIENTS);
  const services = structuredClone(DEMO_SERVICES);
  const requests: IncomingHttpHeaders[] = [];
  const patient = byId(patients);
  const service = byId(services);
  const resolvers = {
    Query: {
      patient: (_: unknown, a: { id: string }) => patient(a.id),
      patients: () => patients,
      service: (_: unknown, a: { id: string }) => service(a.id),
      services: (_: unknown, a: { area?: string | null }) => services.filter((s) => !a.area || s.area === a.area),
    },
    Patient: { __resolveReference: (ref: { id: string }) => patient(ref.id) },
    Service: { __resolveReference: (ref: { id: string }) => service(ref.id) },
  };
  const typeDefs = parse(opts.typeDefs ?? sigmaTypeDefs());
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  const server = new ApolloServer({
    schema,
    includeStacktraceInErrorResponses: opts.stackTraces ?? false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' },
    context: async ({ req }) => {
      if (requests.push(req.headers) > 100) requests.shift();
      return {};
    },
  });
  return { url, patients, services, requests, stop: () => server.stop() };
}

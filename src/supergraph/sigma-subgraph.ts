import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/** Fictitious demo data: the ids are what SIGMA would send FacturaXpress as patientId / serviceId. */
export const DEMO_PATIENTS = [
  { id: 'P-1001', name: 'María José Rivas', medicalRecordNumber: 'HC-2024-0117', birthDate: '1987-03-14' },
  { id: 'P-1002', name: 'Droguería El Alivio (convenio)', medicalRecordNumber: 'HC-2025-0033', birthDate: null },
  { id: 'P-1003', name: 'José Antonio Pérez', medicalRecordNumber: 'HC-2026-0451', birthDate: '1970-11-02' },
];
export const DEMO_SERVICES = [
  { id: 'SVC-CONSULTA-CARDIO', name: 'Consulta de cardiología', area: 'CLINIC' },
  { id: 'SVC-EKG', name: 'Electrocardiograma', area: 'HOSPITAL' },
  { id: 'LAB-HEMO', name: 'Hemograma completo', area: 'LAB' },
];

/** schema/sigma.graphql, found from src/ (vitest, swc) and from dist/src/ (npm run supergraph). */
export function sigmaTypeDefs(): string {
  for (const rel of ['../../schema/sigma.graphql', '../../../schema/sigma.graphql']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new Error('schema/sigma.graphql not found');
}

const byId = <T extends { id: string }>(rows: T[]) => (id: string) => rows.find((r) => r.id === id) ?? null;

export interface RunningSubgraph {
  url: string;
  stop(): Promise<void>;
}

/** A small SIGMA subgraph (owner of Patient and Service) for the federation proof and `npm run supergraph`. */
export async function startSigmaSubgraph(opts: { port?: number; host?: string } = {}): Promise<RunningSubgraph> {
  const patient = byId(DEMO_PATIENTS);
  const service = byId(DEMO_SERVICES);
  const resolvers = {
    Query: {
      patient: (_: unknown, a: { id: string }) => patient(a.id),
      patients: () => DEMO_PATIENTS,
      service: (_: unknown, a: { id: string }) => service(a.id),
      services: (_: unknown, a: { area?: string | null }) => DEMO_SERVICES.filter((s) => !a.area || s.area === a.area),
    },
    Patient: { __resolveReference: (ref: { id: string }) => patient(ref.id) },
    Service: { __resolveReference: (ref: { id: string }) => service(ref.id) },
  };
  const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs: parse(sigmaTypeDefs()), resolvers: resolvers as never }]), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { inferTipoDte } from '../modules/patients/expand-emission.js';
import type { PatientReceptor } from '../modules/patients/patient-receptor.js';
import { FieldProblem } from './errors.types.js';
import { DireccionType } from './tenant.types.js';

export enum ReceptorSource {
  SIGMA = 'SIGMA',
  FISCAL_PROFILE = 'FISCAL_PROFILE',
}
registerEnumType(ReceptorSource, {
  name: 'ReceptorSource',
  description: "SIGMA: SIGMA's own patient field; FISCAL_PROFILE: the stored fiscal profile (wins field by field)",
});

@ObjectType('ReceptorFieldSource', { description: 'Where one receptor field came from' })
export class ReceptorFieldSourceType {
  @Field({ description: 'Receptor field, e.g. numDocumento' }) field!: string;
  @Field(() => ReceptorSource) source!: ReceptorSource;
  @Field(() => String, { nullable: true, description: "SIGMA's field, e.g. Patient.documentNumber (SIGMA values)" })
  sigmaField!: string | null;
}

@ObjectType('PatientReceptor', { description: 'The DTE receptor emission by patientId uses, with sources, problems' })
export class PatientReceptorType {
  @Field(() => String, { nullable: true }) nombre!: string | null;
  @Field(() => String, { nullable: true, description: 'CAT-022' }) tipoDocumento!: string | null;
  @Field(() => String, { nullable: true }) numDocumento!: string | null;
  @Field(() => String, { nullable: true }) nrc!: string | null;
  @Field(() => String, { nullable: true }) nombreComercial!: string | null;
  @Field(() => String, { nullable: true, description: 'CAT-019' }) codActividad!: string | null;
  @Field(() => String, { nullable: true }) descActividad!: string | null;
  @Field(() => DireccionType, { nullable: true }) direccion!: DireccionType | null;
  @Field(() => String, { nullable: true }) telefono!: string | null;
  @Field(() => String, { nullable: true }) correo!: string | null;
  @Field({ description: 'The document type emission infers: 03 (CCF) with NIT + NRC, else 01 (FE)' }) tipoDte!: string;
  @Field(() => [ReceptorFieldSourceType]) sources!: ReceptorFieldSourceType[];
  @Field({ description: 'True when `issues` is empty: an emission by patientId would take this receptor' })
  valid!: boolean;
  @Field(() => [FieldProblem], {
    description: 'Why MH would refuse this receptor (e.g. INVALID_DUI_CHECK_DIGIT); emission refuses it too',
  })
  issues!: FieldProblem[];
  @Field(() => [FieldProblem], { description: 'What was left out or assumed, without blocking emission' })
  warnings!: FieldProblem[];
}

export function patientReceptorView(r: PatientReceptor): PatientReceptorType {
  const v = r.receptor as Record<string, unknown>;
  const pick = (k: string) => (v[k] as string | undefined) ?? null;
  return {
    nombre: pick('nombre'),
    tipoDocumento: pick('tipoDocumento'),
    numDocumento: pick('numDocumento'),
    nrc: pick('nrc'),
    nombreComercial: pick('nombreComercial'),
    codActividad: pick('codActividad'),
    descActividad: pick('descActividad'),
    direccion: (v.direccion as DireccionType | undefined) ?? null,
    telefono: pick('telefono'),
    correo: pick('correo'),
    tipoDte: inferTipoDte(v),
    sources: r.sources.map((s) => ({ field: s.field, source: s.source as ReceptorSource, sigmaField: s.sigmaField })),
    valid: r.issues.length === 0,
    issues: r.issues,
    warnings: r.warnings,
  };
}

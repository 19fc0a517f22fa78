import { DateTimeISOResolver } from 'graphql-scalars';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DireccionType } from './tenant.types.js';

@Directive('@key(fields: "id")')
// No description: SIGMA owns the type and its description (differing ones are composition hints).
@ObjectType('Patient')
export class PatientType {
  @Field(() => ID) id!: string;
}

@ObjectType('FiscalProfile', { description: 'The DTE receptor for this patient' })
export class FiscalProfileType {
  @Field(() => String, { nullable: true, description: 'CAT-022' }) tipoDocumento!: string | null;
  @Field(() => String, { nullable: true }) numDocumento!: string | null;
  @Field(() => String, { nullable: true }) nrc!: string | null;
  @Field() nombre!: string;
  @Field(() => String, { nullable: true }) nombreComercial!: string | null;
  @Field(() => String, { nullable: true, description: 'CAT-019' }) codActividad!: string | null;
  @Field(() => String, { nullable: true }) descActividad!: string | null;
  @Field(() => DireccionType, { nullable: true }) direccion!: DireccionType | null;
  @Field(() => String, { nullable: true }) telefono!: string | null;
  @Field(() => String, { nullable: true }) correo!: string | null;
  @Field(() => DateTimeISOResolver) updatedAt!: Date;
}

@InputType('FiscalProfileInput')
export class FiscalProfileInput {
  @Field(() => String, {
    nullable: true,
    description: 'CAT-022: 36 NIT, 13 DUI, 37 otro, 03 pasaporte, 02 carné de residente',
  })
  tipoDocumento?: string | null;
  @Field(() => String, { nullable: true }) numDocumento?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'With NRC the patient is a contribuyente: invoices default to CCF',
  })
  nrc?: string | null;
  @Field() nombre!: string;
  @Field(() => String, { nullable: true }) nombreComercial?: string | null;
  @Field(() => String, { nullable: true }) codActividad?: string | null;
  @Field(() => String, { nullable: true }) descActividad?: string | null;
  @Field(() => DireccionType, { nullable: true }) direccion?: DireccionType | null;
  @Field(() => String, { nullable: true }) telefono?: string | null;
  @Field(() => String, { nullable: true }) correo?: string | null;
}

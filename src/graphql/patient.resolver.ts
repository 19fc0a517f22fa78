import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, createUnionType } from 'type-graphql';
import type { Context } from '../context.js';
import { listInvoices } from '../modules/invoices/list-invoices.js';
import { getPatientFiscalProfile } from '../modules/patients/get-patient-fiscal-profile.js';
import { getPatientReceptor } from '../modules/patients/get-patient-receptor.js';
import { upsertPatientFiscalProfile } from '../modules/patients/upsert-patient-fiscal-profile.js';
import { ValidationFailed, asResult, resolveResultType } from './errors.types.js';
import { toConnection } from './invoice.resolver.js';
import { InvoiceConnectionType, InvoiceFilterInput } from './invoice.types.js';
import { FiscalProfileInput, FiscalProfileType, PatientType } from './patient.types.js';
import { PatientReceptorType, patientReceptorView } from './receptor.types.js';

const FiscalProfileResult = createUnionType({
  name: 'FiscalProfileResult',
  types: () => [FiscalProfileType, ValidationFailed] as const,
  resolveType: resolveResultType('FiscalProfile'),
});

@Resolver(() => PatientType)
export class PatientResolver {
  @Authorized('patients:read')
  @FieldResolver(() => FiscalProfileType, {
    nullable: true,
    description: 'The DTE receptor for this patient, when registered',
  })
  fiscalProfile(@Ctx() ctx: Context, @Root() patient: { id: string }) {
    return getPatientFiscalProfile(ctx, patient.id);
  }

  @Authorized('patients:read')
  @FieldResolver(() => PatientReceptorType, {
    nullable: true,
    description: "The DTE receptor from SIGMA's own patient fields, overridden by the fiscal profile",
  })
  async receptor(@Ctx() ctx: Context, @Root() patient: { id: string }) {
    return patientReceptorView(await getPatientReceptor(ctx, patient));
  }

  @Authorized('invoices:read')
  @FieldResolver(() => InvoiceConnectionType, { nullable: true, description: "The patient's invoices, newest first" })
  async invoices(
    @Ctx() ctx: Context,
    @Root() patient: { id: string },
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => InvoiceFilterInput, { nullable: true }) filter: InvoiceFilterInput | null,
  ) {
    return toConnection(await listInvoices(ctx, { ...(filter ?? {}), patientId: patient.id }, first, after));
  }

  @Authorized('patients:write')
  @Mutation(() => FiscalProfileResult, {
    description: "Creates or replaces the patient's fiscal profile (NIT/DUI/NRC and catalogs are checked)",
  })
  upsertPatientFiscalProfile(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('input', () => FiscalProfileInput) input: FiscalProfileInput,
  ) {
    return asResult(() => upsertPatientFiscalProfile(ctx, patientId, input));
  }
}

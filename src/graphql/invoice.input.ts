import { JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { ErrorCode } from '../core/errors.js';
import { invalid, ok, orThrow, type Failure, type Result } from '../core/result.js';
import { DecimalScalar } from './invoice.scalars.js';
import { DireccionType } from './tenant.types.js';

// Typed mirror of the emission body (docs/dte-input.md) for the common health cases; `extra` carries the
// type-specific rest as JSON. toEmissionBody turns it into the very body POST /api/facturas takes.

@InputType('ReceptorInput')
export class ReceptorInput {
  @Field(() => String, { nullable: true }) nombre?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'CAT-022: 36 NIT, 13 DUI, 37 otro, 03 pasaporte, 02 carné de residente',
  })
  tipoDocumento?: string | null;
  @Field(() => String, { nullable: true }) numDocumento?: string | null;
  @Field(() => String, { nullable: true }) nrc?: string | null;
  @Field(() => String, { nullable: true, description: 'CAT-019' }) codActividad?: string | null;
  @Field(() => String, { nullable: true }) descActividad?: string | null;
  @Field(() => String, { nullable: true }) nombreComercial?: string | null;
  @Field(() => DireccionType, { nullable: true }) direccion?: DireccionType | null;
  @Field(() => String, { nullable: true }) telefono?: string | null;
  @Field(() => String, { nullable: true }) correo?: string | null;
}

@InputType('InvoiceItemInput', {
  description: 'A line, inline or by serviceId (the service mapping fills what is not given)',
})
export class InvoiceItemInput {
  @Field(() => ID, { nullable: true }) serviceId?: string | null;
  @Field(() => String, { nullable: true }) descripcion?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Default 1 with serviceId' }) cantidad?: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Unit price: IVA included on FE (01), excluded on CCF/NC/ND',
  })
  precio?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The item's nature (MH tipoItem, CAT-011): bien | servicio (default) | ambos | otro, or 1–4",
  })
  tipo?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Tax treatment: gravado (default, or the service mapping) | exento | noSujeto | noGravado',
  })
  tratamientoFiscal?: string | null;
  @Field(() => Int, { nullable: true, description: 'CAT-011 code (same as tipo; give one of the two)' }) tipoItem?:
    | number
    | null;
  @Field(() => Int, { nullable: true, description: 'CAT-014, default 59 (unidad)' }) uniMedida?: number | null;
  @Field(() => String, { nullable: true }) codigo?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) descuento?: string | null;
  @Field(() => String, { nullable: true }) codTributo?: string | null;
  @Field(() => String, { nullable: true, description: 'NC/ND: related document of this line' }) numeroDocumento?:
    | string
    | null;
  @Field(() => JSONResolver, {
    nullable: true,
    description: 'Tributos beyond IVA (CAT-015 §1): ["D1", "C8"] or [{ codigo: "D5", valor: "1.25" }]',
  })
  tributos?: unknown[] | null;
}

@InputType('PagoInput')
export class PagoInput {
  @Field({ description: 'CAT-017' }) codigo!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Absent: the whole totalPagar (single payment)' }) monto?:
    | string
    | null;
  @Field(() => String, { nullable: true }) referencia?: string | null;
  @Field(() => String, { nullable: true, description: 'CAT-018' }) plazo?: string | null;
  @Field(() => Int, { nullable: true }) periodo?: number | null;
}

@InputType('MedicoInput', { description: 'The physician (FE/CCF otrosDocumentos line 3, CAT-021 code 3)' })
export class MedicoInput {
  @Field() nombre!: string;
  @Field(() => String, { nullable: true }) nit?: string | null;
  @Field(() => String, { nullable: true }) docIdentificacion?: string | null;
  @Field(() => Int, { description: 'CAT-010' }) tipoServicio!: number;
}

@InputType('OtroDocumentoInput')
export class OtroDocumentoInput {
  @Field(() => Int, { description: 'CAT-021' }) codDocAsociado!: number;
  @Field(() => String, { nullable: true }) descDocumento?: string | null;
  @Field(() => String, { nullable: true }) detalleDocumento?: string | null;
  @Field(() => MedicoInput, { nullable: true }) medico?: MedicoInput | null;
}

@InputType('DocumentoRelacionadoInput')
export class DocumentoRelacionadoInput {
  @Field({ description: 'CAT-002' }) tipoDocumento!: string;
  @Field(() => Int, { nullable: true, description: 'CAT-007: 1 físico, 2 electrónico (default)' }) tipoGeneracion?:
    | number
    | null;
  @Field() numeroDocumento!: string;
  @Field({ description: 'YYYY-MM-DD' }) fechaEmision!: string;
}

@InputType('EmitInvoiceInput')
export class EmitInvoiceInput {
  @Field({ description: 'Your reference; emission is idempotent on it per tenant' }) referenciaExterna!: string;
  @Field(() => String, {
    nullable: true,
    description: 'CAT-002; absent: 03 (CCF) when the receptor has NIT + NRC, else 01 (FE)',
  })
  tipoDte?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "SIGMA patient: without `receptor`, SIGMA's patient fields " +
      'overridden by the stored fiscal profile (Patient.receptor)',
  })
  patientId?: string | null;
  @Field(() => ReceptorInput, { nullable: true }) receptor?: ReceptorInput | null;
  @Field(() => [InvoiceItemInput]) items!: InvoiceItemInput[];
  @Field(() => Int, { nullable: true, description: 'CAT-016, default 1 (contado)' }) condicionOperacion?: number | null;
  @Field(() => [PagoInput], { nullable: true }) pagos?: PagoInput[] | null;
  @Field(() => MedicoInput, { nullable: true }) medico?: MedicoInput | null;
  @Field(() => [OtroDocumentoInput], { nullable: true }) otrosDocumentos?: OtroDocumentoInput[] | null;
  @Field(() => [DocumentoRelacionadoInput], { nullable: true }) documentoRelacionado?:
    | DocumentoRelacionadoInput[]
    | null;
  @Field(() => String, { nullable: true }) observaciones?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'ivaRete1 (1 %) when the receptor is a gran contribuyente agent',
  })
  retencionIva?: boolean | null;
  @Field(() => Boolean, { nullable: true }) percepcionIva?: boolean | null;
  @Field(() => String, { nullable: true }) codEstableMH?: string | null;
  @Field(() => String, { nullable: true }) codPuntoVentaMH?: string | null;
  @Field(() => JSONResolver, {
    nullable: true,
    description: 'Type-specific body fields (docs/dte-input.md) not typed here',
  })
  extra?: Record<string, unknown> | null;
}

@InputType('NoteInput', { description: 'Nota de Crédito / Débito adjusting a PROCESSED CCF' })
export class NoteInput {
  @Field(() => ID, { description: 'The CCF (03) being adjusted' }) invoiceId!: string;
  @Field() referenciaExterna!: string;
  @Field(() => [InvoiceItemInput]) items!: InvoiceItemInput[];
  @Field(() => String, { nullable: true }) observaciones?: string | null;
  @Field(() => Boolean, { nullable: true }) retencionIva?: boolean | null;
  @Field(() => Boolean, { nullable: true }) percepcionIva?: boolean | null;
  @Field(() => JSONResolver, { nullable: true }) extra?: Record<string, unknown> | null;
}

/** Plain JSON without nulls (GraphQL input objects → the REST body). */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      // A JSON value may name a key __proto__: it stays a field, as it was written.
      if (k === '__proto__') Object.defineProperty(out, k, { value: plain(x), enumerable: true, writable: true });
      else out[k] = plain(x);
    }
    return out;
  }
  return v;
}

type WithExtra = { extra?: Record<string, unknown> | null };

/** The emission body: typed fields plus `extra`; a key given both ways is refused rather than silently chosen. */
export function emissionBody(input: WithExtra): Result<Record<string, unknown>, Failure<ErrorCode.VALIDATION_FAILED>> {
  const { extra, ...typed } = input;
  const body = plain(typed) as Record<string, unknown>;
  const extraObj = (extra && typeof extra === 'object' && !Array.isArray(extra) ? extra : {}) as Record<
    string,
    unknown
  >;
  const clash = Object.keys(extraObj).filter((k) => k in body);
  if (clash.length) {
    const message = (k: string) => `${k} is given both as a typed field and in extra`;
    return invalid(clash.map((k) => ({ path: `extra.${k}`, code: 'DUPLICATE_FIELD', message: message(k) })));
  }
  return ok({ ...extraObj, ...body });
}

/** The emission body, or its failure thrown (for operations whose answer is no result union). */
export function toEmissionBody(input: WithExtra): Record<string, unknown> {
  return orThrow(emissionBody(input));
}

/** Runs an emission use case on the input's body; a body refused already is that use case's failure. */
export async function emitWithBody<T, F extends Failure>(
  input: WithExtra,
  emit: (body: Record<string, unknown>) => Promise<Result<T, F>>,
): Promise<Result<T, F | Failure<ErrorCode.VALIDATION_FAILED>>> {
  const body = emissionBody(input);
  return body.ok ? emit(body.value) : body;
}

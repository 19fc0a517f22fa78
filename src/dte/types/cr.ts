// 07 Comprobante de Retención (CR v2): issued by the withholding agent for the IVA retained on the seller's documents.
// codigoRetencionMH CAT-006: 22 = 1 %, C4 = 13 %, C9 = other (amount given).
import * as CAT from '../catalogs/index.js';
import { requireIdentifiedReceptor } from '../input/rules.js';
import { relatedNumber } from '../input/related.js';
import { join, type Obj, type Reader } from '../input/reader.js';
import { parseReceptor } from '../input/sections.js';
import type { EmissionInput, RetencionItemInput } from '../input/types.js';
import { isValidDate } from '../identificacion-values.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { type Dec, IVA_RATE, num, r2, sum, ZERO } from '../money.js';
import { buildApendice } from '../sections/common.js';
import { emisorWithCodes } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { receptorContribuyente } from '../sections/receptor.js';
import { onlyDigits } from '../dui-nit-nrc.js';
import { parseFusion } from './notas.js';

export const RETENTION_RATES: Readonly<Record<string, string>> = { '22': '0.01', C4: '0.13' };

export function ivaRetenidoOf(x: RetencionItemInput): Dec {
  const rate = RETENTION_RATES[x.codigoRetencionMH];
  return rate ? r2(x.montoSujetoGrav.times(rate)) : r2(x.ivaRetenido ?? ZERO);
}

function parseRetencion(r: Reader, o: Obj, p: string): RetencionItemInput {
  const fecha = r.str(o, 'fechaEmision', p, { required: true }) ?? '';
  if (fecha && !isValidDate(fecha)) r.add(join(p, 'fechaEmision'), 'INVALID_DATE', 'fechaEmision must be YYYY-MM-DD');
  const tipoGeneracion = r.int(o, 'tipoGeneracion', p, { fallback: 2, allowed: [1, 2] }) ?? 2;
  const x: RetencionItemInput = {
    descripcion: r.str(o, 'descripcion', p, { max: 1500 }),
    tipoDte: r.code(o, 'tipoDte', p, CAT.TIPOS_DOCUMENTO, 'CAT-002', { required: true }) ?? '03',
    tipoGeneracion,
    numDocumento: relatedNumber(r, o, 'numDocumento', p, tipoGeneracion),
    fechaEmision: fecha,
    montoSujetoGrav: r.decimal(o, 'montoSujetoGrav', p, { required: true, positive: true, maxDecimals: 2 }) ?? ZERO,
    codigoRetencionMH: r.code(o, 'codigoRetencionMH', p, CAT.RETENCIONES_IVA, 'CAT-006', { fallback: '22' }) ?? '22',
    ivaRetenido: r.decimal(o, 'ivaRetenido', p, { positive: true, maxDecimals: 2 }),
  };
  if (x.codigoRetencionMH === 'C9' && !x.ivaRetenido)
    r.add(join(p, 'ivaRetenido'), 'REQUIRED', 'codigoRetencionMH C9 has no fixed rate: give ivaRetenido');
  return x;
}

export function parseCr(r: Reader, body: Obj, input: EmissionInput): void {
  input.receptor = parseReceptor(r, body, input.tipoDte);
  requireIdentifiedReceptor(
    r,
    body,
    input,
    ['nombre', 'tipoDocumento', 'numDocumento', 'codActividad', 'descActividad', 'direccion'],
    'Comprobante de Retención',
  );
  const arr = r.array(body, 'items', '', { required: true, min: 1, max: 500 }) ?? [];
  input.retenciones = arr.map((v, i) => parseRetencion(r, r.isObj(v) ? v : {}, join('items', i)));
  if (r.get(body, 'fusion') !== undefined) parseFusion(r, body, input);
}

export function buildCr(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const lines = input.retenciones.map((x) => ({ x, ivaRetenido: ivaRetenidoOf(x) }));
  const totalSujetoRetencion = r2(sum(lines.map((l) => l.x.montoSujetoGrav)));
  const totalIvaRetenido = r2(sum(lines.map((l) => l.ivaRetenido)));
  // totalIva (new in v2): the IVA of the operations subject to retention, 13 % of their base [?].
  const totalIva = r2(totalSujetoRetencion.times(IVA_RATE));
  return {
    identificacion: buildIdentificacion('07', ident, {
      contingencyFields: true,
      fusion: input.fusion ? onlyDigits(input.fusion) : undefined,
    }),
    emisor: emisorWithCodes(emisor),
    receptor: receptorContribuyente(input.receptor!),
    cuerpoDocumento: lines.map(({ x, ivaRetenido }, i) => ({
      numItem: i + 1,
      tipoDte: x.tipoDte,
      tipoGeneracion: x.tipoGeneracion,
      numDocumento: x.numDocumento,
      fechaEmision: x.fechaEmision,
      montoSujetoGrav: num(r2(x.montoSujetoGrav)),
      codigoRetencionMH: x.codigoRetencionMH,
      ivaRetenido: num(ivaRetenido),
      descripcion: x.descripcion,
    })),
    resumen: {
      totalSujetoRetencion: num(totalSujetoRetencion),
      totalIva: num(totalIva),
      totalIvaRetenido: num(totalIvaRetenido),
      totalLetras: totalLetras(totalIvaRetenido),
      observaciones: input.observaciones,
    },
    apendice: buildApendice(input),
  };
}

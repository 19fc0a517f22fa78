// 09 Documento Contable de Liquidación (DCL v2): issued by a liquidating agent (e.g. card acquirer) to the affiliate
// for a period: operations value, IVA perception (anticipo, CT Art. 162-A, default 2 %), commission and its IVA. The
// body is one object (no item list) plus `extension` (who delivers). Not allowed in contingency.
// MH publishes no worked DCL formula in our sources; we use, all rounded to 2 decimals [?]:
//   montoSujeto = valorOperaciones − montoSinPercepcion (IVA included); subTotal = montoSujeto / 1.13;
//   iva = montoSujeto − subTotal; montoSujetoPercepcion = subTotal; ivaPercibido = subTotal × porcentajePercepcion %;
//   comision = valorOperaciones × porcentComision %; ivaComision = comision × 13 %;
//   liquidoApagar = valorOperaciones − ivaPercibido − comision − ivaComision.
import { checkNitValue, checkNrc, requireReceptor } from '../input/rules.js';
import type { Obj, Reader } from '../input/reader.js';
import { parseReceptor } from '../input/sections.js';
import type { DclInput, EmissionInput } from '../input/types.js';
import { isValidDate } from '../identificacion-values.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { type Dec, IVA_DIVISOR, IVA_RATE, num, r2, ZERO } from '../money.js';
import { buildApendice } from '../sections/common.js';
import { emisorCore } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { onlyDigits } from '../dui-nit-nrc.js';

export interface DclAmounts {
  subTotal: Dec;
  iva: Dec;
  montoSujetoPercepcion: Dec;
  ivaPercibido: Dec;
  comision: Dec;
  ivaComision: Dec;
  liquidoApagar: Dec;
}

export function dclAmounts(x: DclInput): DclAmounts {
  const montoSujeto = x.valorOperaciones.minus(x.montoSinPercepcion);
  const subTotal = r2(montoSujeto.div(IVA_DIVISOR));
  const iva = r2(montoSujeto.minus(subTotal));
  const ivaPercibido = r2(subTotal.times(x.porcentajePercepcion).div(100));
  const comision = r2(x.valorOperaciones.times(x.porcentComision).div(100));
  const ivaComision = r2(comision.times(IVA_RATE));
  const liquidoApagar = r2(x.valorOperaciones.minus(ivaPercibido).minus(comision).minus(ivaComision));
  return { subTotal, iva, montoSujetoPercepcion: subTotal, ivaPercibido, comision, ivaComision, liquidoApagar };
}

export function parseDcl(r: Reader, body: Obj, input: EmissionInput): void {
  input.receptor = parseReceptor(r, body, input.tipoDte);
  const rec = requireReceptor(
    r,
    body,
    input,
    ['nombre', 'numDocumento', 'codActividad', 'descActividad', 'tipoEstablecimiento', 'correo'],
    'Documento Contable de Liquidación',
  );
  if (rec?.numDocumento) checkNitValue(r, rec.numDocumento, 'receptor.numDocumento');
  if (rec) checkNrc(r, rec.nrc, 'receptor.nrc');
  const o = r.object(body, 'liquidacion', '', true) ?? {};
  const p = 'liquidacion';
  const date = (k: string) => {
    const v = r.str(o, k, p, { required: true }) ?? '';
    if (v && !isValidDate(v)) r.add(`${p}.${k}`, 'INVALID_DATE', `${k} must be YYYY-MM-DD`);
    return v;
  };
  const x: DclInput = {
    periodoLiquidacionFechaInicio: date('periodoLiquidacionFechaInicio'),
    periodoLiquidacionFechaFin: date('periodoLiquidacionFechaFin'),
    codLiquidacion: r.str(o, 'codLiquidacion', p, { max: 30 }),
    cantidadDoc: r.int(o, 'cantidadDoc', p, { min: 1, max: 999_999_999 }),
    valorOperaciones: r.decimal(o, 'valorOperaciones', p, { required: true, positive: true, maxDecimals: 2 }) ?? ZERO,
    montoSinPercepcion: r.decimal(o, 'montoSinPercepcion', p, { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO,
    descripSinPercepcion: r.str(o, 'descripSinPercepcion', p, { max: 100 }),
    porcentComision: r.decimal(o, 'porcentComision', p, { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO,
    porcentajePercepcion: r.decimal(o, 'porcentajePercepcion', p, { fallback: '2', min: '0', maxDecimals: 2 }) ?? ZERO,
    nombEntrega: r.str(o, 'nombEntrega', p, { required: true, max: 100 }) ?? '',
    docuEntrega: r.str(o, 'docuEntrega', p, { required: true, max: 25 }) ?? '',
    codEmpleado: r.str(o, 'codEmpleado', p, { max: 15 }),
  };
  if (x.periodoLiquidacionFechaFin && x.periodoLiquidacionFechaFin < x.periodoLiquidacionFechaInicio)
    r.add(`${p}.periodoLiquidacionFechaFin`, 'INVALID_RANGE', 'the period ends before it starts');
  if (x.porcentComision.gt(100)) r.add(`${p}.porcentComision`, 'OUT_OF_RANGE', 'porcentComision must be ≤ 100');
  if (!x.valorOperaciones.minus(x.montoSinPercepcion).gt(0))
    r.add(
      `${p}.montoSinPercepcion`,
      'OUT_OF_RANGE',
      'montoSinPercepcion must be below valorOperaciones (MH needs a positive subTotal, iva and percepción)',
    );
  else if (!dclAmounts(x).liquidoApagar.gt(0) || !dclAmounts(x).ivaPercibido.gt(0))
    r.add(p, 'OUT_OF_RANGE', 'ivaPercibido and liquidoApagar must be > 0 (DCL v2)');
  input.dcl = x;
}

export function buildDcl(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const x = input.dcl!;
  const a = dclAmounts(x);
  const rec = input.receptor!;
  return {
    identificacion: buildIdentificacion('09', ident, { contingencyFields: false }),
    emisor: { ...emisorCore(emisor), codigo: emisor.codEstable, puntoVenta: emisor.codPuntoVenta },
    receptor: {
      nit: onlyDigits(rec.numDocumento ?? ''),
      nrc: rec.nrc ? onlyDigits(rec.nrc) : null,
      nombre: rec.nombre,
      codActividad: rec.codActividad,
      descActividad: rec.descActividad,
      nombreComercial: rec.nombreComercial,
      tipoEstablecimiento: rec.tipoEstablecimiento,
      direccion: rec.direccion ? { ...rec.direccion } : null,
      telefono: rec.telefono,
      correo: rec.correo,
    },
    cuerpoDocumento: {
      periodoLiquidacionFechaInicio: x.periodoLiquidacionFechaInicio,
      periodoLiquidacionFechaFin: x.periodoLiquidacionFechaFin,
      codLiquidacion: x.codLiquidacion,
      cantidadDoc: x.cantidadDoc,
      valorOperaciones: num(r2(x.valorOperaciones)),
      montoSinPercepcion: num(r2(x.montoSinPercepcion)),
      descripSinPercepcion: x.descripSinPercepcion,
      subTotal: num(a.subTotal),
      iva: num(a.iva),
      montoSujetoPercepcion: num(a.montoSujetoPercepcion),
      ivaPercibido: num(a.ivaPercibido),
      comision: num(a.comision),
      porcentComision: num(r2(x.porcentComision)),
      ivaComision: num(a.ivaComision),
      liquidoApagar: num(a.liquidoApagar),
      totalLetras: totalLetras(a.liquidoApagar),
      observaciones: input.observaciones ? input.observaciones.slice(0, 1000) : null,
    },
    extension: { nombEntrega: x.nombEntrega, docuEntrega: x.docuEntrega, codEmpleado: x.codEmpleado },
    apendice: buildApendice(input),
  };
}

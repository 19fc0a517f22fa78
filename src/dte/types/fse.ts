// 14 Factura de Sujeto Excluido (FSE v2): the buyer (emisor) documents a purchase from a person without NRC; no IVA;
// optional income-tax withholding reteRenta = subTotal × porcentajeReteRenta.
import { checkIdentity, requireReceptor } from '../input/rules.js';
import { join, type Obj, type Reader } from '../input/reader.js';
import { parseSaleItems, parseReceptor } from '../input/sections.js';
import type { EmissionInput } from '../input/types.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { num, r2, r8, sum, ZERO } from '../money.js';
import { buildApendice, buildPagos } from '../sections/common.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { docNumber } from '../sections/receptor.js';
import { onlyDigits } from '../dui-nit-nrc.js';

export function parseFse(r: Reader, body: Obj, input: EmissionInput): void {
  input.receptor = parseReceptor(r, body, input.tipoDte);
  const rec = requireReceptor(
    r,
    body,
    input,
    ['nombre', 'tipoDocumento', 'numDocumento', 'direccion'],
    'Factura de Sujeto Excluido',
  );
  if (rec) {
    checkIdentity(r, rec.tipoDocumento, rec.numDocumento, 'receptor');
    if (rec.nrc) r.add('receptor.nrc', 'NOT_ALLOWED', 'a sujeto excluido has no NRC (MH receptor rules)');
  }
  input.items = parseSaleItems(r, body);
  input.items.forEach((it, i) => {
    if (it.tipo !== 'gravado')
      r.add(
        join(join('items', i), 'tratamientoFiscal'),
        'NOT_ALLOWED',
        'FSE lines are plain purchases: omit tratamientoFiscal',
      );
    if (it.precio.lt(0)) r.add(join(join('items', i), 'precio'), 'TOO_SMALL', 'precio must be ≥ 0');
  });
  const g = r.object(body, 'descuentoGlobal', '', false);
  if (g)
    input.descuentoGlobal.gravado =
      r.decimal(g, 'gravado', 'descuentoGlobal', { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO;
  input.porcentajeReteRenta =
    r.decimal(body, 'porcentajeReteRenta', '', { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO;
  if (input.porcentajeReteRenta.gt(100))
    r.add('porcentajeReteRenta', 'OUT_OF_RANGE', 'porcentajeReteRenta must be ≤ 100');
}

export function buildFse(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const lines = input.items.map((it) => ({ it, compra: r8(it.cantidad.times(it.precio).minus(it.descuento)) }));
  const totalCompra = r2(sum(lines.map((l) => l.compra)));
  const descu = r2(input.descuentoGlobal.gravado);
  const subTotal = totalCompra.minus(descu);
  const reteRenta = r2(subTotal.times(input.porcentajeReteRenta).div(100));
  const totalPagar = subTotal.minus(reteRenta);
  const rec = input.receptor!;
  return {
    identificacion: buildIdentificacion('14', ident, { contingencyFields: true }),
    emisor: {
      nit: onlyDigits(emisor.nit),
      nrc: onlyDigits(emisor.nrc),
      nombre: emisor.nombre,
      codActividad: emisor.codActividad,
      descActividad: emisor.descActividad,
      direccion: { ...emisor.direccion },
      telefono: emisor.telefono,
      codEstable: emisor.codEstable,
      codPuntoVenta: emisor.codPuntoVenta,
      correo: emisor.correo,
    },
    receptor: {
      tipoDocumento: rec.tipoDocumento,
      numDocumento: docNumber(rec.tipoDocumento, rec.numDocumento),
      nombre: rec.nombre,
      codActividad: rec.codActividad,
      descActividad: rec.descActividad,
      direccion: { ...rec.direccion! },
      telefono: rec.telefono,
      correo: rec.correo,
    },
    cuerpoDocumento: lines.map(({ it, compra }, i) => ({
      numItem: i + 1,
      tipoItem: it.tipoItem,
      cantidad: num(it.cantidad),
      codigo: it.codigo,
      uniMedida: it.uniMedida,
      descripcion: it.descripcion,
      precioUni: num(r8(it.precio)),
      montoDescu: num(r8(it.descuento)),
      compra: num(compra),
    })),
    resumen: {
      totalCompra: num(totalCompra),
      descu: num(descu),
      totalDescu: num(r2(sum(lines.map((l) => l.it.descuento)).plus(descu))),
      subTotal: num(subTotal),
      reteRenta: num(reteRenta),
      totalPagar: num(totalPagar),
      totalLetras: totalLetras(totalPagar),
      condicionOperacion: input.condicionOperacion,
      pagos: buildPagos(input.pagos, totalPagar),
      observaciones: input.observaciones,
    },
    apendice: buildApendice(input),
  };
}

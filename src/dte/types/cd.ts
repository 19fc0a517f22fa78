// 15 Comprobante de Donación (CD v2): issued by the donatario (emisor, identified by tipoDocumento/numDocumento) to
// the donor (receptor, codDomiciliado + codPais); items are donated cash/goods/services (CAT-026) valued
// valor = cantidad × valorUni − depreciación; otrosDocumentos is mandatory (1–10).
import * as CAT from '../catalogs/index.js';
import { requireIdentifiedReceptor } from '../input/rules.js';
import { join, type Obj, type Reader } from '../input/reader.js';
import { parseOtrosDocumentos, parseReceptor } from '../input/sections.js';
import type { DonacionItemInput, EmissionInput } from '../input/types.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { num, r2, r8, sum, ZERO } from '../money.js';
import { buildApendice, buildPagos } from '../sections/common.js';
import { emisorCore } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { docNumber } from '../sections/receptor.js';
import { onlyDigits } from '../dui-nit-nrc.js';

function parseDonacion(r: Reader, o: Obj, p: string): DonacionItemInput {
  const tipoDonacion = Number(r.code(o, 'tipoDonacion', p, CAT.TIPOS_DONACION, 'CAT-026', { required: true }) ?? 1);
  return {
    tipoDonacion,
    cantidad: r.decimal(o, 'cantidad', p, { required: true, positive: true }) ?? ZERO,
    uniMedida: Number(
      r.code(o, 'uniMedida', p, CAT.UNIDADES_MEDIDA, 'CAT-014', { fallback: tipoDonacion === 2 ? '59' : '99' }),
    ),
    descripcion: r.str(o, 'descripcion', p, { required: true, max: 1500 }) ?? '',
    codigo: r.str(o, 'codigo', p, { max: 25 }),
    valorUni: r.decimal(o, 'precio', p, { required: true, min: '0' }) ?? ZERO,
    depreciacion: r.decimal(o, 'depreciacion', p, { fallback: '0', min: '0' }) ?? ZERO,
  };
}

export function parseCd(r: Reader, body: Obj, input: EmissionInput): void {
  input.receptor = parseReceptor(r, body, input.tipoDte);
  const rec = requireIdentifiedReceptor(
    r,
    body,
    input,
    ['nombre', 'tipoDocumento', 'numDocumento', 'codPais'],
    'Comprobante de Donación',
  );
  if (rec) rec.codDomiciliado ??= rec.codPais === 'SV' ? 1 : 2;
  const arr = r.array(body, 'items', '', { required: true, min: 1, max: 2000 }) ?? [];
  input.donaciones = arr.map((v, i) => parseDonacion(r, r.isObj(v) ? v : {}, join('items', i)));
  input.donaciones.forEach((x, i) => {
    if (x.depreciacion.gt(x.cantidad.times(x.valorUni)))
      r.add(join(join('items', i), 'depreciacion'), 'OUT_OF_RANGE', 'depreciacion exceeds cantidad × precio');
  });
  input.otrosDocumentos = parseOtrosDocumentos(r, body, 10);
  if (!input.otrosDocumentos)
    r.add(
      'otrosDocumentos',
      'REQUIRED',
      'a Comprobante de Donación needs 1–10 otrosDocumentos (e.g. the donatario authorisation)',
    );
}

export function buildCd(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const lines = input.donaciones.map((x) => ({ x, valor: r8(x.cantidad.times(x.valorUni).minus(x.depreciacion)) }));
  const valorTotal = r2(sum(lines.map((l) => l.valor)));
  const rec = input.receptor!;
  const { nit, ...core } = emisorCore(emisor);
  return {
    identificacion: buildIdentificacion('15', ident, { contingencyFields: false }),
    emisor: {
      tipoDocumento: '36',
      numDocumento: nit,
      ...core,
      codEstable: emisor.codEstable,
      codPuntoVenta: emisor.codPuntoVenta,
    },
    receptor: {
      tipoDocumento: rec.tipoDocumento,
      numDocumento: docNumber(rec.tipoDocumento, rec.numDocumento),
      nrc: rec.nrc ? onlyDigits(rec.nrc) : null,
      nombre: rec.nombre,
      codActividad: rec.codActividad,
      descActividad: rec.descActividad,
      direccion: rec.direccion ? { ...rec.direccion } : null,
      telefono: rec.telefono,
      correo: rec.correo,
      codDomiciliado: rec.codDomiciliado,
      codPais: rec.codPais,
    },
    otrosDocumentos: (input.otrosDocumentos ?? []).map((o) => ({
      codDocAsociado: o.codDocAsociado,
      descDocumento: o.descDocumento,
      detalleDocumento: o.detalleDocumento,
    })),
    cuerpoDocumento: lines.map(({ x, valor }, i) => ({
      numItem: i + 1,
      tipoDonacion: x.tipoDonacion,
      cantidad: num(x.cantidad),
      codigo: x.codigo,
      uniMedida: x.uniMedida,
      descripcion: x.descripcion,
      tipoDepreciacion: num(r8(x.depreciacion)),
      valorUni: num(r8(x.valorUni)),
      valor: num(valor),
    })),
    resumen: {
      valorTotal: num(valorTotal),
      totalLetras: totalLetras(valorTotal),
      pagos: buildPagos(input.pagos, valorTotal, false),
    },
    apendice: buildApendice(input),
  };
}

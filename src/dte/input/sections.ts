// Parsers for the shared parts of the emission body (receptor, items, pagos, related/other documents, apéndice).
import * as CAT from '../catalogs/index.js';
import { direccionProblems, resolveDireccion } from '../catalogs/index.js';
import { isValidDate } from '../identificacion-values.js';
import { ZERO } from '../money.js';
import type { Direccion } from '../model.js';
import { parseItemTributos } from './item-tributos.js';
import { parseNaturaleza } from './naturaleza.js';
import { relatedNumber } from './related.js';
import { join, type Obj, Reader } from './reader.js';
import type {
  ApendiceInput,
  DocumentoRelacionadoInput,
  ItemInput,
  MedicoInput,
  OtroDocumentoInput,
  PagoInput,
  ReceptorInput,
  TipoVenta,
} from './types.js';

const TIPOS_VENTA: readonly TipoVenta[] = ['gravado', 'exento', 'noSujeto', 'noGravado'];

export function parseDireccion(r: Reader, o: Obj, key: string, path: string, required: boolean): Direccion | null {
  const d = r.object(o, key, path, required);
  if (!d) return null;
  const p = join(path, key);
  const dir: Direccion = {
    departamento:
      r.str(d, 'departamento', p, { required: true, pattern: /^[0-9]{2}$/, patternHint: '2 digits (CAT-012)' }) ?? '',
    municipio:
      r.str(d, 'municipio', p, { required: true, pattern: /^[0-9]{2}$/, patternHint: '2 digits (CAT-013)' }) ?? '',
    distrito: r.str(d, 'distrito', p, { pattern: /^[0-9]{2}$/, patternHint: '2 digits (CAT-008)' }) ?? '',
    complemento: r.str(d, 'complemento', p, { required: true, max: 200 }) ?? '',
  };
  const ok2 = (v: string) => /^[0-9]{2}$/.test(v);
  if (!ok2(dir.departamento) || !ok2(dir.municipio) || (dir.distrito && !ok2(dir.distrito))) return dir;
  const res = resolveDireccion(dir.departamento, dir.municipio, dir.distrito || null);
  if (!res.ok) {
    r.add(join(p, res.problem.field), res.problem.code, res.problem.message, res.problem.params);
    return dir;
  }
  if (res.translated) r.warn(p, 'DIRECCION_COMPLETED', res.translated, res.params);
  dir.municipio = res.municipio;
  dir.distrito = res.distrito;
  for (const pr of direccionProblems(dir)) r.add(join(p, pr.field), pr.code, pr.message);
  return dir;
}

/** Receptor fields only some types' documents carry (the others refuse them as fields of another type). */
const RECEPTOR_TIPOS: Readonly<Partial<Record<keyof ReceptorInput, readonly string[]>>> = {
  nombreComercial: ['03', '04', '05', '06', '07', '08', '09', '11'],
  codPais: ['11', '15'],
  nombrePais: ['11'],
  tipoPersona: ['11'],
  codDomiciliado: ['08', '15'],
  bienTitulo: ['04'],
  tipoEstablecimiento: ['09'],
  nrc: ['01', '03', '04', '05', '06', '07', '08', '09', '14', '15'],
  codActividad: ['01', '03', '04', '05', '06', '07', '08', '09', '14', '15'],
  direccion: ['01', '03', '04', '05', '06', '07', '08', '09', '14', '15'],
};

export function parseReceptor(r: Reader, body: Obj, tipoDte: string): ReceptorInput | null {
  const o = r.object(body, 'receptor', '', false);
  if (!o) return null;
  const p = 'receptor';
  const uses = (f: keyof ReceptorInput) => RECEPTOR_TIPOS[f]?.includes(tipoDte) ?? true;
  const only = <T>(f: keyof ReceptorInput, read: () => T): T | null => (uses(f) ? read() : null);
  return {
    nombre: r.str(o, 'nombre', p, { max: 250 }),
    tipoDocumento: r.code(o, 'tipoDocumento', p, CAT.TIPOS_DOCUMENTO_IDENTIFICACION, 'CAT-022'),
    numDocumento: r.str(o, 'numDocumento', p, { max: 20 }),
    nrc: only('nrc', () => r.str(o, 'nrc', p, { max: 9 })),
    codActividad: only('codActividad', () => r.code(o, 'codActividad', p, CAT.ACTIVIDADES_ECONOMICAS, 'CAT-019')),
    descActividad: r.str(o, 'descActividad', p, { max: 150 }),
    nombreComercial: only('nombreComercial', () => r.str(o, 'nombreComercial', p, { max: 150 })),
    direccion: only('direccion', () => parseDireccion(r, o, 'direccion', p, false)),
    telefono: r.str(o, 'telefono', p, { min: 8, max: 30 }),
    correo: r.str(o, 'correo', p, {
      min: 6,
      max: 100,
      pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
      patternHint: 'an e-mail address',
    }),
    codPais: only('codPais', () => r.code(o, 'codPais', p, CAT.PAISES, 'CAT-020')),
    nombrePais: only('nombrePais', () => r.str(o, 'nombrePais', p, { min: 3, max: 50 })),
    tipoPersona: only('tipoPersona', () => r.int(o, 'tipoPersona', p, { allowed: [1, 2] })),
    codDomiciliado: only('codDomiciliado', () => r.int(o, 'codDomiciliado', p, { allowed: [1, 2] })),
    bienTitulo: only('bienTitulo', () => r.code(o, 'bienTitulo', p, CAT.TITULOS_BIENES, 'CAT-025')),
    tipoEstablecimiento: only('tipoEstablecimiento', () =>
      r.code(o, 'tipoEstablecimiento', p, CAT.TIPOS_ESTABLECIMIENTO, 'CAT-009'),
    ),
  };
}

export function parseItem(r: Reader, o: Obj, p: string): ItemInput {
  const tipoRaw = r.get(o, 'tratamientoFiscal') ?? 'gravado';
  let tipo: TipoVenta = 'gravado';
  if (typeof tipoRaw === 'string' && (TIPOS_VENTA as readonly string[]).includes(tipoRaw)) tipo = tipoRaw as TipoVenta;
  else
    r.add(join(p, 'tratamientoFiscal'), 'NOT_ALLOWED', `tratamientoFiscal must be one of ${TIPOS_VENTA.join(', ')}`, {
      allowed: TIPOS_VENTA.join(', '),
    });
  const tipoItem = parseNaturaleza(r, o, p);
  // MH: tipoItem 4 (tribute as an item) and cargos/abonos use uniMedida 99.
  const defaultUni = tipoItem === 4 || tipo === 'noGravado' ? '99' : '59';
  const uni = r.code(o, 'uniMedida', p, CAT.UNIDADES_MEDIDA, 'CAT-014', { fallback: defaultUni }) ?? defaultUni;
  const codTributo = tipoItem === 4 ? r.str(o, 'codTributo', p, { required: true }) : null;
  if (codTributo && !CAT.isTributoItem(codTributo))
    r.add(
      join(p, 'codTributo'),
      'UNKNOWN_CODE',
      `codTributo '${codTributo}' is not a CAT-015 section-2 tribute (A8, 57, 90, D4, D5, A6)`,
    );
  return {
    descripcion: r.str(o, 'descripcion', p, { required: true, max: 1500 }) ?? '',
    cantidad: r.decimal(o, 'cantidad', p, { required: true, positive: true }) ?? ZERO,
    precio: r.decimal(o, 'precio', p, { required: true }) ?? ZERO,
    tipo,
    tipoItem,
    uniMedida: Number(uni),
    codigo: r.str(o, 'codigo', p, { max: 25 }),
    descuento: r.decimal(o, 'descuento', p, { fallback: '0', min: '0' }) ?? ZERO,
    codTributo,
    numeroDocumento: r.str(o, 'numeroDocumento', p, { max: 36 }),
    psv: r.decimal(o, 'psv', p, { fallback: '0', min: '0' }) ?? ZERO,
  };
}

export function parseSaleItems(r: Reader, body: Obj, max = 2000): ItemInput[] {
  const arr = r.array(body, 'items', '', { required: true, min: 1, max }) ?? [];
  return arr.map((v, i) => {
    const p = join('items', i);
    if (!r.isObj(v)) {
      r.add(p, 'INVALID_TYPE', 'each item must be an object');
      return parseItem(r, {}, p);
    }
    const item = parseItem(r, v, p);
    item.tributos = parseItemTributos(r, v, p, item, r.get(body, 'tipoDte'));
    return item;
  });
}

export function parsePagos(r: Reader, body: Obj): PagoInput[] | null {
  const arr = r.array(body, 'pagos', '', { required: false, min: 1 });
  if (!arr) return null;
  return arr.map((v, i) => {
    const p = join('pagos', i);
    const o = r.isObj(v) ? v : {};
    return {
      codigo: r.code(o, 'codigo', p, CAT.FORMAS_PAGO, 'CAT-017', { required: true }) ?? '01',
      monto: r.decimal(o, 'monto', p, { min: '0', maxDecimals: 2 }),
      referencia: r.str(o, 'referencia', p, { max: 50 }),
      plazo: r.code(o, 'plazo', p, CAT.PLAZOS, 'CAT-018'),
      periodo: r.int(o, 'periodo', p, { min: 1, max: 999 }),
    };
  });
}

export function parseDocumentosRelacionados(
  r: Reader,
  body: Obj,
  required: boolean,
): DocumentoRelacionadoInput[] | null {
  const arr = r.array(body, 'documentoRelacionado', '', { required, min: 1, max: 50 });
  if (!arr) return null;
  return arr.map((v, i) => {
    const p = join('documentoRelacionado', i);
    const o = r.isObj(v) ? v : {};
    const fecha = r.str(o, 'fechaEmision', p, { required: true }) ?? '';
    if (fecha && !isValidDate(fecha)) r.add(join(p, 'fechaEmision'), 'INVALID_DATE', 'fechaEmision must be YYYY-MM-DD');
    const tipoGeneracion = r.int(o, 'tipoGeneracion', p, { fallback: 2, allowed: [1, 2] }) ?? 2;
    return {
      tipoDocumento: r.code(o, 'tipoDocumento', p, CAT.TIPOS_DOCUMENTO, 'CAT-002', { required: true }) ?? '',
      tipoGeneracion,
      numeroDocumento: relatedNumber(r, o, 'numeroDocumento', p, tipoGeneracion),
      fechaEmision: fecha,
    };
  });
}

function parseMedico(r: Reader, o: Obj, key: string, path: string): MedicoInput | null {
  const m = r.object(o, key, path, false);
  if (!m) return null;
  const p = join(path, key);
  const medico: MedicoInput = {
    nombre: r.str(m, 'nombre', p, { required: true, max: 100 }) ?? '',
    nit: r.str(m, 'nit', p),
    docIdentificacion: r.str(m, 'docIdentificacion', p, { max: 25 }),
    tipoServicio: Number(r.code(m, 'tipoServicio', p, CAT.SERVICIOS_MEDICOS, 'CAT-010', { required: true }) ?? 3),
  };
  // MH's rules: the doctor is identified by NIT, or by docIdentificacion when not domiciled (legacy: exactly one).
  if (!medico.nit && !medico.docIdentificacion)
    r.add(p, 'MEDICO_DOC_REQUIRED', 'medico needs nit or docIdentificacion (MH: the médico block of health services)');
  return medico;
}

/** otrosDocumentos plus the `medico` shortcut (one CAT-021 line 3 with the médico block). */
export function parseOtrosDocumentos(r: Reader, body: Obj, max: number): OtroDocumentoInput[] | null {
  const out: OtroDocumentoInput[] = [];
  const arr = r.array(body, 'otrosDocumentos', '', { required: false, min: 1, max }) ?? [];
  arr.forEach((v, i) => {
    const p = join('otrosDocumentos', i);
    const o = r.isObj(v) ? v : {};
    const cod = Number(r.code(o, 'codDocAsociado', p, CAT.DOCUMENTOS_ASOCIADOS, 'CAT-021', { required: true }) ?? 1);
    const medico = parseMedico(r, o, 'medico', p);
    if (cod === 3 && !medico) r.add(join(p, 'medico'), 'REQUIRED', 'codDocAsociado 3 (médico) needs the medico block');
    out.push({
      codDocAsociado: cod,
      descDocumento: r.str(o, 'descDocumento', p, { min: 3, max: 100, required: cod !== 3 }),
      detalleDocumento: r.str(o, 'detalleDocumento', p, { min: 3, max: 300, required: cod !== 3 }),
      medico,
      placaTrans: r.str(o, 'placaTrans', p, { min: 5, max: 70 }),
      modoTransp: r.code(o, 'modoTransp', p, CAT.TRANSPORTES, 'CAT-030') ? Number(r.get(o, 'modoTransp')) : null,
      numConductor: r.str(o, 'numConductor', p, { min: 5, max: 100 }),
      nombreConductor: r.str(o, 'nombreConductor', p, { min: 5, max: 200 }),
    });
  });
  const medico = parseMedico(r, body, 'medico', '');
  if (medico) {
    out.push({
      codDocAsociado: 3,
      descDocumento: null,
      detalleDocumento: null,
      medico,
      placaTrans: null,
      modoTransp: null,
      numConductor: null,
      nombreConductor: null,
    });
  }
  if (out.length > max)
    r.add('otrosDocumentos', 'TOO_MANY', `otrosDocumentos (including medico) allows at most ${max} lines`);
  return out.length ? out : null;
}

export function parseApendice(r: Reader, body: Obj): ApendiceInput[] | null {
  const arr = r.array(body, 'apendice', '', { required: false, min: 1, max: 10 });
  if (!arr) return null;
  return arr.map((v, i) => {
    const p = join('apendice', i);
    const o = r.isObj(v) ? v : {};
    return {
      campo: r.str(o, 'campo', p, { required: true, min: 2, max: 25 }) ?? '',
      etiqueta: r.str(o, 'etiqueta', p, { required: true, min: 3, max: 50 }) ?? '',
      valor: r.str(o, 'valor', p, { required: true, max: 150 }) ?? '',
    };
  });
}

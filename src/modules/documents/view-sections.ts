/**
 * Optional blocks printed between the parties and the items: documentoRelacionado (MH's rules),
 * otrosDocumentos incl. the médico object (MH's rules), ventaTercero/compraTercero, extension, apendice, and
 * DCL's liquidation period. Each block is a title plus printable lines; absent or null sections are skipped.
 */
import { arrayAt, isObject, objectAt, textAt, type DteJson, type JsonObject } from './dte-json.js';
import { dateEs } from './format.js';
import { CAT_007_GENERACION, CAT_010_SERVICIO_MEDICO, CAT_021_DOC_ASOCIADO, label, TIPO_DTE_TITLE } from './labels.js';
import { singleBody } from './view-items.js';

export interface SectionView {
  title: string;
  lines: string[];
}

function joined(...parts: string[]): string {
  return parts.filter(Boolean).join(' · ');
}

function relacionados(doc: DteJson): SectionView | null {
  const rows = arrayAt(doc, 'documentoRelacionado');
  if (rows.length === 0) return null;
  return {
    title: 'DOCUMENTOS RELACIONADOS',
    lines: rows.map((r) =>
      joined(
        label(TIPO_DTE_TITLE, textAt(r, 'tipoDocumento')),
        label(CAT_007_GENERACION, textAt(r, 'tipoGeneracion')),
        `N° ${textAt(r, 'numeroDocumento')}`,
        dateEs(textAt(r, 'fechaEmision')),
      ),
    ),
  };
}

function medicoLine(medico: JsonObject): string {
  const servicio = textAt(medico, 'tipoServicio');
  return joined(
    `Médico: ${textAt(medico, 'nombre')}`,
    textAt(medico, 'nit') ? `NIT ${textAt(medico, 'nit')}` : '',
    textAt(medico, 'docIdentificacion') ? `Doc. ${textAt(medico, 'docIdentificacion')}` : '',
    servicio ? `Servicio: ${label(CAT_010_SERVICIO_MEDICO, servicio)}` : '',
  );
}

function otrosDocumentos(doc: DteJson): SectionView | null {
  const rows = arrayAt(doc, 'otrosDocumentos');
  if (rows.length === 0) return null;
  return {
    title: 'OTROS DOCUMENTOS ASOCIADOS',
    lines: rows.map((r) => {
      const medico = objectAt(r, 'medico');
      if (medico) return medicoLine(medico);
      return joined(
        label(CAT_021_DOC_ASOCIADO, textAt(r, 'codDocAsociado')),
        textAt(r, 'descDocumento'),
        textAt(r, 'detalleDocumento'),
        textAt(r, 'placaTrans') ? `Placa ${textAt(r, 'placaTrans')}` : '',
        textAt(r, 'nombreConductor') ? `Conductor ${textAt(r, 'nombreConductor')} ${textAt(r, 'numConductor')}` : '',
      );
    }),
  };
}

function tercero(doc: DteJson, key: 'ventaTercero' | 'compraTercero', title: string): SectionView | null {
  const t = objectAt(doc, key);
  if (!t) return null;
  const id = textAt(t, 'nit') || textAt(t, 'numDocumento');
  return { title, lines: [joined(textAt(t, 'nombre'), id ? `Documento ${id}` : '')] };
}

function extension(doc: DteJson): SectionView | null {
  const ext = objectAt(doc, 'extension');
  if (!ext) return null;
  const fields: [string, string][] = [
    ['nombEntrega', 'Entregado por'],
    ['docuEntrega', 'Documento de quien entrega'],
    ['nombRecibe', 'Recibido por'],
    ['docuRecibe', 'Documento de quien recibe'],
    ['placaVehiculo', 'Placa del vehículo'],
    ['codEmpleado', 'Código de empleado'],
    ['observaciones', 'Observaciones'],
  ];
  const lines = fields.filter(([k]) => textAt(ext, k)).map(([k, l]) => `${l}: ${textAt(ext, k)}`);
  return lines.length ? { title: 'EXTENSIÓN', lines } : null;
}

function apendice(doc: DteJson): SectionView | null {
  const rows = arrayAt(doc, 'apendice');
  if (rows.length === 0) return null;
  return { title: 'INFORMACIÓN ADICIONAL', lines: rows.map((r) => `${textAt(r, 'etiqueta')}: ${textAt(r, 'valor')}`) };
}

/** DCL (09) carries the liquidation data in a single cuerpoDocumento object. */
function liquidacion(doc: DteJson): SectionView | null {
  const body = singleBody(doc);
  if (!body || !isObject(body)) return null;
  const lines = [
    joined(
      `Período: ${dateEs(textAt(body, 'periodoLiquidacionFechaInicio'))} ` +
        `al ${dateEs(textAt(body, 'periodoLiquidacionFechaFin'))}`,
      textAt(body, 'codLiquidacion') ? `Código ${textAt(body, 'codLiquidacion')}` : '',
      textAt(body, 'cantidadDoc') ? `${textAt(body, 'cantidadDoc')} documentos` : '',
    ),
  ];
  if (textAt(body, 'descripSinPercepcion')) lines.push(`Sin percepción: ${textAt(body, 'descripSinPercepcion')}`);
  return { title: 'LIQUIDACIÓN', lines };
}

export function sectionViews(doc: DteJson): SectionView[] {
  return [
    relacionados(doc),
    otrosDocumentos(doc),
    tercero(doc, 'ventaTercero', 'VENTA A CUENTA DE TERCEROS'),
    tercero(doc, 'compraTercero', 'COMPRA A CUENTA DE TERCEROS'),
    liquidacion(doc),
  ].filter((s): s is SectionView => s !== null);
}

/** Printed after the totals. */
export function trailingSectionViews(doc: DteJson): SectionView[] {
  return [extension(doc), apendice(doc)].filter((s): s is SectionView => s !== null);
}

/**
 * Emisor/receptor blocks. Section names differ per type and version (MH's rules): FSE v1 `sujetoExcluido`,
 * CD v1 `donatario`/`donante`; v2.0 uses `emisor`/`receptor` everywhere, but the roles differ (FSE: the emisor
 * buys from the sujeto excluido; CD: the emisor is the donatario).
 */
import { objectAt, textAt, type DteJson, type JsonObject } from './dte-json.js';
import { CAT_012_DEPARTAMENTO, CAT_022_TIPO_DOCUMENTO, label } from './labels.js';

export interface PartyView {
  heading: string;
  name: string;
  lines: string[];
}

const HEADINGS: Record<string, [string, string]> = {
  '07': ['AGENTE DE RETENCIÓN (EMISOR)', 'SUJETO DE RETENCIÓN'],
  '14': ['EMISOR (COMPRADOR)', 'SUJETO EXCLUIDO'],
  '15': ['DONATARIO (EMISOR)', 'DONANTE'],
};

function addressLine(party: JsonObject): string | null {
  const dir = objectAt(party, 'direccion');
  if (!dir) return null;
  const parts = [textAt(dir, 'complemento')];
  const depto = textAt(dir, 'departamento');
  if (depto) parts.push(label(CAT_012_DEPARTAMENTO, depto));
  const municipio = textAt(dir, 'municipio');
  if (municipio) parts.push(`Mun. ${municipio}`);
  const distrito = textAt(dir, 'distrito');
  if (distrito) parts.push(`Dist. ${distrito}`);
  return parts.filter(Boolean).join(', ');
}

function identityLines(party: JsonObject): string[] {
  const lines: string[] = [];
  const nit = textAt(party, 'nit');
  if (nit) lines.push(`NIT: ${nit}`);
  const tipoDoc = textAt(party, 'tipoDocumento');
  const numDoc = textAt(party, 'numDocumento');
  if (numDoc) lines.push(`${tipoDoc ? label(CAT_022_TIPO_DOCUMENTO, tipoDoc) : 'Documento'}: ${numDoc}`);
  const nrc = textAt(party, 'nrc');
  if (nrc) lines.push(`NRC: ${nrc}`);
  return lines;
}

function partyLines(party: JsonObject): string[] {
  const lines = identityLines(party);
  const comercial = textAt(party, 'nombreComercial');
  if (comercial) lines.unshift(`Nombre comercial: ${comercial}`);
  const actividad = [textAt(party, 'codActividad'), textAt(party, 'descActividad')].filter(Boolean).join(' - ');
  if (actividad) lines.push(`Actividad económica: ${actividad}`);
  const address = addressLine(party);
  if (address) lines.push(`Dirección: ${address}`);
  const pais = [textAt(party, 'codPais'), textAt(party, 'nombrePais')].filter(Boolean).join(' - ');
  if (pais) lines.push(`País: ${pais}`);
  const complemento = textAt(party, 'complemento'); // FEX receptor carries a flat address
  if (complemento && !objectAt(party, 'direccion')) lines.push(`Dirección: ${complemento}`);
  const telefono = textAt(party, 'telefono');
  if (telefono) lines.push(`Teléfono: ${telefono}`);
  const correo = textAt(party, 'correo');
  if (correo) lines.push(`Correo: ${correo}`);
  const estable = [textAt(party, 'codEstable'), textAt(party, 'codPuntoVenta')].filter(Boolean).join(' / ');
  if (estable) lines.push(`Establecimiento / punto de venta: ${estable}`);
  return lines;
}

export function emisorSection(doc: DteJson): JsonObject | null {
  return objectAt(doc, 'emisor') ?? objectAt(doc, 'donatario');
}

export function receptorSection(doc: DteJson): JsonObject | null {
  return objectAt(doc, 'receptor') ?? objectAt(doc, 'sujetoExcluido') ?? objectAt(doc, 'donante');
}

export function partyViews(doc: DteJson, tipoDte: string): { emisor: PartyView; receptor: PartyView } {
  const [emisorHeading, receptorHeading] = HEADINGS[tipoDte] ?? ['EMISOR', 'RECEPTOR'];
  const emisor = emisorSection(doc);
  const receptor = receptorSection(doc);
  return {
    emisor: { heading: emisorHeading, name: textAt(emisor, 'nombre'), lines: emisor ? partyLines(emisor) : [] },
    receptor: receptor
      ? { heading: receptorHeading, name: textAt(receptor, 'nombre'), lines: partyLines(receptor) }
      : // FE may carry receptor:null for an anonymous consumer (MH's rules).
        { heading: receptorHeading, name: 'Consumidor final', lines: [] },
  };
}

/**
 * The e-mail a receptor gets for a processed DTE: a short Spanish message with the data needed to
 * recognise and verify the document, plus the two files MH's rules call the DTE: `<codigoGeneracion>.json` (the
 * Archivo DTE: JSON + firmaElectronica + selloRecibido, MH's rules) and `<codigoGeneracion>.pdf` (versión legible).
 * File names are the codigoGeneracion plus extension (MH's rules).
 */
import { consultaPublicaUrl, TIPO_DTE_TITLE, type DteJson } from '../documents/index.js';
import { objectAt, requiredIdentificacion, textAt } from '../documents/dte-json.js';
import { dateEs, money } from '../documents/format.js';
import { TOTAL_FIELDS } from '../documents/labels.js';
import { receptorSection } from '../documents/view-parties.js';
import type { MailAttachment } from './mailer.js';

export interface DteEmailInput {
  /** The DTE JSON; when it is the Archivo DTE its top-level `selloRecibido` is quoted in the message. */
  document: DteJson;
  /** The versión legible; null when it could not be rendered (the message then says the PDF is not attached). */
  pdf: Buffer | null;
  /** The Archivo DTE exactly as it is to be attached. */
  json: string | Buffer;
  emisorNombre: string;
}

export interface DteEmail {
  /** receptor.correo, or null when the DTE names no e-mail (then there is nobody to send it to). */
  to: string | null;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function sentenceCase(title: string): string {
  return title.charAt(0) + title.slice(1).toLowerCase();
}

function amountDue(doc: DteJson): string | null {
  const source = objectAt(doc, 'resumen') ?? objectAt(doc, 'cuerpoDocumento');
  const field = TOTAL_FIELDS.find((f) => typeof source?.[f] === 'number');
  return field ? money(source![field] as number) : null;
}

export function composeDteEmail(input: DteEmailInput): DteEmail {
  const doc = input.document;
  const tipoDte = requiredIdentificacion(doc, 'tipoDte');
  const codigo = requiredIdentificacion(doc, 'codigoGeneracion');
  const numeroControl = requiredIdentificacion(doc, 'numeroControl');
  const tipo = sentenceCase(TIPO_DTE_TITLE[tipoDte] ?? `Documento tributario electrónico ${tipoDte}`);
  const receptor = receptorSection(doc);
  const nombre = textAt(receptor, 'nombre');
  const sello = typeof doc['selloRecibido'] === 'string' ? doc['selloRecibido'] : '';
  const total = amountDue(doc);
  const facts: [string, string][] = [
    ['Número de control', numeroControl],
    ['Código de generación', codigo],
    [
      'Fecha de emisión',
      `${dateEs(textAt(doc.identificacion, 'fecEmi'))} ${textAt(doc.identificacion, 'horEmi')}`.trim(),
    ],
    ...(sello ? ([['Sello de recepción', sello]] as [string, string][]) : []),
    ...(total ? ([['Total', total]] as [string, string][]) : []),
  ];
  const url = consultaPublicaUrl(doc);
  const greeting = nombre ? `Estimado(a) ${nombre}:` : 'Estimado(a) cliente:';
  const intro = `Le enviamos su documento tributario electrónico (${tipo}) emitido por ${input.emisorNombre}.`;
  const closing = input.pdf
    ? 'Adjuntamos el documento en formato JSON (archivo oficial) y su versión legible en PDF.'
    : 'Adjuntamos el documento en formato JSON (archivo oficial); ' +
      'su versión legible en PDF no está disponible en este momento.';
  const text = [
    greeting,
    '',
    intro,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `Puede verificarlo en el portal del Ministerio de Hacienda: ${url}`,
    '',
    closing,
    '',
    'Este es un mensaje automático; por favor no responda a este correo.',
  ].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    '<table>',
    ...facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    `<p>Puede verificarlo en el <a href="${escapeHtml(url)}">portal del Ministerio de Hacienda</a>.</p>`,
    `<p>${escapeHtml(closing)}</p>`,
    '<p><small>Este es un mensaje automático; por favor no responda a este correo.</small></p>',
  ].join('\n');
  const correo = textAt(receptor, 'correo');
  return {
    to: correo || null,
    subject: `${tipo} ${numeroControl} — ${input.emisorNombre}`,
    text,
    html,
    attachments: [
      ...(input.pdf ? [{ filename: `${codigo}.pdf`, content: input.pdf, contentType: 'application/pdf' }] : []),
      { filename: `${codigo}.json`, content: Buffer.from(input.json), contentType: 'application/json' },
    ],
  };
}

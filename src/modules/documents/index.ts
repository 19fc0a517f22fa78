export { renderDtePdf, type RenderDteInput } from './pdf.js';
export { consultaPublicaUrl, renderQrPng } from './qr.js';
export { CONTINGENCY_NOTICE, PENDING_NOTICE, REJECTED_NOTICE } from './dte-view.js';
export { DocumentRenderError, type DocumentRenderErrorCode, type DteJson, type DteStatus } from './dte-json.js';
export { TIPO_DTE_TITLE } from './labels.js';

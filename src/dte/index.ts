// Public API of the pure MH DTE domain. No I/O, no database, no environment.
export * from './model.js';
export type * from './input/types.js';
export { parseEmission } from './input/parse.js';
export { buildDte, previewEmission, toContingency } from './build.js';
export { validateDte } from './validate/index.js';
export { dteSummary, type DteSummary } from './summary.js';
export { formatNumeroControl, newCodigoGeneracion, elSalvadorDateTime, isValidDate } from './identificacion-values.js';
export { buildInvalidacion, type InvalidacionInput } from './events/invalidacion.js';
export { buildContingencia, type ContingenciaInput } from './events/contingencia.js';
export {
  invalidationDeadline,
  isContingencyAllowed,
  ivaReturnDeadline,
  relatedNoteDeadline,
  type DeadlineOptions,
} from './events/deadlines.js';
export * from './calendar/business-days.js';
export { isValidDui, isValidNit, isValidNit14, isValidNrc, nitProblem, formatDui } from './dui-nit-nrc.js';
export { totalLetras, integerToWords } from './letras.js';
export * as catalogs from './catalogs/index.js';
export {
  buildRetorno,
  originalLine,
  RETORNO_TIPOS,
  RETORNO_VERSION,
  type RetornoInput,
  type RetornoTipo,
} from './events/retorno.js';
export {
  buildOperacionesEspeciales,
  EOP_VERSION,
  OPERACIONES_ESPECIALES,
  type EopInput,
  type EopLineInput,
} from './events/operaciones-especiales.js';
export { PHARMA_ACTIVIDADES, returnDeadline, specialOperationsDeadline } from './events/retorno-window.js';

/**
 * Spanish labels for the versión legible. Catalog texts are MH's (catalogs CAT-002/003/004/005/007/010/016/017/
 * 018/021/022/026, MH's rules); only the short catalogs a printed document needs are listed. Where the printed text
 * is the catalog's own, the catalog is used as it is; the others are shortened to fit a printed line.
 */
import { CONDICIONES_OPERACION, DEPARTAMENTOS, TIPOS_DONACION, TIPOS_GENERACION } from '../../dte/catalogs/data.js';
import type { DteStatus } from './dte-json.js';

/** CAT-002 document names as printed in the title. */
export const TIPO_DTE_TITLE: Record<string, string> = {
  '01': 'FACTURA',
  '03': 'COMPROBANTE DE CRÉDITO FISCAL',
  '04': 'NOTA DE REMISIÓN',
  '05': 'NOTA DE CRÉDITO',
  '06': 'NOTA DE DÉBITO',
  '07': 'COMPROBANTE DE RETENCIÓN',
  '08': 'COMPROBANTE DE LIQUIDACIÓN',
  '09': 'DOCUMENTO CONTABLE DE LIQUIDACIÓN',
  '11': 'FACTURA DE EXPORTACIÓN',
  '14': 'FACTURA DE SUJETO EXCLUIDO',
  '15': 'COMPROBANTE DE DONACIÓN',
};

export const STATUS_LABEL: Record<DteStatus, string> = {
  QUEUED: 'En cola de transmisión',
  SIGNED: 'Firmado, pendiente de transmisión',
  SENT: 'Transmitido, esperando respuesta de Hacienda',
  UNKNOWN: 'Pendiente de confirmación de Hacienda',
  PROCESSED: 'Procesado por el Ministerio de Hacienda',
  REJECTED: 'Rechazado por el Ministerio de Hacienda',
  CONTINGENCY: 'Emitido en contingencia',
  INVALIDATED: 'Invalidado (anulado)',
};

export const CAT_003_MODELO: Record<string, string> = { '1': 'Previo', '2': 'Diferido' };
export const CAT_004_TRANSMISION: Record<string, string> = { '1': 'Normal', '2': 'Contingencia' };
export const CAT_005_CONTINGENCIA: Record<string, string> = {
  '1': 'No disponibilidad de sistema del MH',
  '2': 'No disponibilidad de sistema del emisor',
  '3': 'Falla en el suministro de servicio de Internet del emisor',
  '4': 'Falla en el suministro de energía eléctrica del emisor',
  '5': 'Otro',
};
export const CAT_007_GENERACION: Readonly<Record<string, string>> = TIPOS_GENERACION;
export const CAT_010_SERVICIO_MEDICO: Record<string, string> = {
  '1': 'Cirugía',
  '2': 'Operación',
  '3': 'Tratamiento médico',
  '4': 'Cirugía ISBM',
  '5': 'Operación ISBM',
  '6': 'Tratamiento médico ISBM',
};
export const CAT_012_DEPARTAMENTO: Readonly<Record<string, string>> = { ...DEPARTAMENTOS, '00': 'Otro (extranjeros)' };
export const CAT_016_CONDICION: Readonly<Record<string, string>> = CONDICIONES_OPERACION;
export const CAT_017_FORMA_PAGO: Record<string, string> = {
  '01': 'Billetes y monedas',
  '02': 'Tarjeta débito',
  '03': 'Tarjeta crédito',
  '04': 'Cheque',
  '05': 'Transferencia / depósito bancario',
  '08': 'Dinero electrónico',
  '09': 'Monedero electrónico',
  '11': 'Bitcoin',
  '12': 'Otras criptomonedas',
  '13': 'Cuentas por pagar del receptor',
  '14': 'Giro bancario',
  '99': 'Otros',
};
export const CAT_018_PLAZO: Record<string, string> = { '01': 'días', '02': 'meses', '03': 'años' };
export const CAT_021_DOC_ASOCIADO: Record<string, string> = {
  '1': 'Emisor',
  '2': 'Receptor',
  '3': 'Médico',
  '4': 'Transporte',
};
export const CAT_022_TIPO_DOCUMENTO: Record<string, string> = {
  '36': 'NIT',
  '13': 'DUI',
  '37': 'Otro',
  '03': 'Pasaporte',
  '02': 'Carnet de residente',
};
export const CAT_026_DONACION: Readonly<Record<string, string>> = TIPOS_DONACION;

/** Catalog lookup that falls back to the raw code, so an unknown code is still printed rather than lost. */
export function label(catalog: Record<string, string>, code: string): string {
  if (!code) return '';
  return catalog[code] ?? code;
}

/** Labels of resumen (and DCL cuerpoDocumento) money fields; unknown fields print under their MH name. */
export const MONEY_FIELD_LABEL: Record<string, string> = {
  totalNoSuj: 'Total operaciones no sujetas',
  totalExenta: 'Total operaciones exentas',
  totalGravada: 'Total operaciones gravadas',
  exportacion: 'Total exportaciones',
  totalCompra: 'Total compras',
  subTotalVentas: 'Suma de ventas',
  descuNoSuj: 'Descuento a operaciones no sujetas',
  descuExenta: 'Descuento a operaciones exentas',
  descuGravada: 'Descuento a operaciones gravadas',
  descu: 'Descuento',
  totalDescu: 'Total descuentos',
  seguro: 'Seguro',
  flete: 'Flete',
  subTotal: 'Sub-total',
  ivaPerci: 'IVA percibido',
  ivaPerci1: 'IVA percibido',
  ivaRete: 'IVA retenido',
  ivaRete1: 'IVA retenido',
  reteRenta: 'Retención de renta',
  totalIva: 'IVA incluido en operaciones gravadas',
  montoTotalOperacion: 'Monto total de la operación',
  totalNoGravado: 'Total otros montos no afectos',
  totalNoOnerosas: 'Total operaciones no onerosas',
  saldoFavor: 'Saldo a favor',
  totalSujetoRetencion: 'Total monto sujeto a retención',
  totalIvaRetenido: 'Total IVA retenido',
  total: 'Total',
  valorTotal: 'Valor total',
  valorOperaciones: 'Valor de las operaciones',
  montoSinPercepcion: 'Monto sin percepción',
  montoSujetoPercepcion: 'Monto sujeto a percepción',
  iva: 'IVA',
  ivaPercibido: 'IVA percibido',
  comision: 'Comisión',
  ivaComision: 'IVA de la comisión',
  liquidoApagar: 'Líquido a pagar',
  totalPagar: 'Total a pagar',
};

/** The field that holds "what is owed" differs per type (MH's rules): first present wins. */
export const TOTAL_FIELDS = ['totalPagar', 'liquidoApagar', 'total', 'valorTotal', 'totalIvaRetenido'] as const;

// Spanish messages, by code (the rule that failed). `campo` is the field, `p` the values the English message names.
import type { Template } from './message-template.js';

const v = (x: string | number | undefined, alt = ''): string => (x === undefined || x === '' ? alt : String(x));

export const MENSAJES_ES: Record<string, Template> = {
  REQUIRED: ({ campo }) => `${campo} es obligatorio`,
  INVALID_TYPE: ({ campo }) => `${campo} tiene un tipo de dato no válido`,
  INVALID_NUMBER: ({ campo }) => `${campo} debe ser un número decimal (número JSON o texto como "12.50")`,
  INVALID_FORMAT: ({ campo }) => `${campo} no tiene el formato requerido`,
  INVALID_LENGTH: ({ campo }) => `${campo} no tiene una longitud permitida`,
  INVALID_DATE: ({ campo }) => `${campo} debe ser una fecha válida AAAA-MM-DD`,
  INVALID_JSON: () => 'el cuerpo de la solicitud no es JSON válido',
  INVALID_CHARACTER: ({ campo, p }) =>
    `${p.in === 'name' ? `el nombre de campo ${campo}` : campo} contiene ` +
    (p.character === 'surrogate'
      ? 'un sustituto UTF-16 suelto (no es un carácter Unicode válido)'
      : 'el carácter NUL (U+0000), que un campo de texto no puede guardar'),
  TOO_DEEP: ({ campo, p }) => `${campo} anida más de ${v(p.max)} niveles`,
  MALFORMED_URL: () => 'la URL tiene una codificación por porcentaje mal formada',
  MALFORMED_REQUEST: () => 'solicitud mal formada',
  INVALID_VALUE: ({ campo }) => `${campo} no tiene un valor válido`,
  NOT_POSITIVE: ({ campo }) => `${campo} debe ser mayor que 0`,
  TOO_SMALL: ({ campo }) => `${campo} es menor que el mínimo permitido`,
  TOO_LARGE: ({ campo }) => `${campo} debe ser menor que 100000000000 (límite del MH)`,
  TOO_MANY_DECIMALS: ({ campo }) => `${campo} tiene demasiados decimales (MH: 8 en ítems, 2 en totales)`,
  TOO_LONG: ({ campo }) => `${campo} excede la longitud máxima`,
  TOO_SHORT: ({ campo }) => `${campo} no alcanza la longitud mínima`,
  TOO_FEW: ({ campo }) => `${campo} necesita al menos un elemento`,
  TOO_MANY: ({ campo }) => `${campo} tiene más elementos de los permitidos`,
  OUT_OF_RANGE: ({ campo }) => `${campo} está fuera del rango permitido`,
  NOT_ALLOWED: ({ campo }) => `${campo}: valor no permitido para este documento`,
  NULL_NOT_ALLOWED: ({ campo }) => `${campo} no puede ser nulo`,
  UNKNOWN_CODE: ({ campo }) => `${campo}: el código no está en el catálogo del MH`,
  NOT_SUPPORTED: ({ campo }) => `${campo}: este tipo de documento aún no está disponible`,
  NOT_FOUND: ({ campo }) => `${campo}: no existe`,
  DUPLICATE_REFERENCE: () => 'esta referenciaExterna ya se usó con un cuerpo distinto',
  INVALID_DUI_FORMAT: ({ campo }) => `${campo} debe ser un DUI: ########-# o 9 dígitos`,
  INVALID_DUI_CHECK_DIGIT: ({ campo }) => `${campo}: el dígito verificador del DUI es incorrecto`,
  INVALID_NIT_FORMAT: ({ campo }) =>
    `${campo} debe ser un NIT de 14 dígitos (se permiten guiones) o un DUI de 9 dígitos`,
  INVALID_NIT_CHECK_DIGIT: ({ campo }) => `${campo}: el dígito verificador del NIT es incorrecto`,
  INVALID_NRC_FORMAT: ({ campo }) => `${campo} debe tener de 2 a 8 dígitos (123456-7 o 1234567)`,
  NIT_REQUIRED_WITH_NRC: () => 'un receptor con NRC se identifica con NIT (36)',
  PLACEHOLDER_DOCUMENT: ({ campo, p }) => `${campo} '${v(p.value)}' es solo ceros: no es un documento de identidad`,
  CONSUMIDOR_FINAL_SIN_DOCUMENTO: ({ p }) =>
    `numDocumento '${v(p.value)}' es solo ceros: el receptor es un consumidor final sin ` +
    `documento (se omite la identificación, como permite el MH por debajo de $25,000.00)`,
  RECEPTOR_IDENTIFICATION_REQUIRED: ({ p }) =>
    `numDocumento '${v(p.value)}' es solo ceros: las operaciones de ` +
    `$25,000.00 o más requieren el documento de identidad real del receptor`,
  RECEPTOR_REQUIRED_ABOVE_THRESHOLD: () =>
    'las operaciones de $25,000.00 o más requieren tipoDocumento, numDocumento y nombre del receptor',
  UNKNOWN_DEPARTAMENTO: ({ campo }) => `${campo}: el departamento no está en el CAT-012`,
  UNKNOWN_MUNICIPIO: ({ campo }) =>
    `${campo}: el municipio no es un municipio (CAT-013) ni un municipio anterior a 2024 del departamento`,
  UNKNOWN_DISTRITO: ({ campo }) => `${campo}: el distrito no está en el CAT-008 para el departamento`,
  DISTRITO_NOT_IN_MUNICIPIO: () => 'el distrito no pertenece al municipio indicado (reforma territorial de 2024)',
  DISTRITO_REQUIRED: ({ p }) =>
    `el municipio tiene varios distritos (CAT-008): indique distrito${p.distritos ? `, uno de ${v(p.distritos)}` : ''}`,
  LEGACY_MUNICIPIO_CONFLICT: () =>
    'el municipio es un código anterior a 2024 (hoy un distrito) que contradice el distrito indicado',
  DIRECCION_COMPLETED: ({ p }) =>
    p.anterior
      ? `municipio anterior a 2024 ${v(p.departamento)}-${v(p.anterior)} ` +
        `traducido a municipio ${v(p.municipio)}, distrito ${v(p.distrito)}`
      : `dirección completada: municipio ${v(p.municipio)}, distrito ${v(p.distrito)}`,
  UNKNOWN_FIELD: ({ p }) =>
    `${v(p.field)} no es un campo conocido aquí${p.suggestion ? `; ¿quiso decir ${v(p.suggestion)}?` : ''}`,
  FIELD_NOT_USED_BY_TIPO: ({ p }) =>
    `${v(p.field)} no se usa en tipoDte ${v(p.tipoDte)} (pertenece a tipoDte ${v(p.tipos)})`,
  FIELD_NOT_USED: ({ campo }) => `${campo} no forma parte de este tipo de documento`,
  TAX_TREATMENT_IN_TIPO: ({ p }) =>
    `tipo es la naturaleza del ítem (bien, servicio, ambos, ` +
    `otro); el tratamiento '${v(p.value)}' va en tratamientoFiscal`,
  CONFLICTING_FIELDS: ({ campo }) => `${campo} contradice otro campo que significa lo mismo: indique solo uno`,
  AMOUNT_MISMATCH: ({ p, path }) => `${path} es ${v(p.sent)} pero el motor calcula ${v(p.computed)}`,
  CALCULO_INCORRECTO: ({ campo }) => `${campo} no coincide con el valor calculado a partir de los ítems (±0.01)`,
  MIXED_TAX_TREATMENT: ({ campo }) => `${campo} tiene más de un tipo de venta (gravada, exenta, no sujeta)`,
  DISCOUNT_TOO_LARGE: ({ campo }) => `${campo}: el descuento excede cantidad × precio`,
  NO_GRAVADO_FIRST: () => 'una línea noGravado (cargo/abono) debe ir después de al menos una línea de venta',
  MEDICO_DOC_REQUIRED: () => 'el médico necesita nit o docIdentificacion',
  IVA_TRIBUTO_REQUIRED: () => 'las ventas gravadas deben incluir el tributo "20" (IVA 13 %)',
  UNKNOWN_RELATED_DOCUMENT: () => 'numeroDocumento debe ser uno de documentoRelacionado[].numeroDocumento',
  CONTINGENCY_NOT_ALLOWED: () => 'este tipo de documento no puede emitirse en contingencia',
  INCONSISTENT_CONTINGENCY: ({ campo }) => `${campo} no es coherente con el tipo de operación (contingencia)`,
  ADDITIONAL_PROPERTY: ({ campo }) => `${campo} no es un campo de esta sección del documento`,
  DUPLICATE_ITEMS: ({ campo }) => `${campo} no debe repetir elementos`,
  PAGOS_SUM_MISMATCH: ({ p }) => `la suma de pagos (${v(p.sum)}) no coincide con el total a pagar (${v(p.total)})`,
  RELATED_DOCUMENT_TOO_OLD: ({ p }) =>
    `el documento relacionado del ${v(p.fecha)} tiene más de ${v(p.meses)} meses (plazo del MH)`,
  RELATED_DOCUMENT_IN_FUTURE: ({ p }) => `el documento relacionado tiene fecha futura (${v(p.fecha)})`,
  INVALID_CODIGO_GENERACION: ({ campo }) =>
    `${campo}: un documento electrónico (tipoGeneracion 2) se relaciona por su codigoGeneracion (UUID)`,
};

/** One sentence per error code for the top-level message (validation failures list their issues instead). */
export const MENSAJES_ERROR_ES: Record<string, string> = {
  UNAUTHENTICATED: 'se requiere una credencial válida (x-api-key o Authorization: Bearer)',
  FORBIDDEN: 'la credencial no tiene permiso para esta operación',
  TENANT_MISMATCH: 'x-tenant-id no corresponde al tenant de la credencial',
  NOT_FOUND: 'no encontrado',
  VALIDATION_FAILED: 'la solicitud no cumple una o más reglas',
  DUPLICATE_TENANT_NIT: 'ya existe un tenant con este NIT',
  DUPLICATE_REFERENCE: 'esta referenciaExterna ya se usó con un cuerpo distinto',
  UNKNOWN_SCOPE: 'uno o más scopes no existen',
  CONFLICT: 'conflicto con el estado actual',
  DEADLINE_PASSED: 'venció el plazo legal del MH para esta operación',
  INVALID_STATE: 'el documento no está en un estado que permita esta operación',
  PAYLOAD_TOO_LARGE: 'el cuerpo de la solicitud es demasiado grande',
  MH_REJECTED: 'el MH rechazó la operación',
  MH_UNAVAILABLE: 'no se pudo contactar al MH; no se cambió nada, reintente más tarde',
  NO_MH_CREDENTIAL: 'el tenant no tiene certificado/credencial del MH para este ambiente',
  INTERNAL: 'error interno',
};

// Typed lookups over the MH catalogs. Data lives in ./data.ts (generated from the CSVs, no I/O at run time).
import * as C from './data.js';
import type { Direccion } from '../model.js';

export * from './data.js';

export function inCatalog(cat: Readonly<Record<string, string>>, code: string | number | null | undefined): boolean {
  return code !== null && code !== undefined && Object.hasOwn(cat, String(code));
}

/** Section-1 tributes (resumen) — CAT-015. */
export function tributoResumenDescripcion(codigo: string): string | undefined {
  return C.TRIBUTOS['1'][codigo];
}
/** Section-2 tributes charged as an item (tipoItem 4, codTributo). */
export function isTributoItem(codigo: string): boolean {
  return inCatalog(C.TRIBUTOS['2'], codigo);
}
export function isTributo(codigo: string): boolean {
  return inCatalog(C.TRIBUTOS['1'], codigo) || inCatalog(C.TRIBUTOS['2'], codigo) || inCatalog(C.TRIBUTOS['3'], codigo);
}

export type DireccionProblem = {
  field: keyof Direccion;
  code: string;
  message: string;
  params?: Record<string, string>;
};

/**
 * v2.0 address: departamento (CAT-012) + municipio (CAT-013, 44-municipio model) + distrito (CAT-008) consistent
 * with each other.
 */
export function direccionProblems(d: Direccion): DireccionProblem[] {
  const out: DireccionProblem[] = [];
  if (!inCatalog(C.DEPARTAMENTOS, d.departamento)) {
    out.push({
      field: 'departamento',
      code: 'UNKNOWN_DEPARTAMENTO',
      message: `departamento '${d.departamento}' is not in CAT-012`,
    });
    return out;
  }
  const municipios = C.MUNICIPIOS[d.departamento] ?? {};
  if (!inCatalog(municipios, d.municipio)) {
    out.push({
      field: 'municipio',
      code: 'UNKNOWN_MUNICIPIO',
      message: `municipio '${d.municipio}' is not a CAT-013 municipio of departamento ${d.departamento}`,
    });
  }
  const distritos = C.DISTRITOS[d.departamento] ?? {};
  if (!inCatalog(distritos, d.distrito)) {
    out.push({
      field: 'distrito',
      code: 'UNKNOWN_DISTRITO',
      message: `distrito '${d.distrito}' is not a CAT-008 distrito of departamento ${d.departamento}`,
    });
  } else if (d.departamento !== '00' && out.length === 0) {
    const owner = C.DISTRITO_MUNICIPIO[d.departamento]?.[d.distrito];
    if (owner !== d.municipio) {
      out.push({
        field: 'distrito',
        code: 'DISTRITO_NOT_IN_MUNICIPIO',
        message:
          `distrito ${d.distrito} belongs to municipio ${owner ?? '?'} ` +
          `of departamento ${d.departamento}, not ${d.municipio}`,
      });
    }
  }
  return out;
}

export type DireccionResolution =
  | { ok: true; municipio: string; distrito: string; translated: string | null; params?: Record<string, string> }
  | { ok: false; problem: DireccionProblem };

/**
 * An address given without `distrito`, or with a pre-2024 municipio code: since the 2024 territorial reform the 262 old
 * municipios are the distritos (CAT-008) of 44 new municipios (CAT-013), and the old and new codes of a departamento
 * never overlap. An old (departamento, municipio) pair therefore names exactly one new municipio + distrito; a new
 * municipio without distrito is completed only when it has a single distrito. Anything else is refused precisely.
 */
const refuse = (
  field: keyof Direccion,
  code: string,
  message: string,
  params?: Record<string, string>,
): DireccionResolution => ({
  ok: false,
  problem: { field, code, message, ...(params ? { params } : {}) },
});

export function resolveDireccion(
  departamento: string,
  municipio: string,
  distrito: string | null,
): DireccionResolution {
  if (departamento === '00') return { ok: true, municipio, distrito: distrito ?? '00', translated: null };
  const nuevos = C.MUNICIPIOS[departamento] ?? {};
  const distritos = C.DISTRITOS[departamento] ?? {};
  const owner = C.DISTRITO_MUNICIPIO[departamento] ?? {};
  if (inCatalog(nuevos, municipio)) {
    if (distrito) return { ok: true, municipio, distrito, translated: null };
    const own = Object.keys(owner)
      .filter((d) => owner[d] === municipio)
      .sort();
    if (own.length === 1) {
      return {
        ok: true,
        municipio,
        distrito: own[0]!,
        translated: `municipio ${municipio} has one distrito: ${own[0]}`,
        params: { municipio, distrito: own[0]! },
      };
    }
    return refuse(
      'distrito',
      'DISTRITO_REQUIRED',
      `municipio ${municipio} (${nuevos[municipio]}) of departamento ${departamento} ` +
        `has several distritos (CAT-008): give distrito, one of ${own.join(', ')}`,
      { distritos: own.join(', ') },
    );
  }
  const nuevo = owner[municipio];
  if (!inCatalog(distritos, municipio) || !nuevo) {
    // With a distrito (or an unknown departamento) direccionProblems says what is wrong.
    if (distrito || !inCatalog(C.DEPARTAMENTOS, departamento))
      return { ok: true, municipio, distrito: distrito ?? '00', translated: null };
    return refuse(
      'municipio',
      'UNKNOWN_MUNICIPIO',
      `municipio '${municipio}' is neither a CAT-013 municipio ` +
        `nor a pre-2024 municipio of departamento ${departamento}`,
    );
  }
  if (distrito && distrito !== municipio) {
    return refuse(
      'municipio',
      'LEGACY_MUNICIPIO_CONFLICT',
      `municipio ${municipio} is the pre-2024 code of ${distritos[municipio]} (now ` +
        `distrito ${municipio} of municipio ${nuevo}), which contradicts distrito ${distrito}`,
    );
  }
  return {
    ok: true,
    municipio: nuevo,
    distrito: municipio,
    translated:
      `pre-2024 municipio ${departamento}-${municipio} (${distritos[municipio]}) ` +
      `translated to municipio ${nuevo} (${nuevos[nuevo]}), distrito ${municipio}`,
    params: { departamento, anterior: municipio, municipio: nuevo, distrito: municipio },
  };
}

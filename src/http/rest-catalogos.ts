import type { Router } from 'express';
import type { App } from '../app.js';
import { AppError, ErrorCode } from '../core/errors.js';
import { catalogs } from '../dte/index.js';
import { contextOf } from './request.js';
import { requireAuthenticated } from '../core/guards.js';

type Flat = Readonly<Record<string, string>>;
type Nested = Readonly<Record<string, Flat>>;

/**
 * MH catalogs by CAT number and by a readable name (both work: /api/catalogos/CAT-017 or /api/catalogos/formas-pago).
 */
// A null-prototype map: `__proto__` or `constructor` in the URL must find nothing, not Object.prototype.
const CATALOGS: Record<string, { cat: string; name: string; data: Flat | Nested; nestedBy?: string }> =
  Object.create(null);
function add(cat: string, name: string, data: Flat | Nested, nestedBy?: string) {
  const entry = { cat, name, data, nestedBy };
  CATALOGS[cat.toLowerCase()] = entry;
  CATALOGS[name] = entry;
}
add('CAT-001', 'ambientes', catalogs.AMBIENTES);
add('CAT-002', 'tipos-documento', catalogs.TIPOS_DOCUMENTO);
add('CAT-003', 'modelos-facturacion', catalogs.MODELOS_FACTURACION);
add('CAT-004', 'tipos-transmision', catalogs.TIPOS_TRANSMISION);
add('CAT-005', 'tipos-contingencia', catalogs.TIPOS_CONTINGENCIA);
add('CAT-006', 'retenciones-iva', catalogs.RETENCIONES_IVA);
add('CAT-007', 'tipos-generacion', catalogs.TIPOS_GENERACION);
add('CAT-008', 'distritos', catalogs.DISTRITOS, 'departamento');
add('CAT-009', 'tipos-establecimiento', catalogs.TIPOS_ESTABLECIMIENTO);
add('CAT-010', 'servicios-medicos', catalogs.SERVICIOS_MEDICOS);
add('CAT-011', 'tipos-item', catalogs.TIPOS_ITEM);
add('CAT-012', 'departamentos', catalogs.DEPARTAMENTOS);
add('CAT-013', 'municipios', catalogs.MUNICIPIOS, 'departamento');
add('CAT-014', 'unidades-medida', catalogs.UNIDADES_MEDIDA);
add('CAT-015', 'tributos', catalogs.TRIBUTOS, 'seccion');
add('CAT-016', 'condiciones-operacion', catalogs.CONDICIONES_OPERACION);
add('CAT-017', 'formas-pago', catalogs.FORMAS_PAGO);
add('CAT-018', 'plazos', catalogs.PLAZOS);
add('CAT-019', 'actividades-economicas', catalogs.ACTIVIDADES_ECONOMICAS);
add('CAT-020', 'paises', catalogs.PAISES);
add('CAT-021', 'documentos-asociados', catalogs.DOCUMENTOS_ASOCIADOS);
add('CAT-022', 'tipos-documento-identificacion', catalogs.TIPOS_DOCUMENTO_IDENTIFICACION);
add('CAT-023', 'operaciones-especiales', catalogs.OPERACIONES_ESPECIALES);
add('CAT-024', 'motivos-invalidacion', catalogs.MOTIVOS_EVENTO);
add('CAT-025', 'titulos-bienes', catalogs.TITULOS_BIENES);
add('CAT-026', 'tipos-donacion', catalogs.TIPOS_DONACION);
add('CAT-027', 'recintos-fiscales', catalogs.RECINTOS_FISCALES);
add('CAT-028', 'regimenes', catalogs.REGIMENES);
add('CAT-029', 'tipos-persona', catalogs.TIPOS_PERSONA);
add('CAT-030', 'transportes', catalogs.TRANSPORTES);
add('CAT-031', 'incoterms', catalogs.INCOTERMS);
add('CAT-032', 'domicilios-fiscales', catalogs.DOMICILIOS_FISCALES);
add('CAT-033', 'tipos-regimen', catalogs.TIPOS_REGIMEN);

/** MH codes in their natural order: numeric codes by value ("2" before "10"; "01" before "02"), others as text. */
export function byCode(a: string, b: string): number {
  const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
  if (numeric && Number(a) !== Number(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Items sorted by code (nested catalogs by parent, then code): JavaScript's key order is not the catalog's. */
function items(c: (typeof CATALOGS)[string]) {
  const sorted = <T>(o: Readonly<Record<string, T>>) => Object.entries(o).sort(([a], [b]) => byCode(a, b));
  if (!c.nestedBy) return sorted(c.data as Flat).map(([codigo, valor]) => ({ codigo, valor }));
  return sorted(c.data as Nested).flatMap(([parent, inner]) =>
    sorted(inner).map(([codigo, valor]) => ({ [c.nestedBy!]: parent, codigo, valor })),
  );
}

/** GET /api/catalogos (the list) and GET /api/catalogos/:name. Any authenticated caller. */
export function catalogRoutes(app: App, r: Router): void {
  r.get('/api/catalogos', async (req, res) => {
    requireAuthenticated(await contextOf(app, req, res));
    const seen = [...new Map(Object.values(CATALOGS).map((c) => [c.cat, c])).values()];
    res.json(seen.map((c) => ({ catalogo: c.cat, nombre: c.name })));
  });
  r.get('/api/catalogos/:name', async (req, res) => {
    requireAuthenticated(await contextOf(app, req, res));
    const c = CATALOGS[String(req.params.name).toLowerCase()];
    if (!c)
      throw new AppError(ErrorCode.NOT_FOUND, `unknown catalog ${req.params.name}`, [
        { path: 'name', code: 'UNKNOWN_CATALOG', message: 'use CAT-001…CAT-033 or a name from GET /api/catalogos' },
      ]);
    res.json({ catalogo: c.cat, nombre: c.name, items: items(c) });
  });
}

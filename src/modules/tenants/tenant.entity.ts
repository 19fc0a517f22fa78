import { defineEntity, p } from '@mikro-orm/core';
import type { Ambiente, Direccion } from '../../dte/model.js';

/** The tenant is the emisor of its MH documents. */
export const TenantSchema = defineEntity({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    nit: p.string().length(14).unique(),
    nrc: p.string().length(8),
    nombre: p.string().length(250),
    nombreComercial: p.string().length(150).nullable(),
    codActividad: p.string().length(6),
    descActividad: p.string().length(150),
    direccion: p.json<Direccion>(),
    telefono: p.string().length(30),
    correo: p.string().length(100),
    /** Highest MH ambiente this tenant may act on: '00' test only, '01' production (and test). */
    ambiente: p.string().length(2).$type<Ambiente>().default('00'),
    mhApiUser: p.string().length(14).nullable(),
    /** PNG or JPEG printed on the versión legible (PDF). */
    logo: p.blob().nullable().lazy(),
    isDemo: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class Tenant extends TenantSchema.class {}
TenantSchema.setClass(Tenant);

export interface PuntoVenta {
  /** MH point-of-sale code, v2.0 form `P` + 3 digits. */
  codPuntoVentaMH: string;
  codPuntoVenta: string | null;
  nombre: string | null;
}

/** Establecimientos registered with MH; numeroControl section 3 = codEstableMH + codPuntoVentaMH. */
export const EstablishmentSchema = defineEntity({
  name: 'Establishment',
  tableName: 'establishment',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).index(),
    /** v2.0 form: M|S|B|P + 3 digits (casa matriz, sucursal, bodega, patio). */
    codEstableMH: p.string().length(4),
    codEstable: p.string().length(10).nullable(),
    /** CAT-009 tipo de establecimiento. */
    tipoEstablecimiento: p.string().length(2),
    nombre: p.string().length(150).nullable(),
    direccion: p.json<Direccion>().nullable(),
    puntosVenta: p.json<PuntoVenta[]>(),
    isDefault: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['tenant', 'codEstableMH'] }],
});
export class Establishment extends EstablishmentSchema.class {}
EstablishmentSchema.setClass(Establishment);

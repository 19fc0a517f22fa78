import { defineEntity, p } from '@mikro-orm/core';
import type { TipoVenta } from '../../dte/index.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * How a SIGMA service (a consultation, a procedure, a SIGLA lab exam) is invoiced: the DTE item fields an emission
 * by `serviceId` takes from here (CAT-011 tipoItem, CAT-014 uniMedida, tax treatment, default price).
 */
export const ServiceMappingSchema = defineEntity({
  name: 'ServiceMapping',
  tableName: 'service_mapping',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).index(),
    serviceId: p.string().length(100),
    descripcion: p.string().length(1000),
    tipoItem: p.integer(),
    uniMedida: p.integer(),
    codigo: p.string().length(25).nullable(),
    tipo: p.string().length(10).$type<TipoVenta>(),
    /** CAT-015 tributos applicable to the line (informational on FE, where IVA is inside the price). */
    tributos: p.json<string[]>(),
    /** Default unit price (decimal string), as the document type expects it: IVA included on FE, excluded on CCF. */
    precio: p.decimal().precision(19).scale(8).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'service_mapping_tenant_service_unique', properties: ['tenant', 'serviceId'] }],
});
export class ServiceMapping extends ServiceMappingSchema.class {}
ServiceMappingSchema.setClass(ServiceMapping);

import { defineEntity, p } from '@mikro-orm/core';
import type { Ambiente } from '../../dte/model.js';
import { Tenant } from '../tenants/tenant.entity.js';

export const REPORT_KINDS = ['F07_ANEXOS', 'LIBROS_VENTAS', 'ARCHIVO_MENSUAL'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['QUEUED', 'RUNNING', 'READY', 'FAILED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** One requested monthly report of a tenant (F-07 annexes, sales books or the archive), built by a job. */
export const MonthlyReportSchema = defineEntity({
  name: 'MonthlyReport',
  tableName: 'monthly_report',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant),
    /** Tax period `YYYY-MM` (El Salvador dates). */
    period: p.string().length(7),
    kind: p.string().length(20).$type<ReportKind>(),
    ambiente: p.string().length(2).$type<Ambiente>(),
    options: p.json<Record<string, unknown>>(),
    status: p.string().length(10).$type<ReportStatus>(),
    /** 0–100 while RUNNING. */
    progress: p.integer().default(0),
    documents: p.integer().default(0),
    error: p.text().nullable(),
    completedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [{ name: 'monthly_report_tenant_created_index', properties: ['tenant', 'createdAt'] }],
});
export class MonthlyReport extends MonthlyReportSchema.class {}
MonthlyReportSchema.setClass(MonthlyReport);

/** The result of a report: one file (a ZIP of the annexes / books, or the archive). */
export const ReportFileSchema = defineEntity({
  name: 'ReportFile',
  tableName: 'monthly_report_file',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant),
    report: () => p.manyToOne(MonthlyReport).deleteRule('cascade').index(),
    name: p.string().length(100),
    contentType: p.string().length(60),
    content: p.blob().lazy(),
    bytes: p.integer(),
    sha256: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ReportFile extends ReportFileSchema.class {}
ReportFileSchema.setClass(ReportFile);

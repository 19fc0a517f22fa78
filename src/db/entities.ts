import { ApiKeySchema } from '../modules/auth/api-key.entity.js';
import {
  ControlCounterSchema,
  InvoiceEventSchema,
  InvoiceSchema,
  InvoiceTallySchema,
  ReceptorNameSchema,
} from '../modules/invoices/invoice.entity.js';
import { EstablishmentSchema, TenantSchema } from '../modules/tenants/tenant.entity.js';
import { ContingencyEventSchema, LoteSchema } from '../modules/transmission/contingency.entity.js';
import { MhCredentialSchema } from '../modules/transmission/mh-credential.entity.js';
import { PatientProfileSchema } from '../modules/patients/patient-profile.entity.js';
import { ServiceMappingSchema } from '../modules/services/service-mapping.entity.js';
import { JobSchema } from '../queue/job.entity.js';
import { StoredDocumentSchema } from '../modules/documents/document.entity.js';
import { InvoiceEmailSchema } from '../modules/email/invoice-email.entity.js';
import { TenantCalendarSchema } from '../modules/calendar/tenant-calendar.entity.js';
import { MonthlyReportSchema, ReportFileSchema } from '../modules/reports/report.entity.js';
import { FiscalEventSchema } from '../modules/fiscal-events/fiscal-event.entity.js';
import {
  WebhookAttemptSchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
} from '../modules/webhooks/webhook.entity.js';

/** Every entity of the service. Tenant-owned ones carry a `tenant` relation and are scoped by the `tenant` filter. */
export const entities = [
  TenantSchema,
  EstablishmentSchema,
  ApiKeySchema,
  InvoiceSchema,
  InvoiceEventSchema,
  ControlCounterSchema,
  InvoiceTallySchema,
  ReceptorNameSchema,
  MhCredentialSchema,
  ContingencyEventSchema,
  LoteSchema,
  JobSchema,
  PatientProfileSchema,
  ServiceMappingSchema,
  WebhookEndpointSchema,
  WebhookDeliverySchema,
  WebhookAttemptSchema,
  StoredDocumentSchema,
  InvoiceEmailSchema,
  TenantCalendarSchema,
  MonthlyReportSchema,
  ReportFileSchema,
  FiscalEventSchema,
];

/** Entities scoped by the tenant filter (all tenant-owned rows, and the tenant row itself). */
export const tenantScoped = [
  'Tenant',
  'Establishment',
  'ApiKey',
  'Invoice',
  'InvoiceEvent',
  'ControlCounter',
  'MhCredential',
  'ContingencyEvent',
  'Lote',
  'PatientProfile',
  'ServiceMapping',
  'WebhookEndpoint',
  'WebhookDelivery',
  'WebhookAttempt',
  'StoredDocument',
  'InvoiceEmail',
  'TenantCalendar',
  'MonthlyReport',
  'ReportFile',
  'FiscalEvent',
];

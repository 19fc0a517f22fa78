import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  createCalendar,
  invalidationDeadline,
  ivaReturnDeadline,
  NATIONAL_CALENDAR,
  nthBusinessDayOfNextMonth,
} from '../../src/dte/index.js';
import { emitInvoice } from '../../src/modules/invoices/emit-invoice.js';
import { InvoiceEvent } from '../../src/modules/invoices/invoice.entity.js';
import { raiseDeadlineWarnings } from '../../src/modules/notifications/deadline-warnings.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { elSalvadorDateTime } from '../../src/dte/index.js';
import { facturaBody, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';
import { orThrow } from '../../src/core/result.js';

let t: TestApp;
let tt: PipelineTenant;
let extraDay: string;
const today = () => elSalvadorDateTime(new Date()).fecEmi;
const ccfBody = () => ({
  ...JSON.parse(readFileSync(new URL('../../examples/dte/03-credito-fiscal.json', import.meta.url), 'utf8')),
  referenciaExterna: `ccf-${Date.now()}-${Math.random()}`,
});
const DEADLINES = 'deadlines { invalidation ivaReturn relatedNotes perishableMedicine contingencyEvent transmit }';

beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
  tt = await tenantWithCredential(t);
  // The tenant's extra day is exactly the national 10th business day of next month: every such deadline must move.
  extraDay = nthBusinessDayOfNextMonth(NATIONAL_CALENDAR, today(), 10);
  const r = await t.gql(
    `mutation($id: ID!, $d: [ExtraDayInput!]!) { setTenantCalendar(tenantId: $id, ` +
      `extraDays: $d) { __typename ... on TenantCalendar { extraDays { date name } } } }`,
    {
      id: tt.tenantId,
      d: [
        { date: extraDay, name: 'Fiesta patronal' },
        { date: '08-05', name: 'Fiestas agostinas (San Salvador)' },
      ],
    },
    { 'x-api-key': t.adminKey },
  );
  expect(r.body.data.setTenantCalendar.extraDays).toEqual([
    { date: '08-05', name: 'Fiestas agostinas (San Salvador)' },
    { date: extraDay, name: 'Fiesta patronal' },
  ]);
}, 60_000);
afterAll(async () => t?.close());

describe("deadlines on the tenant's business-day calendar", () => {
  it(
    "a CCF's invalidation and IVA-return deadlines skip the " +
      "tenant's extra day; GraphQL and REST expose every deadline",
    async () => {
      const inv = orThrow(await emitInvoice(tt.ctx(), ccfBody())).invoice;
      const cal = createCalendar([{ date: extraDay, name: 'x' }]);
      const expected = invalidationDeadline('03', inv.fecEmi, { calendar: cal });
      expect(expected > extraDay).toBe(true);
      expect(inv.invalidationDeadline).toBe(expected);
      const g = await t.gql(
        `query($id: ID!) { invoice(id: $id) { ${DEADLINES} } }`,
        { id: inv.id },
        { 'x-api-key': tt.apiKey },
      );
      expect(g.body.data.invoice.deadlines).toEqual({
        invalidation: expected,
        ivaReturn: ivaReturnDeadline(inv.fecEmi, cal),
        relatedNotes: addMonthsClamped(inv.fecEmi, 3),
        perishableMedicine: false,
        contingencyEvent: null,
        transmit: null,
      });
      const rest = await fetch(`${t.url}/api/facturas/${inv.id}`, { headers: { 'x-api-key': tt.apiKey } });
      expect(((await rest.json()) as any).deadlines).toEqual(g.body.data.invoice.deadlines);
    },
  );

  it(
    'a line flagged medicamentoPerecedero gives the 2-year ' +
      'window; a flag that is not a boolean is refused by name',
    async () => {
      const body = facturaBody();
      (body.items as Record<string, unknown>[])[0]!.medicamentoPerecedero = true;
      const inv = orThrow(await emitInvoice(tt.ctx(), body)).invoice;
      expect(inv.invalidationDeadline).toBe(addMonthsClamped(inv.fecEmi, 24));
      const g = await t.gql(
        `query($id: ID!) { invoice(id: $id) { deadlines { invalidation perishableMedicine } } }`,
        { id: inv.id },
        { 'x-api-key': tt.apiKey },
      );
      expect(g.body.data.invoice.deadlines).toEqual({
        invalidation: addMonthsClamped(inv.fecEmi, 24),
        perishableMedicine: true,
      });
      const bad = facturaBody();
      (bad.items as Record<string, unknown>[])[1]!.medicamentoPerecedero = 'si';
      const res = await fetch(`${t.url}/api/facturas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': tt.apiKey },
        body: JSON.stringify(bad),
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as any).error.issues).toEqual([
        expect.objectContaining({ path: 'items[1].medicamentoPerecedero', code: 'INVALID_TYPE' }),
      ]);
    },
  );

  it(
    'businessHolidays lists the national holidays (Holy Week ' +
      "computed) and the tenant's days; bad days are refused",
    async () => {
      const h = await t.gql(`{ businessHolidays(year: 2027) { date name } }`, {}, { 'x-api-key': tt.apiKey });
      const dates = h.body.data.businessHolidays.map((x: { date: string }) => x.date);
      expect(dates).toEqual(
        expect.arrayContaining(['2027-03-25', '2027-03-26', '2027-03-27', '2027-08-05', '2027-08-06', '2027-12-25']),
      );
      const bad = await t.gql(
        `mutation($id: ID!) { setTenantCalendar(tenantId: $id, extraDays: [{ date: ` +
          `"2026-02-30", name: "x" }]) { __typename ... on UserError { issues { path code } } } }`,
        { id: tt.tenantId },
        { 'x-api-key': t.adminKey },
      );
      expect(bad.body.data.setTenantCalendar).toEqual({
        __typename: 'ValidationFailed',
        issues: [{ path: 'extraDays[0].date', code: 'INVALID_DATE' }],
      });
      const denied = await t.gql(
        `mutation($id: ID!) { setTenantCalendar(tenantId: $id, extraDays: []) { __typename } }`,
        { id: tt.tenantId },
        { 'x-api-key': tt.apiKey },
      );
      expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    },
  );

  it('dte.deadline.warning: once before the last day a note may relate a PROCESSED CCF', async () => {
    const emitted = orThrow(await emitInvoice(tt.ctx(), ccfBody())).invoice;
    const [ccf] = await waitForStatus(t, [emitted.id], ['PROCESSED', 'REJECTED']);
    expect(ccf!.status).toBe('PROCESSED');
    const now = new Date(`${addMonthsClamped(ccf!.fecEmi, 3)}T12:00:00-06:00`);
    await raiseDeadlineWarnings(t.app, now, 24 * 3_600_000);
    await raiseDeadlineWarnings(t.app, now, 24 * 3_600_000);
    const events = await t.app.db.orm.em
      .fork()
      .find(InvoiceEvent, { invoice: ccf!.id, type: 'dte.deadline.warning' }, { filters: false });
    expect(events.map((e) => e.data)).toEqual([
      { kind: 'relatedNotes', deadline: new Date(`${addMonthsClamped(ccf!.fecEmi, 3)}T23:59:59-06:00`).toISOString() },
    ]);
  });
});

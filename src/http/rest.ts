import type { Router } from 'express';
import type { App } from '../app.js';
import { catalogRoutes } from './rest-catalogos.js';
import { fiscalEventRoutes } from './rest-fiscal-events.js';
import { invoiceRoutes } from './rest-invoices.js';
import { receptorRoutes } from './rest-receptores.js';

/**
 * The REST face kept for existing SIGMA servers: the same use cases, credentials and error codes as GraphQL, the
 * codes mapped to HTTP statuses by sendError (400/401/403/404/409/413/422). Express 5 forwards async rejections.
 */
export function restRoutes(app: App): (router: Router) => void {
  return (r) => {
    invoiceRoutes(app, r);
    receptorRoutes(app, r);
    catalogRoutes(app, r);
    fiscalEventRoutes(app, r);
  };
}

import type { Config } from '../config.js';
import type { App } from '../app.js';
import { documentLinks } from '../modules/documents/links.js';
import type { Invoice } from '../modules/invoices/invoice.entity.js';

/** pdfUrl / jsonUrl: signed, expiring links that open without an API key. */
export function documentLinkResolvers(source: App | Config) {
  return {
    Invoice: {
      pdfUrl: async (inv: Invoice) => (await documentLinks(source, inv)).pdfUrl,
      jsonUrl: async (inv: Invoice) => (await documentLinks(source, inv)).jsonUrl,
    },
  };
}

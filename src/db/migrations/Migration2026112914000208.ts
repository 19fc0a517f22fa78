import { Migration } from '@mikro-orm/migrations';

const BATCH = 500;

const byJsonbOrder = (a: string, b: string): number => {
  const la = Buffer.byteLength(a);
  const lb = Buffer.byteLength(b);
  return la !== lb ? la - lb : Buffer.compare(Buffer.from(a), Buffer.from(b));
};

function jsonbOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort(byJsonbOrder)) if (o[k] !== undefined) out[k] = jsonbOrder(o[k]);
    return out;
  }
  return value;
}

/**
 * Invoices signed before the JWS was stored without its payload keep a whole JWS, i.e. their document twice. This
 * rewrites them as `header..signature` where the payload is exactly the stored document (the same rule as
 * src/modules/invoices/invoice-jws.ts; a JWS whose payload differs stays whole). Not transactional: batches of
 * BATCH rows, each committed on its own, so no lock is held for long; an interrupted run simply resumes.
 */
export class Migration2026112914000208 extends Migration {

  override name = 'Migration2026112914000208';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const rows = await this.execute(
        `select id, document::text as document, jws from invoice where id > ? and jws is not null and split_part(jws, '.', 2) <> '' order by id limit ${BATCH}`,
        [after],
      ) as { id: string; document: string; jws: string }[];
      if (!rows.length) return;
      after = rows.at(-1)!.id;
      const compacted: { id: string; jws: string }[] = [];
      for (const r of rows) {
        const [header, payload, signature] = r.jws.split('.');
        const rebuilt = Buffer.from(JSON.stringify(jsonbOrder(JSON.parse(r.document))), 'utf8').toString('base64url');
        if (payload === rebuilt) compacted.push({ id: r.id, jws: `${header}..${signature}` });
      }
      if (compacted.length) {
        await this.execute(
          `update invoice i set jws = v.jws from jsonb_to_recordset(?::jsonb) as v(id uuid, jws text) where i.id = v.id`,
          [JSON.stringify(compacted)],
        );
      }
    }
  }

  override down(): void | Promise<void> {
    // Whole or detached, readers rebuild the same JWS: nothing to undo.
  }

}

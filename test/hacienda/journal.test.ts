import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMhSandbox, MhClient } from '../../src/hacienda/index.js';
import { makeDte, makeTenant, recepcionRequest } from './helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-sbj-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('MH sandbox journal', () => {
  it(
    'a restarted sandbox still knows what it received: ' +
      'consultadte answers, duplicates are refused, counts survive',
    async () => {
      const journalFile = path.join(dir, 'mh.jsonl');
      const t = makeTenant('00');
      const reg = {
        nit: t.nit,
        password: t.cred.password,
        publicKeyPem: t.cert.publicKeyPem,
        ambiente: t.cred.ambiente,
      } as const;
      const first = await createMhSandbox({ validate: null, journalFile });
      first.registerTenant(reg);
      const doc = makeDte(t);
      const req = await recepcionRequest(t, doc);
      const sent = await new MhClient({ baseUrl: first.url, userAgent: 'fx-test', timeoutMs: 3000 }).recepcionDte(
        t.cred,
        req,
      );
      expect(sent.kind).toBe('processed');
      await first.close();
      appendFileSync(journalFile, '{"t":"doc","v":{"torn'); // a write cut by a kill is ignored

      const second = await createMhSandbox({ validate: null, journalFile });
      second.registerTenant(reg);
      const client = new MhClient({ baseUrl: second.url, userAgent: 'fx-test', timeoutMs: 3000 });
      expect(second.receptions(req.codigoGeneracion)).toBe(1);
      const found = await client.consultaDte(t.cred, {
        nitEmisor: t.nit,
        tdte: '01',
        codigoGeneracion: req.codigoGeneracion,
      });
      expect(found).toMatchObject({
        kind: 'processed',
        selloRecibido: (sent as { selloRecibido: string }).selloRecibido,
      });
      const again = await client.recepcionDte(t.cred, req);
      expect(again).toMatchObject({ kind: 'rejected', codigoMsg: '004' });
      expect(second.receptions(req.codigoGeneracion)).toBe(2);
      await second.close();
    },
  );
});

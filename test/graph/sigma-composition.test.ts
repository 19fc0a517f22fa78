import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_SIGMA_FIELDS, NO_SIGMA_FIELDS, parseSigmaFields } from '../../src/modules/sigma/sigma-fields.js';
import { subgraphSdl } from '../../src/schema.js';
import { composeSupergraph } from '../../src/supergraph/gateway.js';
import { sigmaTypeDefs } from '../../src/supergraph/sigma-subgraph.js';
import { MINIMAL_SIGMA } from '../helpers/sigma.js';

const compose = async (sigma: string, fields = DEFAULT_SIGMA_FIELDS) =>
  composeSupergraph([
    { name: 'sigma', url: 'http://127.0.0.1:1/sigma', sdl: sigma },
    { name: 'facturaxpress', url: 'http://127.0.0.1:1/graphql', sdl: await subgraphSdl(fields) },
  ]);

describe("SIGMA's fields are configuration", () => {
  it('the default (demo SIGMA) declares them @external; Patient.receptor / Service.fiscal @requires them', async () => {
    const sdl = await subgraphSdl();
    expect(sdl).toMatch(/documentNumber: String @external/);
    expect(sdl).toMatch(/address: PostalAddress @external/);
    expect(sdl).toMatch(/line1: String! @external/);
    expect(sdl).toContain(
      'receptor: PatientReceptor @requires(fields: "name documentType documentNumber ' +
        'email phone address { line1 department municipality district }")',
    );
    expect(sdl).toContain('@requires(fields: "name area")');
    const { hints } = await compose(sigmaTypeDefs());
    expect(hints).toEqual([]);
  });

  it(
    'with none configured, the SDL declares no SIGMA field and ' +
      'composes with a SIGMA of only Patient { id } / Service { id }',
    async () => {
      const sdl = await subgraphSdl(NO_SIGMA_FIELDS);
      expect(sdl).not.toMatch(/: [^\n]* @external/);
      expect(sdl).not.toContain('@requires(');
      expect((await compose(MINIMAL_SIGMA, NO_SIGMA_FIELDS)).hints).toEqual([]);
      expect((await compose(sigmaTypeDefs(), NO_SIGMA_FIELDS)).hints).toEqual([]);
    },
  );

  it(
    'the default refuses to compose with a SIGMA lacking the ' +
      'fields (Federation refuses an @external nobody defines)',
    async () => {
      await expect(compose(MINIMAL_SIGMA)).rejects.toThrow(/composition failed/);
    },
  );

  it('other names and types: exactly the configured fields are declared and compose with such a SIGMA', async () => {
    const fields = parseSigmaFields(
      JSON.stringify({
        patient: { nombre: 'fullName: String!', numDocumento: 'dui', correo: { field: 'mail' } },
        service: {
          descripcion: 'title: String!',
          tipoItem: { field: 'kind', type: 'String', values: { drug: '1', exam: '2' } },
        },
      }),
    );
    const sigma = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { patient(id: ID!): Patient }
type Patient @key(fields: "id") { id: ID! fullName: String! dui: String mail: String ward: String }
type Service @key(fields: "id") { id: ID! title: String! kind: String }
`;
    const sdl = await subgraphSdl(fields);
    expect(sdl).toContain('@requires(fields: "fullName dui mail")');
    expect(sdl).not.toMatch(/ward|documentNumber:/);
    expect((await compose(sigma, fields)).hints).toEqual([]);
  });

  it('FX_SIGMA_FIELDS: none, inline JSON, and a precise error naming the variable and the path', () => {
    expect(loadConfig({}, []).sigma.fields).toEqual(DEFAULT_SIGMA_FIELDS);
    expect(loadConfig({ FX_SIGMA_FIELDS: 'none' }, []).sigma.fields).toEqual(NO_SIGMA_FIELDS);
    expect(loadConfig({ FX_SIGMA_FIELDS: '{"patient":{"nombre":"name: String!"}}' }, []).sigma.fields).toEqual({
      patient: { nombre: { field: 'name', type: 'String!' } },
      service: {},
    });
    expect(() => loadConfig({ FX_SIGMA_FIELDS: '{"patient":{"apellido":"x"}}' }, [])).toThrow(
      /FX_SIGMA_FIELDS: patient.apellido: unknown/,
    );
    expect(() => loadConfig({ FX_SIGMA_FIELDS: '{"patient":{"tipoDocumento":"docType: DocType"}}' }, [])).toThrow(
      /FX_SIGMA_FIELDS: patient.tipoDocumento: type DocType is an enum .* needs "values"/,
    );
    expect(() => loadConfig({ FX_SIGMA_FIELDS: '{"patient":' }, [])).toThrow(/FX_SIGMA_FIELDS: not valid JSON/);
  });
});

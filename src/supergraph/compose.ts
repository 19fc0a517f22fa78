import type { SigmaFields } from '../modules/sigma/sigma-fields.js';
import { subgraphSdl } from '../schema.js';
import { composeSupergraph, type Composition } from './gateway.js';
import { sigmaTypeDefs } from './sigma-subgraph.js';

export interface SupergraphParts {
  sigmaUrl: string;
  /** SIGMA's SDL; default schema/sigma.graphql (the demo subgraph). */
  sigmaSdl?: string;
  /** FacturaXpress's GraphQL endpoint. */
  fxUrl: string;
  /** The SIGMA fields FacturaXpress declares @external (its FX_SIGMA_FIELDS). */
  sigmaFields: SigmaFields;
}

/** What `npm run supergraph` composes: SIGMA's subgraph + FacturaXpress's SDL for the configured SIGMA fields. */
export async function composeSigmaAndFacturaXpress(p: SupergraphParts): Promise<Composition> {
  return composeSupergraph([
    { name: 'sigma', url: p.sigmaUrl, sdl: p.sigmaSdl ?? sigmaTypeDefs() },
    { name: 'facturaxpress', url: p.fxUrl, sdl: await subgraphSdl(p.sigmaFields) },
  ]);
}

/** A SIGMA subgraph that shares nothing with FacturaXpress but the entity keys. */
export const MINIMAL_SIGMA = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { patient(id: ID!): Patient  service(id: ID!): Service }
type Patient @key(fields: "id") { id: ID! }
type Service @key(fields: "id") { id: ID! }
`;

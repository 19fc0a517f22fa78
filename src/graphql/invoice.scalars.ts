import { GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;

function fromString(s: string): string {
  if (!DECIMAL.test(s.trim())) throw new TypeError(`"${s}" is not a decimal number`);
  return s.trim();
}

/**
 * Money and quantities never go through float arithmetic here: literals keep their exact digits (`precio: 12.10`
 * stays "12.10"); variables keep their JSON type (a number stays the number the REST body would carry), so the same
 * body sent through GraphQL variables and through POST /api/facturas is byte-identical for idempotency.
 */
export const DecimalScalar = new GraphQLScalarType<string | number, string>({
  name: 'Decimal',
  description:
    'A decimal number as a string ("12.50"); inputs also accept ' +
    'numeric literals. Up to 8 decimals on items, 2 on totals (MH).',
  serialize: (v) =>
    typeof v === 'number' || typeof v === 'string' ? String(v) : String((v as { toString(): string }).toString()),
  parseValue: (v) => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string') return fromString(v);
    throw new TypeError('Decimal must be a number or a decimal string');
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT || ast.kind === Kind.STRING) return fromString(ast.value);
    throw new TypeError('Decimal must be a number or a decimal string');
  },
});

import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { InvoicePage } from '../modules/invoices/list-invoices.js';
import { InvoiceConnectionType, TOTAL_COUNT_DESCRIPTION } from './invoice.types.js';

/** What toConnection() hands to the connection's fields: the count is computed only if a field asks for it. */
interface ConnectionRoot {
  count: InvoicePage['totalCount'];
}

@Resolver(() => InvoiceConnectionType)
export class InvoiceConnectionResolver {
  @FieldResolver(() => Int, { description: TOTAL_COUNT_DESCRIPTION })
  async totalCount(
    @Root() c: ConnectionRoot,
    @Arg('exact', () => Boolean, { defaultValue: false, description: 'Count every match, however many' })
    exact: boolean,
  ) {
    return (await c.count(exact)).count;
  }

  @FieldResolver(() => Boolean, {
    description: 'True when totalCount (without exact: true) is an exact count, false when it is an estimate',
  })
  async totalCountExact(@Root() c: ConnectionRoot) {
    return (await c.count(false)).exact;
  }
}

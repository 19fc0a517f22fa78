import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root, createUnionType } from 'type-graphql';
import type { Context } from '../context.js';
import { getServiceFiscalOrDefault, mappedFiscal } from '../modules/services/service-fiscal-default.js';
import { mapServiceFiscal } from '../modules/services/map-service-fiscal.js';
import { ValidationFailed, asResult, resolveResultType } from './errors.types.js';
import { ServiceFiscalInput, ServiceFiscalMappingType, ServiceType } from './service.types.js';

const ServiceFiscalResult = createUnionType({
  name: 'ServiceFiscalResult',
  types: () => [ServiceFiscalMappingType, ValidationFailed] as const,
  resolveType: resolveResultType('ServiceFiscalMapping'),
});

@Resolver(() => ServiceType)
export class ServiceResolver {
  @Authorized('services:read')
  @FieldResolver(() => ServiceFiscalMappingType, {
    nullable: true,
    description: "How this service is invoiced: its mapping, else a default from SIGMA's name and area",
  })
  fiscal(@Ctx() ctx: Context, @Root() service: { id: string }) {
    return getServiceFiscalOrDefault(ctx, service);
  }

  @Authorized('services:write')
  @Mutation(() => ServiceFiscalResult, {
    description: 'Creates or replaces how a SIGMA service / SIGLA exam is invoiced',
  })
  mapServiceFiscal(
    @Ctx() ctx: Context,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('input', () => ServiceFiscalInput) input: ServiceFiscalInput,
  ) {
    return asResult(async () => mappedFiscal(await mapServiceFiscal(ctx, serviceId, input)));
  }
}

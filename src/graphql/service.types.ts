import { DateTimeISOResolver } from 'graphql-scalars';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from './invoice.scalars.js';

@Directive('@key(fields: "id")')
// No description: SIGMA owns the type (differing descriptions are composition hints). SIGLA lab exams are services too.
@ObjectType('Service')
export class ServiceType {
  @Field(() => ID) id!: string;
}

export enum ServiceFiscalSource {
  MAPPING = 'MAPPING',
  SIGMA_DEFAULT = 'SIGMA_DEFAULT',
}
registerEnumType(ServiceFiscalSource, {
  name: 'ServiceFiscalSource',
  description:
    "MAPPING: stored with mapServiceFiscal; SIGMA_DEFAULT: from SIGMA's name and area until a mapping is stored",
});

@ObjectType('ServiceFiscalMapping', { description: 'How the service becomes a DTE line' })
export class ServiceFiscalMappingType {
  @Field() descripcion!: string;
  @Field(() => Int, { description: 'CAT-011' }) tipoItem!: number;
  @Field(() => Int, { description: 'CAT-014' }) uniMedida!: number;
  @Field(() => String, { nullable: true }) codigo!: string | null;
  @Field({ description: 'gravado | exento | noSujeto' }) tipo!: string;
  @Field(() => [String], { description: 'CAT-015 tributos' }) tributos!: string[];
  @Field(() => DecimalScalar, { nullable: true, description: 'Default unit price, IVA included' }) precio!:
    | string
    | null;
  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description: 'When the mapping was stored (null for a SIGMA default)',
  })
  updatedAt!: Date | null;
  @Field(() => ServiceFiscalSource) source!: ServiceFiscalSource;
}

@InputType('ServiceFiscalInput')
export class ServiceFiscalInput {
  @Field({ description: 'Line description on the DTE' }) descripcion!: string;
  @Field(() => Int, { nullable: true, description: 'CAT-011, default 2 (servicios)' }) tipoItem?: number | null;
  @Field(() => Int, { nullable: true, description: 'CAT-014, default 59 (unidad)' }) uniMedida?: number | null;
  @Field(() => String, { nullable: true }) codigo?: string | null;
  @Field(() => String, { nullable: true, description: 'gravado (default) | exento | noSujeto' }) tipo?: string | null;
  @Field(() => [String], { nullable: true, description: 'CAT-015; default ["20"] when gravado' }) tributos?:
    | string[]
    | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Default unit price, IVA included (converted for CCF lines)',
  })
  precio?: string | null;
}

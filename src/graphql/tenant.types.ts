import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

@ObjectType('Direccion', {
  description: 'Dirección per MH: departamento (CAT-012), municipio (CAT-013), distrito (CAT-008), complemento',
})
@InputType('DireccionInput')
export class DireccionType {
  @Field() departamento!: string;
  @Field() municipio!: string;
  @Field() distrito!: string;
  @Field() complemento!: string;
}

@ObjectType('PuntoVenta')
@InputType('PuntoVentaInput')
export class PuntoVentaType {
  @Field({ description: 'MH point-of-sale code, P + 3 digits' }) codPuntoVentaMH!: string;
  @Field(() => String, { nullable: true }) codPuntoVenta?: string | null;
  @Field(() => String, { nullable: true }) nombre?: string | null;
}

@ObjectType('Establecimiento')
export class EstablishmentType {
  @Field(() => ID) id!: string;
  @Field({ description: 'MH establishment code, M|S|B|P + 3 digits' }) codEstableMH!: string;
  @Field(() => String, { nullable: true }) codEstable!: string | null;
  @Field({ description: 'CAT-009' }) tipoEstablecimiento!: string;
  @Field(() => [PuntoVentaType]) puntosVenta!: PuntoVentaType[];
  @Field() isDefault!: boolean;
}

@InputType()
export class EstablishmentInput {
  @Field() codEstableMH!: string;
  @Field(() => String, { nullable: true }) codEstable?: string | null;
  @Field({ defaultValue: '02' }) tipoEstablecimiento!: string;
  @Field(() => [PuntoVentaType]) puntosVenta!: PuntoVentaType[];
}

@Directive('@key(fields: "id")')
@ObjectType('Tenant', { description: 'A tenant is the emisor of its MH documents (clinic, hospital, lab)' })
export class TenantType {
  @Field(() => ID) id!: string;
  @Field() nit!: string;
  @Field() nrc!: string;
  @Field() nombre!: string;
  @Field(() => String, { nullable: true }) nombreComercial!: string | null;
  @Field({ description: 'CAT-019' }) codActividad!: string;
  @Field() descActividad!: string;
  @Field(() => DireccionType) direccion!: DireccionType;
  @Field() telefono!: string;
  @Field() correo!: string;
  @Field({ description: 'Highest MH ambiente enabled: 00 test, 01 production' }) ambiente!: string;
  @Field(() => String, { nullable: true }) mhApiUser!: string | null;
  @Field(() => [EstablishmentType]) establecimientos!: EstablishmentType[];
  @Field(() => DateTimeISOResolver) createdAt!: Date;
}

@InputType()
export class CreateTenantInput {
  @Field() nit!: string;
  @Field() nrc!: string;
  @Field() nombre!: string;
  @Field(() => String, { nullable: true }) nombreComercial?: string | null;
  @Field() codActividad!: string;
  @Field() descActividad!: string;
  @Field(() => DireccionType) direccion!: DireccionType;
  @Field() telefono!: string;
  @Field() correo!: string;
  @Field({ defaultValue: '00' }) ambiente!: '00' | '01';
  @Field(() => String, { nullable: true }) mhApiUser?: string | null;
  @Field(() => [EstablishmentInput], { nullable: true }) establecimientos?: EstablishmentInput[] | null;
}

@InputType()
export class UpdateTenantInput {
  @Field(() => String, { nullable: true }) nrc?: string;
  @Field(() => String, { nullable: true }) nombre?: string;
  @Field(() => String, { nullable: true }) nombreComercial?: string | null;
  @Field(() => String, { nullable: true }) codActividad?: string;
  @Field(() => String, { nullable: true }) descActividad?: string;
  @Field(() => DireccionType, { nullable: true }) direccion?: DireccionType;
  @Field(() => String, { nullable: true }) telefono?: string;
  @Field(() => String, { nullable: true }) correo?: string;
  @Field(() => String, { nullable: true }) ambiente?: '00' | '01';
  @Field(() => String, { nullable: true }) mhApiUser?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'PNG or JPEG, base64, ≤ 256 KB, printed on the PDF; "" removes it',
  })
  logoBase64?: string | null;
}

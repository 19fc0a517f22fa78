import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

@ObjectType('MhCredential', {
  description: "A tenant's MH certificate and API user for one ambiente (secrets are never returned)",
})
export class MhCredentialType {
  @Field(() => ID) id!: string;
  @Field() ambiente!: string;
  @Field() apiUser!: string;
  @Field() certificateNit!: string;
  @Field(() => DateTimeISOResolver) notBefore!: Date;
  @Field(() => DateTimeISOResolver) notAfter!: Date;
}

@InputType({ description: "MH's .crt XML with its password, or PEM keys; plus the MH API user and password" })
export class ImportMhCredentialInput {
  @Field(() => ID) tenantId!: string;
  @Field({ defaultValue: '00' }) ambiente!: '00' | '01';
  @Field(() => String, { nullable: true }) certificateXml?: string | null;
  @Field(() => String, { nullable: true }) certificatePassword?: string | null;
  @Field(() => String, { nullable: true }) privateKeyPem?: string | null;
  @Field(() => String, { nullable: true }) publicKeyPem?: string | null;
  @Field(() => String, { nullable: true, description: "Default: the tenant's NIT" }) apiUser?: string | null;
  @Field() apiPassword!: string;
}

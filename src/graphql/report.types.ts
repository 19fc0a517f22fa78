import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { REPORT_KINDS, REPORT_STATUSES } from '../modules/reports/report.entity.js';

export const MonthlyReportKindEnum = Object.fromEntries(REPORT_KINDS.map((k) => [k, k])) as {
  [K in (typeof REPORT_KINDS)[number]]: K;
};
registerEnumType(MonthlyReportKindEnum, {
  name: 'MonthlyReportKind',
  description:
    'F07_ANEXOS: the F-07 annex files (ZIP of ;-separated CSVs); LIBROS_VENTAS: the sales books ' +
    "(CSV + signable PDF); ARCHIVO_MENSUAL: every document's Archivo DTE JSON and PDF with an index",
});
export const MonthlyReportStatusEnum = Object.fromEntries(REPORT_STATUSES.map((k) => [k, k])) as {
  [K in (typeof REPORT_STATUSES)[number]]: K;
};
registerEnumType(MonthlyReportStatusEnum, {
  name: 'MonthlyReportStatus',
  description: 'QUEUED → RUNNING → READY | FAILED',
});

@InputType('F07ComprasClassInput', { description: 'Anexo 5 classification (periods from February 2024)' })
export class F07ComprasClassInput {
  @Field(() => String, { nullable: true, description: '1–4 (default 1)' }) tipoOperacion?: string | null;
  @Field(() => String, { nullable: true, description: '1 costo, 2 gasto (default 2)' }) clasificacion?: string | null;
  @Field(() => String, { nullable: true, description: '1–4 (default 4)' }) sector?: string | null;
  @Field(() => String, { nullable: true, description: '1–9 (default 2)' }) tipoCostoGasto?: string | null;
}

@InputType('F07OptionsInput', {
  description: "Where known uploaders read a column differently from MH's manual (the default), the other reading",
})
export class F07OptionsInput {
  @Field(() => Boolean, {
    nullable: true,
    description: 'UTF-8 byte-order mark at the start of each file (default true)',
  })
  bom?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'Anexo 1 total: manual (exentas + no sujetas + gravadas + terceros, default) | withDebito',
  })
  anexo1Total?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Anexo 2 columns F–I: manual (nº documento DEL/AL first, default) | controlFirst',
  })
  anexo2Order?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Anexo 2 rows: day (per day and type, default) | dayAndPointOfSale',
  })
  anexo2Grouping?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Invalidated annex código de generación: uuid36 (default) | hex32',
  })
  anuladosCodigo?: string | null;
  @Field(() => String, { nullable: true, description: 'Anexo 5 monto: totalCompra (default) | totalPagar' })
  anexo5Monto?: string | null;
  @Field(() => String, { nullable: true, description: 'Renta tipo de ingreso of annexes 1–2 (default 3)' })
  tipoIngreso?: string | null;
  @Field(() => F07ComprasClassInput, { nullable: true }) compras?: F07ComprasClassInput | null;
}

@InputType('RequestMonthlyReportInput')
export class RequestMonthlyReportInput {
  @Field({ description: 'Tax period YYYY-MM (El Salvador dates)' }) period!: string;
  @Field(() => MonthlyReportKindEnum) kind!: string;
  @Field(() => F07OptionsInput, { nullable: true, description: 'Only for F07_ANEXOS' })
  options?: F07OptionsInput | null;
}

@ObjectType('MonthlyReportFile')
export class MonthlyReportFileType {
  @Field() name!: string;
  @Field() contentType!: string;
  @Field(() => Int) bytes!: number;
  @Field() sha256!: string;
}

@ObjectType('MonthlyReport', { description: 'A monthly report of the tenant, built by a job' })
export class MonthlyReportType {
  @Field(() => ID) id!: string;
  @Field() period!: string;
  @Field(() => MonthlyReportKindEnum) kind!: string;
  @Field() ambiente!: string;
  @Field(() => MonthlyReportStatusEnum) status!: string;
  @Field(() => Int, { description: '0–100' }) progress!: number;
  @Field(() => Int, { description: 'Documents emitted in the period' }) documents!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) completedAt!: Date | null;
}

@ObjectType('MonthlyReportLink', { description: "A signed, expiring link to the report's file (no API key needed)" })
export class MonthlyReportLinkType {
  @Field() url!: string;
  @Field(() => DateTimeISOResolver) expiresAt!: Date;
}

@ObjectType('BusinessHoliday')
export class BusinessHolidayType {
  @Field({ description: 'YYYY-MM-DD' }) date!: string;
  @Field() name!: string;
}

@InputType('ExtraDayInput')
export class ExtraDayInput {
  @Field({ description: 'YYYY-MM-DD (one date) or MM-DD (every year)' }) date!: string;
  @Field() name!: string;
}

@ObjectType('ExtraDay')
export class ExtraDayType {
  @Field() date!: string;
  @Field() name!: string;
}

@ObjectType('TenantCalendar', { description: "A tenant's non-business days beyond the national holidays" })
export class TenantCalendarType {
  @Field(() => ID) tenantId!: string;
  @Field(() => [ExtraDayType]) extraDays!: ExtraDayType[];
}

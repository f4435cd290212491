import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANGE_RESOURCES,
  CHANGE_TYPES,
  type ChangeEvent,
  type ChangeResource,
  type ChangeType,
  type FieldChange,
} from '../change-event';

/** Any JSON value, null included, as OpenAPI 3.0 can say it. */
const ANY_JSON = [
  { type: 'string' },
  { type: 'number' },
  { type: 'boolean' },
  { type: 'array', items: {} },
  { type: 'object', nullable: true },
];

export class FieldChangeDto implements FieldChange {
  @ApiProperty({
    description: 'The field, dotted for nested fields (`authorizations.push`).',
    example: 'name',
  })
  field!: string;

  @ApiProperty({
    description: 'Its value before (null when absent); any JSON value.',
    example: '王秀娟',
    oneOf: ANY_JSON,
  })
  before!: unknown;

  @ApiProperty({
    description: 'Its value now (null when absent); any JSON value.',
    example: '王秀娟(离职)',
    oneOf: ANY_JSON,
  })
  after!: unknown;
}

export class ChangeEventDto implements ChangeEvent {
  @ApiProperty({
    description: 'Opaque, increasing in feed order: pass it as `after` (or `Last-Event-ID`).',
    example: '1764230400000-0',
  })
  id!: string;

  @ApiProperty({
    description: '`<resource>.created`, `<resource>.updated` or `<resource>.deleted`.',
    enum: CHANGE_TYPES,
    enumName: 'ChangeType',
    example: 'staff.updated',
  })
  type!: ChangeType;

  @ApiProperty({
    description: 'The resource the record belongs to.',
    enum: CHANGE_RESOURCES,
    enumName: 'ChangeResource',
    example: 'staff',
  })
  resource!: ChangeResource;

  @ApiProperty({ description: "The record's key as in its URL (`b03`, `1072`).", example: 'b03' })
  key!: string;

  @ApiProperty({
    description: 'When the facade noticed the change (UTC, milliseconds).',
    format: 'date-time',
    example: '2026-11-27T08:00:00.000Z',
  })
  occurredAt!: string;

  @ApiPropertyOptional({
    description: 'For `updated` only: each changed field with its value before and after.',
    type: [FieldChangeDto],
  })
  changes?: FieldChangeDto[];

  @ApiProperty({
    description:
      'The record as its resource endpoint answers it now (`GET /v1/<resource>/<key>`); null for `deleted`.',
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { code: 'b03', name: '王秀娟(离职)', status: 'active', linkedOrderUsername: null },
  })
  data!: unknown;
}

export class ChangesMetaDto {
  @ApiProperty({
    description:
      'Pass as `after` for the next page: the last event of this page (or, for a filtered page, the last event passed over), `after` itself when nothing is new, null for an empty feed read without `after`.',
    example: '1764230400000-0',
    nullable: true,
    type: String,
  })
  next!: string | null;

  @ApiProperty({ description: 'The page size used.', example: 100, type: 'integer' })
  limit!: number;
}

export class ChangesPageDto {
  @ApiProperty({ description: 'Events in feed order, oldest first.', type: [ChangeEventDto] })
  data!: ChangeEventDto[];

  @ApiProperty({
    description: 'Where to read on: the cursor of the next page, and the page size.',
    type: ChangesMetaDto,
  })
  meta!: ChangesMetaDto;
}

export class DeliveryErrorDto {
  @ApiProperty({
    description: 'When the attempt failed (UTC).',
    format: 'date-time',
    example: '2026-11-27T08:00:05.000Z',
  })
  at!: string;

  @ApiProperty({
    description:
      'The event and what went wrong: an HTTP status, no answer within 10 s, a refused connection.',
    example: 'event 1764230400000-0: HTTP 503',
  })
  message!: string;
}

export class DeliveryDto {
  @ApiProperty({
    description: 'The receiver, with any password or query value shown as `***`.',
    example: 'https://hooks.internal/youmi?token=***',
  })
  url!: string;

  @ApiProperty({
    description: 'The last event delivered to it; null: none yet (it receives from the oldest event kept).',
    example: '1764230400000-0',
    nullable: true,
    type: String,
  })
  position!: string | null;

  @ApiProperty({ description: 'Events waiting for it.', example: 0, type: 'integer' })
  backlog!: number;

  @ApiProperty({
    description: 'When the last event was delivered (UTC); null before the first.',
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2026-11-27T08:00:01.000Z',
  })
  lastDeliveredAt!: string | null;

  @ApiProperty({
    description: 'The latest failure, kept after later successes; null when none.',
    type: DeliveryErrorDto,
    nullable: true,
  })
  lastError!: DeliveryErrorDto | null;

  @ApiProperty({ description: 'Failed attempts in a row at the next event.', example: 0, type: 'integer' })
  attempts!: number;

  @ApiProperty({
    description: 'When the failed event is tried again (UTC); null when nothing waits for a retry.',
    format: 'date-time',
    nullable: true,
    type: String,
    example: null,
  })
  nextAttemptAt!: string | null;
}

export class DeliveriesDto {
  @ApiProperty({ description: 'Each WEBHOOK_URLS entry, in the configured order.', type: [DeliveryDto] })
  data!: DeliveryDto[];
}

import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { toInteger } from '../../pagination/page-query.dto';
import { CHANGE_RESOURCES, type ChangeResource } from '../change-event';

export const MAX_CHANGES_LIMIT = 1000;
const LIMIT_MESSAGE = `limit must be an integer from 1 to ${MAX_CHANGES_LIMIT}`;

/** An event id to read after, as the feed and the stream both take it. */
function EventCursor(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example: '1764230400000-0', maxLength: 40 }),
    IsOptional(),
    IsString(),
    MaxLength(40),
  );
}

export class ChangesQueryDto {
  @EventCursor(
    'The id of the last event already read (`meta.next` of the previous page); absent: from the oldest event kept. An id the feed never held is 400; one older than the oldest kept is 410.',
  )
  after?: string;

  @ApiPropertyOptional({
    description: `Events per page, 1 to ${MAX_CHANGES_LIMIT} (default 100).`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_CHANGES_LIMIT,
    default: 100,
    example: 100,
  })
  @IsOptional()
  @Transform(({ value }) => toInteger(value))
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(MAX_CHANGES_LIMIT, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({
    description: 'Only the events of this resource.',
    enum: CHANGE_RESOURCES,
    enumName: 'ChangeResource',
    example: 'staff',
  })
  @IsOptional()
  @IsIn(CHANGE_RESOURCES)
  resource?: ChangeResource;
}

export class ChangeStreamQueryDto {
  @EventCursor(
    'Resume after this event id, as the `Last-Event-ID` header does (the header wins). Absent: only events from now on.',
  )
  after?: string;
}

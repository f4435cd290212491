import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { MAX_LIMIT, MAX_OFFSET, VALIDATION_MESSAGES } from '../problem/validation-messages';

/** `limit`, `offset` and `format`, shared by every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({
    description: `Items per page, 1 to ${MAX_LIMIT} (default 50). CSV export (\`format=csv\` or \`Accept: text/csv\`) also takes \`limit=all\` for every row.`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIMIT,
    default: 50,
    example: 50,
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'all' ? value : toInteger(value)))
  @ValidateIf((_, value) => value !== 'all')
  @IsInt({ message: VALIDATION_MESSAGES.limit })
  @Min(1, { message: VALIDATION_MESSAGES.limit })
  @Max(MAX_LIMIT, { message: VALIDATION_MESSAGES.limit })
  limit?: number | 'all';

  @ApiPropertyOptional({
    description: `Items to skip (default 0), at most ${MAX_OFFSET}.`,
    minimum: 0,
    maximum: MAX_OFFSET,
    default: 0,
    example: 0,
    type: 'integer',
  })
  @IsOptional()
  @Transform(({ value }) => toInteger(value))
  @IsInt({ message: VALIDATION_MESSAGES.offset })
  @Min(0, { message: VALIDATION_MESSAGES.offset })
  @Max(MAX_OFFSET, { message: VALIDATION_MESSAGES.offset })
  offset?: number;

  @ApiPropertyOptional({
    description:
      'Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).',
    enum: ['json', 'csv'],
    example: 'json',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** Integers only from plain decimal digits, so `1e2`, `0x10`, ` 5` and `5.0` are refused, not coerced. */
export function toInteger(value: unknown): unknown {
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return value;
}

import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { toInteger } from '../pagination/page-query.dto';
import { VALIDATION_MESSAGES } from '../problem/validation-messages';

export class IdParamDto {
  @ApiProperty({ description: 'The numeric id.', example: 135389, type: 'integer', minimum: 1 })
  @Transform(({ value }) => toInteger(value))
  @IsInt({ message: VALIDATION_MESSAGES.positiveId('id') })
  @Min(1, { message: VALIDATION_MESSAGES.positiveId('id') })
  @Max(2147483647, { message: VALIDATION_MESSAGES.positiveId('id') })
  id!: number;
}

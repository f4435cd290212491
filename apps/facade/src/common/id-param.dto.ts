import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { toInteger } from '../http/page-query.dto';

export class IdParamDto {
  @ApiProperty({ description: 'The numeric id.', example: 135389, type: 'integer', minimum: 1 })
  @Transform(({ value }) => toInteger(value))
  @IsInt({ message: 'id must be a positive integer' })
  @Min(1, { message: 'id must be a positive integer' })
  @Max(2147483647, { message: 'id must be a positive integer' })
  id!: number;
}

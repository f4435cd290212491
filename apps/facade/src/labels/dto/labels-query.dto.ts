import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto, toInteger } from '../../pagination/page-query.dto';
import { VALIDATION_MESSAGES } from '../../problem/validation-messages';

export class LabelsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Only labels of this category (标签分类; vendor `categories` / `ad_label_id`).',
    example: 189,
    type: 'integer',
    minimum: 1,
  })
  @IsOptional()
  @Transform(({ value }) => toInteger(value))
  @IsInt({ message: VALIDATION_MESSAGES.positiveId('categoryId') })
  @Min(1, { message: VALIDATION_MESSAGES.positiveId('categoryId') })
  @Max(2147483647, { message: VALIDATION_MESSAGES.positiveId('categoryId') })
  categoryId?: number;
}

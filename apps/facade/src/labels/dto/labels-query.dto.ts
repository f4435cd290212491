import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto, toInteger } from '../../http/page-query.dto';

export class LabelsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Only labels of this category (标签分类; vendor `categories` / `ad_label_id`).',
    example: 189,
    type: 'integer',
    minimum: 1,
  })
  @IsOptional()
  @Transform(({ value }) => toInteger(value))
  @IsInt({ message: 'categoryId must be a positive integer' })
  @Min(1, { message: 'categoryId must be a positive integer' })
  @Max(2147483647, { message: 'categoryId must be a positive integer' })
  categoryId?: number;
}

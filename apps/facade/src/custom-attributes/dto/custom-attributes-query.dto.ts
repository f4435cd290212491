import { ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOM_ATTRIBUTE_TYPES, type CustomAttributeType } from '@youmi-facade/domain';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../pagination/page-query.dto';

export class CustomAttributesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Only attributes of this type (字段类型; vendor `customType`).',
    enum: CUSTOM_ATTRIBUTE_TYPES,
    example: 'multi-select',
  })
  @IsOptional()
  @IsIn(CUSTOM_ATTRIBUTE_TYPES)
  type?: CustomAttributeType;
}

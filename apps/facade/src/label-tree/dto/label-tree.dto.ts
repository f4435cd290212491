import { ApiProperty, OmitType } from '@nestjs/swagger';
import { LabelCategoryDto } from '../../label-categories/dto/label-category.dto';
import { LabelDto } from '../../labels/dto/label.dto';

export class LabelTreeLabelDto extends OmitType(LabelDto, ['categoryId'] as const) {}

export class LabelTreeNodeDto extends LabelCategoryDto {
  @ApiProperty({
    description: 'The labels of this category, by id; empty for a category with none.',
    type: [LabelTreeLabelDto],
  })
  labels!: LabelTreeLabelDto[];
}

export class LabelTreeDto {
  @ApiProperty({ description: 'Every label category by id, each with its labels.', type: [LabelTreeNodeDto] })
  data!: LabelTreeNodeDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import { LABEL_SELECTIONS, type LabelCategory, type LabelSelection } from '@youmi-facade/domain';
import { ListMetaDto } from '../../pagination/list-meta.dto';

export class LabelCategoryDto implements LabelCategory {
  @ApiProperty({
    description: 'Label category number (标签分类编号; vendor `ad_label_id`).',
    example: 189,
    type: 'integer',
  })
  id!: number;

  @ApiProperty({
    description: 'Label category name (标签分类名称; vendor `ad_label_name`).',
    example: '客户意向',
  })
  name!: string;

  @ApiProperty({
    description: 'Single or multiple choice (单选/多选; vendor `ad_choose`: 0 single, 1 multiple).',
    enum: LABEL_SELECTIONS,
    enumName: 'LabelSelection',
    example: 'single',
  })
  selection!: LabelSelection;
}

export class LabelCategoryListDto {
  @ApiProperty({ description: 'The items of this page.', type: [LabelCategoryDto] })
  data!: LabelCategoryDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

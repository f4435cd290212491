import { ApiProperty } from '@nestjs/swagger';
import type { Label } from '@youmi-facade/domain';
import { ListMetaDto } from '../../pagination/list-meta.dto';

export class LabelDto implements Label {
  @ApiProperty({
    description: 'Label number (标签详细编号; vendor `ad_label_info_id`).',
    example: 1072,
    type: 'integer',
  })
  id!: number;

  @ApiProperty({ description: 'Label name (标签名字; vendor `ad_label_info_name`).', example: '潜在' })
  name!: string;

  @ApiProperty({
    description: 'Label category number (标签分类; vendor `ad_label_id`).',
    example: 189,
    type: 'integer',
  })
  categoryId!: number;

  @ApiProperty({
    description: 'When the label was created, UTC (vendor `ad_label_time`).',
    example: '2018-01-05T03:53:23.580Z',
    nullable: true,
    type: String,
    format: 'date-time',
  })
  createdAt!: string | null;

  @ApiProperty({
    description: 'Merchant number (商家编号; vendor `merchant_id`).',
    example: null,
    nullable: true,
    type: String,
  })
  merchantId!: string | null;
}

export class LabelListDto {
  @ApiProperty({ description: 'The items of this page.', type: [LabelDto] })
  data!: LabelDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

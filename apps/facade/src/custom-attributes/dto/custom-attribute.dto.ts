import { ApiProperty } from '@nestjs/swagger';
import {
  CUSTOM_ATTRIBUTE_TYPES,
  type CustomAttribute,
  type CustomAttributeOption,
  type CustomAttributeType,
} from '@youmi-facade/domain';
import { ListMetaDto } from '../../pagination/list-meta.dto';

export class CustomAttributeOptionDto implements CustomAttributeOption {
  @ApiProperty({
    description: 'Option label (vendor `customValJsonStr[].key`, else `customVal`).',
    example: '足球',
  })
  label!: string;

  @ApiProperty({ description: 'Option value (vendor `customValJsonStr[].value`).', example: '1' })
  value!: string;
}

export class CustomAttributeDto implements CustomAttribute {
  @ApiProperty({
    description: 'Attribute number (属性编号; vendor `id`, sent as a string).',
    example: 14,
    type: 'integer',
  })
  id!: number;

  @ApiProperty({ description: 'Field name (字段名称; vendor `customName`).', example: '爱好' })
  name!: string;

  @ApiProperty({
    description:
      'Field type (字段类型; vendor `customType`: 1 text 文本框, 2 date 日期框, 3 single-select 单选框, 4 multi-select 多选框).',
    enum: CUSTOM_ATTRIBUTE_TYPES,
    enumName: 'CustomAttributeType',
    example: 'multi-select',
  })
  type!: CustomAttributeType;

  @ApiProperty({ description: 'Required (是否必填; vendor `customIsred`).', example: false })
  required!: boolean;

  @ApiProperty({
    description: 'Maximum length (字段长度; vendor `customLength`); null when 0 or absent.',
    example: 20,
    nullable: true,
    type: 'integer',
  })
  maxLength!: number | null;

  @ApiProperty({ description: 'Sort order (字段排序; vendor `sort`).', example: 1, type: 'integer' })
  sort!: number;

  @ApiProperty({
    description: 'Merchant number (商家编号; vendor `merchantId`).',
    example: null,
    nullable: true,
    type: String,
  })
  merchantId!: string | null;

  @ApiProperty({
    description: 'When the attribute was added, UTC (添加时间; vendor `customAddtime`).',
    example: '2019-07-26T02:18:08.189Z',
    nullable: true,
    type: String,
    format: 'date-time',
  })
  createdAt!: string | null;

  @ApiProperty({
    description:
      'Choices of a select attribute (多选框、单选框的值; vendor `customValJsonStr`, else `customVal`); empty for text and date.',
    type: [CustomAttributeOptionDto],
  })
  options!: CustomAttributeOptionDto[];

  @ApiProperty({
    description:
      'Date format of a date attribute (日期框日期格式; vendor `customDateformat`); null for other types.',
    example: null,
    nullable: true,
    type: String,
  })
  dateFormat!: string | null;
}

export class CustomAttributeListDto {
  @ApiProperty({ description: 'The items of this page.', type: [CustomAttributeDto] })
  data!: CustomAttributeDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

import { ApiProperty } from '@nestjs/swagger';
import { DRIFT_KINDS, type DriftKind } from '@youmi-facade/domain';
import { ListMetaDto } from '../../pagination/list-meta.dto';

export class DriftEntryDto {
  @ApiProperty({ description: 'The vendor endpoint, as the vendor spells it.', example: 'WeCaht' })
  endpoint!: string;

  @ApiProperty({ description: 'The vendor field.', example: 'ad_wechat_addtime' })
  field!: string;

  @ApiProperty({
    description:
      'unknown-field: a field the facade does not know; wrong-type: another JSON type than documented; unparseable: a value that cannot be read (a time that is not a time); malformed-json: a JSON-in-a-string field that does not parse.',
    enum: DRIFT_KINDS,
    enumName: 'DriftKind',
    example: 'unparseable',
  })
  kind!: DriftKind;

  @ApiProperty({
    description:
      'How many values were seen so, since this instance started (counted each time a new vendor answer is mapped).',
    example: 1,
    type: 'integer',
  })
  count!: number;

  @ApiProperty({ description: 'A short excerpt of the first such value.', example: '添加时间' })
  sample!: string;

  @ApiProperty({ description: 'First seen, UTC.', example: '2026-11-24T08:00:00.000Z', format: 'date-time' })
  firstSeen!: string;

  @ApiProperty({ description: 'Last seen, UTC.', example: '2026-11-24T09:30:00.000Z', format: 'date-time' })
  lastSeen!: string;
}

export class DriftReportDto {
  @ApiProperty({ description: 'The items of this page.', type: [DriftEntryDto] })
  data!: DriftEntryDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

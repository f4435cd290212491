import { ApiProperty } from '@nestjs/swagger';
import type { AdGroup, AdGroupAccount, AdGroupRegion } from '@youmi-facade/domain';
import { ListMetaDto } from '../../pagination/list-meta.dto';

export class AdGroupAccountDto implements AdGroupAccount {
  @ApiProperty({
    description:
      "The work phone's number (机号), from vendor `ad_wechat_nick` (`P05(dong23287)`) matched by WeChat id; null when absent.",
    example: 'P05',
    nullable: true,
    type: String,
  })
  deviceNo!: string | null;

  @ApiProperty({
    description: 'WeChat ID (微信号; vendor `wechats[].ad_wechat_nober`).',
    example: 'dong23287',
  })
  wechatId!: string;

  @ApiProperty({
    description: 'QR code image URL (二维码; vendor `wechats[].ad_wechat_qrcode`); only http(s) URLs.',
    example: 'http://7nimg.agsoft.net/wxid_w4ebc6txje6622mmqrcode1568877590436.png',
    nullable: true,
    type: String,
  })
  qrCodeUrl!: string | null;
}

export class AdGroupRegionDto implements AdGroupRegion {
  @ApiProperty({
    description: 'GB/T 2260 administrative division code (行政区划代码; vendor `ad_brand_region_code`).',
    example: '360800',
  })
  code!: string;

  @ApiProperty({
    description: 'Province (省) named from the code; null when unknown.',
    example: '江西省',
    nullable: true,
    type: String,
  })
  province!: string | null;

  @ApiProperty({
    description: 'City (市) named from the code; null when the code is province-level or unknown.',
    example: '吉安市',
    nullable: true,
    type: String,
  })
  city!: string | null;

  @ApiProperty({
    description:
      'District (区/县) named from the code; null when the code is city-level or above, or unknown.',
    example: null,
    nullable: true,
    type: String,
  })
  district!: string | null;
}

export class AdGroupDto implements AdGroup {
  @ApiProperty({
    description: 'Ad group number (投放组编号; vendor `ad_brand_id`).',
    example: 155,
    type: 'integer',
  })
  id!: number;

  @ApiProperty({
    description: 'Ad group name (投放组名称; vendor `ad_brand_name`).',
    example: '景田百岁山广告',
  })
  name!: string;

  @ApiProperty({ description: 'Ad group code (投放组代号; vendor `ad_brand_code`).', example: '21' })
  code!: string;

  @ApiProperty({
    description: 'Merchant number (商家编号; vendor `merchantid`).',
    example: '640462692',
    nullable: true,
    type: String,
  })
  merchantId!: string | null;

  @ApiProperty({
    description:
      'Operator account numbers in the group (投放组微信号惟一标识集合; vendor `ad_brand_welist`, a JSON string); empty when absent or malformed.',
    example: [3516, 3521],
    type: 'integer',
    isArray: true,
  })
  operatorAccountIds!: number[];

  @ApiProperty({
    description:
      'WeChat accounts of the group (vendor `wechats`, a JSON string, with device numbers from `ad_wechat_nick`).',
    type: [AdGroupAccountDto],
  })
  accounts!: AdGroupAccountDto[];

  @ApiProperty({
    description:
      'Region named from the division code (行政区划; vendor `ad_brand_region_code`); null when no code was sent.',
    type: AdGroupRegionDto,
    nullable: true,
  })
  region!: AdGroupRegionDto | null;
}

export class AdGroupListDto {
  @ApiProperty({ description: 'The items of this page.', type: [AdGroupDto] })
  data!: AdGroupDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

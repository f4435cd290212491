import { ApiProperty } from '@nestjs/swagger';
import { STAFF_STATUSES, type Staff, type StaffOperatorAccount, type StaffStatus } from '@youmi-facade/domain';
import { ListMetaDto } from '../../common/list-meta.dto';

export class StaffDto implements Staff {
  @ApiProperty({ description: 'Staff code (员工号; vendor `ad_staff_code`).', example: 'b01' })
  code!: string;

  @ApiProperty({ description: 'Staff name (员工名称; vendor `ad_staff_name`).', example: 'b01' })
  name!: string;

  @ApiProperty({ description: 'Status (员工状态; vendor `ad_staff_state`: 0 active 启用, 1 disabled 停用).', enum: STAFF_STATUSES, enumName: 'StaffStatus', example: 'disabled' })
  status!: StaffStatus;

  @ApiProperty({ description: 'Linked own-order username (绑定的自有订单用户名; vendor `ad_self_user`); empty is null.', example: 'b08', nullable: true, type: String })
  linkedOrderUsername!: string | null;
}

export class StaffListDto {
  @ApiProperty({ description: 'The items of this page.', type: [StaffDto] })
  data!: StaffDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

export class StaffOperatorAccountDto implements StaffOperatorAccount {
  @ApiProperty({ description: 'Operator account number (运营号编号; vendor `ad_wechat_id`).', example: 3547 })
  id!: number;

  @ApiProperty({ description: 'WeChat ID of the operator account (运营号微信号; vendor `ad_wechat_nober`).', example: 'zznn72537' })
  wechatId!: string;

  @ApiProperty({ description: "The work phone's number (机号; vendor `ad_wechat_nick`).", example: 'P03' })
  deviceNo!: string;

  @ApiProperty({ description: 'WeChat nickname (微信昵称; vendor `ad_wechat_nickname`).', example: '秀逗吖Q.', nullable: true, type: String })
  nickname!: string | null;

  @ApiProperty({
    description: 'QR code image URL (二维码; vendor `ad_wechat_qrcode`); only http(s) URLs, anything else is null.',
    example: 'http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png',
    nullable: true,
    type: String,
  })
  qrCodeUrl!: string | null;

  @ApiProperty({ description: 'Original WeChat id, `wxid_…` (运营号原始微信号; vendor `ad_original_nober`).', example: 'wxid_2yfwlz5fu21922', nullable: true, type: String })
  originalId!: string | null;
}

export class StaffOperatorAccountListDto {
  @ApiProperty({ description: 'The items of this page.', type: [StaffOperatorAccountDto] })
  data!: StaffOperatorAccountDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

import { ApiProperty, PickType } from '@nestjs/swagger';
import { OperatorAccountDto } from '../../operator-accounts/dto/operator-account.dto';
import {
  STAFF_STATUSES,
  type Staff,
  type StaffOperatorAccount,
  type StaffStatus,
} from '@youmi-facade/domain';
import { ListMetaDto } from '../../pagination/list-meta.dto';

export class StaffDto implements Staff {
  @ApiProperty({ description: 'Staff code (员工号; vendor `ad_staff_code`).', example: 'b01' })
  code!: string;

  @ApiProperty({ description: 'Staff name (员工名称; vendor `ad_staff_name`).', example: 'b01' })
  name!: string;

  @ApiProperty({
    description: 'Status (员工状态; vendor `ad_staff_state`: 0 active 启用, 1 disabled 停用).',
    enum: STAFF_STATUSES,
    enumName: 'StaffStatus',
    example: 'disabled',
  })
  status!: StaffStatus;

  @ApiProperty({
    description: 'Linked own-order username (绑定的自有订单用户名; vendor `ad_self_user`); empty is null.',
    example: 'b08',
    nullable: true,
    type: String,
  })
  linkedOrderUsername!: string | null;
}

export class StaffListDto {
  @ApiProperty({ description: 'The items of this page.', type: [StaffDto] })
  data!: StaffDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

/** The six account fields the vendor's staff/GetStaffWechat rows carry, with the same rules. */
export class StaffOperatorAccountDto
  extends PickType(OperatorAccountDto, [
    'id',
    'wechatId',
    'deviceNo',
    'nickname',
    'qrCodeUrl',
    'originalId',
  ] as const)
  implements StaffOperatorAccount {}

export class StaffOperatorAccountListDto {
  @ApiProperty({ description: 'The items of this page.', type: [StaffOperatorAccountDto] })
  data!: StaffOperatorAccountDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

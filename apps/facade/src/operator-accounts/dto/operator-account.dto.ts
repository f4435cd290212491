import { ApiProperty } from '@nestjs/swagger';
import { OPERATOR_ACCOUNT_KINDS, type OperatorAccount, type OperatorAccountKind } from '@youmi-facade/domain';
import { ListMetaDto } from '../../pagination/list-meta.dto';

export class OperatorAccountAuthorizationsDto {
  @ApiProperty({
    description: 'Monitoring authorised (运营号监控授权; vendor `ad_wechat_friends`).',
    example: true,
  })
  monitoring!: boolean;

  @ApiProperty({ description: 'Push authorised (推送授权; vendor `ad_wechat_push`).', example: true })
  push!: boolean;

  @ApiProperty({
    description: 'Work-phone call records authorised (工作手机通话记录授权; vendor `ad_wechat_record`).',
    example: false,
  })
  callRecords!: boolean;
}

export class OperatorAccountNotifyDto {
  @ApiProperty({
    description: 'Staff code notified of exceptions (异常通知员工; vendor `ad_receive_code`).',
    example: null,
    nullable: true,
    type: String,
  })
  exceptionStaffCode!: string | null;

  @ApiProperty({
    description: 'Staff code notified of keywords (关键字通知员工; vendor `ad_key_code`).',
    example: null,
    nullable: true,
    type: String,
  })
  keywordStaffCode!: string | null;

  @ApiProperty({
    description: 'Staff code notified of friend requests (好友申请消息通知员工; vendor `ad_chatroom_code`).',
    example: null,
    nullable: true,
    type: String,
  })
  friendRequestStaffCode!: string | null;
}

export class OperatorAccountDto implements OperatorAccount {
  @ApiProperty({
    description: 'Operator account number (运营号编号; vendor `ad_wechat_id`).',
    example: 135389,
    type: 'integer',
  })
  id!: number;

  @ApiProperty({
    description: 'WeChat ID of the operator account (运营号微信号; vendor `ad_wechat_nober`).',
    example: 'zznn72537',
  })
  wechatId!: string;

  @ApiProperty({ description: "The work phone's number (机号; vendor `ad_wechat_nick`).", example: 'P03' })
  deviceNo!: string;

  @ApiProperty({
    description: 'WeChat nickname (微信昵称; vendor `ad_wechat_nickname`).',
    example: '刘潇',
    nullable: true,
    type: String,
  })
  nickname!: string | null;

  @ApiProperty({
    description: 'Original WeChat id, `wxid_…` (运营号原始微信号; vendor `ad_original_nober`).',
    example: 'wxid_2yfwlz5fu21922',
    nullable: true,
    type: String,
  })
  originalId!: string | null;

  @ApiProperty({
    description:
      'QR code image URL (二维码; vendor `ad_wechat_qrcode`); only http(s) URLs, anything else is null.',
    example:
      'http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png',
    nullable: true,
    type: String,
  })
  qrCodeUrl!: string | null;

  @ApiProperty({
    description:
      'Account kind (运营号类型; vendor `ad_wechat_lei`: 0 wechat 个微, 1 official-account 公众号, 2 mini-program 小程序, 3 wecom 企微; anything else unknown).',
    enum: OPERATOR_ACCOUNT_KINDS,
    enumName: 'OperatorAccountKind',
    example: 'wechat',
  })
  kind!: OperatorAccountKind;

  @ApiProperty({
    description:
      'When the account was added, UTC (添加时间; vendor `ad_wechat_addtime`); null when the vendor sent no time.',
    example: '2018-05-11T07:40:14.152Z',
    nullable: true,
    type: String,
    format: 'date-time',
  })
  addedAt!: string | null;

  @ApiProperty({
    description:
      'Number of friends, passively deleted and blocked included (好友数量; vendor `ad_wechat_friend`).',
    example: 1709,
    type: 'integer',
  })
  friendCount!: number;

  @ApiProperty({
    description: 'Number of group chats (群总数; vendor `ad_wechat_group`).',
    example: 23,
    type: 'integer',
  })
  groupCount!: number;

  @ApiProperty({
    description: 'Authorisations granted to the account.',
    type: OperatorAccountAuthorizationsDto,
  })
  authorizations!: OperatorAccountAuthorizationsDto;

  @ApiProperty({
    description: 'Add-friend tasks enabled (是否开启加粉任务; vendor `is_receiveaddfriendtask`, 1 is true).',
    example: true,
  })
  addFriendTasksEnabled!: boolean;

  @ApiProperty({ description: 'Staff notified of events on this account.', type: OperatorAccountNotifyDto })
  notify!: OperatorAccountNotifyDto;

  @ApiProperty({
    description: 'IMEI of the phone the account is logged in on (运营号登录手机唯一码; vendor `imei`).',
    example: null,
    nullable: true,
    type: String,
  })
  deviceImei!: string | null;
}

export class OperatorAccountListDto {
  @ApiProperty({ description: 'The items of this page.', type: [OperatorAccountDto] })
  data!: OperatorAccountDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../pagination/page-query.dto';

export const OPERATOR_ACCOUNT_QUERY_KINDS = ['wechat', 'wecom'] as const;
export const OPERATOR_ACCOUNT_SORTS = [
  'id',
  '-id',
  'friendCount',
  '-friendCount',
  'addedAt',
  '-addedAt',
] as const;
export type OperatorAccountSort = (typeof OPERATOR_ACCOUNT_SORTS)[number];

export class OperatorAccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Which vendor list to read (vendor `ad_wechat_lei`: 0 个微 wechat, 3 企微 wecom); absent reads both, merged.',
    enum: OPERATOR_ACCOUNT_QUERY_KINDS,
    example: 'wechat',
  })
  @IsOptional()
  @IsIn(OPERATOR_ACCOUNT_QUERY_KINDS)
  kind?: 'wechat' | 'wecom';

  @ApiPropertyOptional({
    description: 'Case-insensitive substring of wechatId, nickname or deviceNo.',
    example: 'P0',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description: 'Order: a field, `-` for descending; accounts with no addedAt come last. Default id.',
    enum: OPERATOR_ACCOUNT_SORTS,
    example: '-friendCount',
  })
  @IsOptional()
  @IsIn(OPERATOR_ACCOUNT_SORTS)
  sort?: OperatorAccountSort;
}

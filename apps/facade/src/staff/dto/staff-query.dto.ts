import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../pagination/page-query.dto';
import { VALIDATION_MESSAGES } from '../../problem/validation-messages';

export const STAFF_STATUS_FILTERS = ['active', 'disabled', 'all'] as const;
// Control characters have no place in a staff code; refusing them keeps logs and vendor bodies clean.
const PRINTABLE = /^[^\p{Cc}]+$/u;

export class StaffQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Status filter (vendor `ad_staff_state`: -1 all, 0 启用 active, 1 停用 disabled). Default all.',
    enum: STAFF_STATUS_FILTERS,
    example: 'active',
  })
  @IsOptional()
  @IsIn(STAFF_STATUS_FILTERS)
  status?: 'active' | 'disabled' | 'all';

  @ApiPropertyOptional({
    description: 'Exact staff code (员工号; vendor `ad_staff_code`).',
    example: 'b01',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(PRINTABLE, { message: VALIDATION_MESSAGES.printable('code') })
  code?: string;

  @ApiPropertyOptional({
    description: 'Case-insensitive substring of the staff name (员工姓名; vendor `ad_staff_name`).',
    example: 'b0',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}

export class StaffCodeParamDto {
  @ApiProperty({ description: 'Staff code (员工号; vendor `ad_staff_code`).', example: 'b01', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  @Matches(PRINTABLE, { message: VALIDATION_MESSAGES.printable('code') })
  code!: string;
}

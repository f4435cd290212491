import { ApiProperty } from '@nestjs/swagger';
import type { StaffAssignment } from '@youmi-facade/domain';
import { ListMetaDto } from '../../pagination/list-meta.dto';
import { StaffOperatorAccountDto } from '../../staff/dto/staff.dto';

export class StaffAssignmentDto implements StaffAssignment {
  @ApiProperty({ description: 'Staff code (员工号; vendor `ad_staff_code`).', example: 'b03' })
  staffCode!: string;

  @ApiProperty({
    description: 'The operator account the staff member manages (员工管理运营机).',
    type: StaffOperatorAccountDto,
  })
  account!: StaffOperatorAccountDto;
}

export class StaffAssignmentListDto {
  @ApiProperty({ description: 'The items of this page.', type: [StaffAssignmentDto] })
  data!: StaffAssignmentDto[];

  @ApiProperty({ description: 'Paging: total over all pages, limit and offset.', type: ListMetaDto })
  meta!: ListMetaDto;
}

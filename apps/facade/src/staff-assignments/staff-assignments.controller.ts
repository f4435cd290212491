import { Keyed } from '../access/access-rule';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { PageQueryDto } from '../pagination/page-query.dto';
import { StaffAssignmentListDto } from './dto/staff-assignment.dto';
import { StaffAssignmentsService } from './staff-assignments.service';

@ApiTags('staff')
@Keyed()
@Controller({ path: 'staff-assignments', version: API_VERSION })
export class StaffAssignmentsController {
  constructor(private readonly service: StaffAssignmentsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listStaffAssignments',
    summary:
      "Every staff member's operator accounts, one item per pair (员工管理运营机; vendor POST staff/GetStaffWechat)",
    description:
      "Every staff member's operator accounts, one item per pair, ordered by staff code then account id.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StaffAssignmentListDto })
  @ApiV1Operation()
  list(@Query() query: PageQueryDto) {
    return this.service.list(query);
  }
}

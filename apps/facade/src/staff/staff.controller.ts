import { Keyed } from '../access/access-rule';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { PageQueryDto } from '../pagination/page-query.dto';
import { StaffDto, StaffListDto, StaffOperatorAccountListDto } from './dto/staff.dto';
import { StaffCodeParamDto, StaffQueryDto } from './dto/staff-query.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@Keyed()
@Controller({ path: 'staff', version: API_VERSION })
export class StaffController {
  constructor(private readonly service: StaffService) {}

  @Get()
  @ApiOperation({
    operationId: 'listStaff',
    summary: 'List staff (员工配置; vendor GET staff), ordered by code',
    description:
      'The staff (员工) of the merchant, ordered by code, filtered by status, exact code or part of the name (filters are applied by the facade over the whole vendor list). Lists also answer CSV.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StaffListDto })
  @ApiV1Operation()
  list(@Query() query: StaffQueryDto) {
    return this.service.list(query);
  }

  @Get(':code')
  @ApiOperation({
    operationId: 'getStaff',
    summary: 'One staff member by code',
    description: 'One staff member by code; 404 when no staff member has it.',
  })
  @ApiOkResponse({ type: StaffDto })
  @ApiV1Operation({ notFound: true })
  get(@Param() { code }: StaffCodeParamDto) {
    return this.service.get(code);
  }

  @Get(':code/operator-accounts')
  @ApiOperation({
    operationId: 'listStaffOperatorAccounts',
    summary: "A staff member's operator accounts (员工管理运营机; vendor POST staff/GetStaffWechat), by id",
    description:
      'The operator accounts one staff member manages, by account id; 404 when no staff member has the code (in the staff list or at the vendor).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StaffOperatorAccountListDto })
  @ApiV1Operation({ notFound: true })
  operatorAccounts(@Param() { code }: StaffCodeParamDto, @Query() query: PageQueryDto) {
    return this.service.operatorAccounts(code, query);
  }
}

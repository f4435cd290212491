import { Keyed } from '../access/access-rule';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { IdParamDto } from '../routing/id-param.dto';
import { OperatorAccountDto, OperatorAccountListDto } from './dto/operator-account.dto';
import { OperatorAccountsQueryDto } from './dto/operator-accounts-query.dto';
import { OperatorAccountsService } from './operator-accounts.service';

@ApiTags('operator accounts')
@Keyed()
@Controller({ path: 'operator-accounts', version: API_VERSION })
export class OperatorAccountsController {
  constructor(private readonly service: OperatorAccountsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listOperatorAccounts',
    summary: 'List operator accounts (运营号配置; vendor GET WeCaht)',
    description:
      'The operator accounts (运营号) the vendor knows, both kinds merged by id unless `kind` picks one, with text search over WeChat id, nickname and device number, sorted by id, friend count or add time. Lists also answer CSV.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OperatorAccountListDto })
  @ApiV1Operation()
  list(@Query() query: OperatorAccountsQueryDto) {
    return this.service.list(query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getOperatorAccount',
    summary: 'One operator account by id',
    description: 'One operator account by its vendor id (`ad_wechat_id`), of either kind.',
  })
  @ApiOkResponse({ type: OperatorAccountDto })
  @ApiV1Operation({ notFound: true })
  get(@Param() { id }: IdParamDto) {
    return this.service.get(id);
  }
}

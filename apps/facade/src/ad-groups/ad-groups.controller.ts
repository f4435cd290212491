import { Keyed } from '../access/access-rule';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { IdParamDto } from '../routing/id-param.dto';
import { PageQueryDto } from '../pagination/page-query.dto';
import { AdGroupsService } from './ad-groups.service';
import { AdGroupDto, AdGroupListDto } from './dto/ad-group.dto';

@ApiTags('ad groups')
@Keyed()
@Controller({ path: 'ad-groups', version: API_VERSION })
export class AdGroupsController {
  constructor(private readonly service: AdGroupsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listAdGroups',
    summary: 'List ad groups (投放组配置; vendor GET AdManage), by id',
    description:
      "The ad groups (投放组) by id, with their operator account ids, the accounts' WeChat ids and QR codes, and the region named from its division code.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AdGroupListDto })
  @ApiV1Operation()
  list(@Query() query: PageQueryDto) {
    return this.service.list(query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getAdGroup',
    summary: 'One ad group by id',
    description: 'One ad group by id.',
  })
  @ApiOkResponse({ type: AdGroupDto })
  @ApiV1Operation({ notFound: true })
  get(@Param() { id }: IdParamDto) {
    return this.service.get(id);
  }
}

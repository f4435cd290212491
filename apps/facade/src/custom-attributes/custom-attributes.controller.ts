import { Keyed } from '../access/access-rule';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { IdParamDto } from '../routing/id-param.dto';
import { CustomAttributesService } from './custom-attributes.service';
import { CustomAttributeDto, CustomAttributeListDto } from './dto/custom-attribute.dto';
import { CustomAttributesQueryDto } from './dto/custom-attributes-query.dto';

@ApiTags('custom attributes')
@Keyed()
@Controller({ path: 'custom-attributes', version: API_VERSION })
export class CustomAttributesController {
  constructor(private readonly service: CustomAttributesService) {}

  @Get()
  @ApiOperation({
    operationId: 'listCustomAttributes',
    summary:
      'List friend custom attributes (好友自定义属性配置; vendor GET friend/GetCustomAttributeList), by sort then id',
    description:
      "The friends' custom attributes, ordered by sort then id, optionally of one type, with their options.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CustomAttributeListDto })
  @ApiV1Operation()
  list(@Query() query: CustomAttributesQueryDto) {
    return this.service.list(query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getCustomAttribute',
    summary: 'One custom attribute by id',
    description: 'One custom attribute by id.',
  })
  @ApiOkResponse({ type: CustomAttributeDto })
  @ApiV1Operation({ notFound: true })
  get(@Param() { id }: IdParamDto) {
    return this.service.get(id);
  }
}

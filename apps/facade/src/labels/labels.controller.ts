import { Keyed } from '../access/access-rule';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { IdParamDto } from '../routing/id-param.dto';
import { LabelDto, LabelListDto } from './dto/label.dto';
import { LabelsQueryDto } from './dto/labels-query.dto';
import { LabelsService } from './labels.service';

@ApiTags('labels')
@Keyed()
@Controller({ path: 'labels', version: API_VERSION })
export class LabelsController {
  constructor(private readonly service: LabelsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listLabels',
    summary: 'List labels (标签配置; vendor GET wecahtlabel), by id',
    description: 'The labels by id, optionally of one category.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: LabelListDto })
  @ApiV1Operation()
  list(@Query() query: LabelsQueryDto) {
    return this.service.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getLabel', summary: 'One label by id', description: 'One label by id.' })
  @ApiOkResponse({ type: LabelDto })
  @ApiV1Operation({ notFound: true })
  get(@Param() { id }: IdParamDto) {
    return this.service.get(id);
  }
}

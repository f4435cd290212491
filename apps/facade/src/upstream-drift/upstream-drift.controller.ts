import { Keyed } from '../access/access-rule';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { PageQueryDto } from '../pagination/page-query.dto';
import { DriftReportDto } from './dto/drift-entry.dto';
import { UpstreamDriftService } from './upstream-drift.service';

@ApiTags('upstream')
@Keyed()
@Controller({ path: 'upstream/drift', version: API_VERSION })
export class UpstreamDriftController {
  constructor(private readonly service: UpstreamDriftService) {}

  @Get()
  @ApiOperation({
    operationId: 'getUpstreamDrift',
    summary: 'What the vendor sent that the facade did not expect',
    description:
      'Per vendor endpoint, field and kind: unknown fields, wrong types, unparseable values and malformed JSON, with counts and first/last seen.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DriftReportDto })
  @ApiV1Operation()
  report(@Query() query: PageQueryDto) {
    return this.service.report(query);
  }
}

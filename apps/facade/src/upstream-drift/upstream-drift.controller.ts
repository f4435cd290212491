import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiV1Operation } from '../common/api-errors.decorator';
import { PageQueryDto } from '../http/page-query.dto';
import { DriftReportDto } from './dto/drift-entry.dto';
import { UpstreamDriftService } from './upstream-drift.service';

@ApiTags('operations')
@Controller({ path: 'upstream/drift', version: '1' })
export class UpstreamDriftController {
  constructor(private readonly service: UpstreamDriftService) {}

  @Get()
  @ApiOperation({
    operationId: 'getUpstreamDrift',
    summary: 'What the vendor sent that the contract did not expect',
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

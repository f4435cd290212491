import { Keyed } from '../access/access-rule';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { LabelTreeDto } from './dto/label-tree.dto';
import { LabelTreeService } from './label-tree.service';

@ApiTags('labels')
@Keyed()
@Controller({ path: 'label-tree', version: API_VERSION })
export class LabelTreeController {
  constructor(private readonly service: LabelTreeService) {}

  @Get()
  @ApiOperation({
    operationId: 'getLabelTree',
    summary:
      'Every label category with its labels, not paged (标签分类 + 标签配置; vendor GET /Label and wecahtlabel)',
    description:
      'Every category with its labels, not paged: categories by id, labels in each by id, empty categories included. JSON only.',
  })
  @ApiOkResponse({ type: LabelTreeDto })
  @ApiV1Operation()
  tree() {
    return this.service.tree();
  }
}

import { Keyed } from '../access/access-rule';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { IdParamDto } from '../routing/id-param.dto';
import { PageQueryDto } from '../pagination/page-query.dto';
import { LabelCategoryDto, LabelCategoryListDto } from './dto/label-category.dto';
import { LabelCategoriesService } from './label-categories.service';

@ApiTags('labels')
@Keyed()
@Controller({ path: 'label-categories', version: API_VERSION })
export class LabelCategoriesController {
  constructor(private readonly service: LabelCategoriesService) {}

  @Get()
  @ApiOperation({
    operationId: 'listLabelCategories',
    summary:
      'List label categories (标签分类; vendor GET /Label, plus categories that only wecahtlabel rows mention)',
    description:
      "The label categories by id: those of the vendor's category list plus any category that only label rows mention.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: LabelCategoryListDto })
  @ApiV1Operation()
  list(@Query() query: PageQueryDto) {
    return this.service.list(query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getLabelCategory',
    summary: 'One label category by id',
    description: 'One label category by id, including categories that only label rows mention.',
  })
  @ApiOkResponse({ type: LabelCategoryDto })
  @ApiV1Operation({ notFound: true })
  get(@Param() { id }: IdParamDto) {
    return this.service.get(id);
  }
}

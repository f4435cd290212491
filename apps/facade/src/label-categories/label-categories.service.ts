import { Injectable } from '@nestjs/common';
import { paginate, type PageQueryDto } from '../common/page-query.dto';
import { Served } from '../http/answers/served';
import { notFoundProblem } from '../problem/problem';
import { indexBy } from '../upstream/index-by';
import { UpstreamService } from '../upstream/upstream.service';

@Injectable()
export class LabelCategoriesService {
  constructor(private readonly upstream: UpstreamService) {}

  async list(query: PageQueryDto) {
    const categories = await this.upstream.resource('label-categories');
    return Served.list(categories, () => paginate(categories.value, query));
  }

  async get(id: number) {
    const categories = await this.upstream.resource('label-categories');
    const category = indexBy(categories.value, (c) => c.id).get(id);
    if (!category) throw notFoundProblem(`No label category has id ${id}.`);
    return Served.of(categories, () => category);
  }
}

import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../pagination/page-query.dto';
import { paginate } from '../pagination/paginate';
import { Versioned } from '../upstream/versioned';
import { notFoundProblem } from '../problem/problem';
import { indexBy } from '../upstream/index-by';
import { VendorResourcesService } from '../upstream/vendor-resources.service';

@Injectable()
export class LabelCategoriesService {
  constructor(private readonly upstream: VendorResourcesService) {}

  async list(query: PageQueryDto) {
    const categories = await this.upstream.resource('label-categories');
    return Versioned.of(categories, () => paginate(categories.value, query));
  }

  async get(id: number) {
    const categories = await this.upstream.resource('label-categories');
    const category = indexBy(categories.value, (c) => c.id).get(id);
    if (!category) throw notFoundProblem(`No label category has id ${id}.`);
    return Versioned.of(categories, () => category);
  }
}

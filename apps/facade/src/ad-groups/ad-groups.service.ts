import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../pagination/page-query.dto';
import { paginate } from '../pagination/paginate';
import { Versioned } from '../upstream/versioned';
import { notFoundProblem } from '../problem/problem';
import { indexBy } from '../upstream/index-by';
import { VendorResourcesService } from '../upstream/vendor-resources.service';

@Injectable()
export class AdGroupsService {
  constructor(private readonly upstream: VendorResourcesService) {}

  async list(query: PageQueryDto) {
    const groups = await this.upstream.resource('ad-groups');
    return Versioned.of(groups, () => paginate(groups.value, query));
  }

  async get(id: number) {
    const groups = await this.upstream.resource('ad-groups');
    const group = indexBy(groups.value, (g) => g.id).get(id);
    if (!group) throw notFoundProblem(`No ad group has id ${id}.`);
    return Versioned.of(groups, () => group);
  }
}

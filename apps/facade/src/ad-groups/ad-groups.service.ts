import { Injectable } from '@nestjs/common';
import { paginate, type PageQueryDto } from '../common/page-query.dto';
import { Served } from '../http/answers/served';
import { notFoundProblem } from '../problem/problem';
import { indexBy } from '../upstream/index-by';
import { UpstreamService } from '../upstream/upstream.service';

@Injectable()
export class AdGroupsService {
  constructor(private readonly upstream: UpstreamService) {}

  async list(query: PageQueryDto) {
    const groups = await this.upstream.resource('ad-groups');
    return Served.list(groups, () => paginate(groups.value, query));
  }

  async get(id: number) {
    const groups = await this.upstream.resource('ad-groups');
    const group = indexBy(groups.value, (g) => g.id).get(id);
    if (!group) throw notFoundProblem(`No ad group has id ${id}.`);
    return Served.of(groups, () => group);
  }
}

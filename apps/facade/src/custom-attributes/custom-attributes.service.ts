import { Injectable } from '@nestjs/common';
import { paginate } from '../common/page-query.dto';
import { Served } from '../http/answers/served';
import { notFoundProblem } from '../problem/problem';
import { indexBy } from '../upstream/index-by';
import { UpstreamService } from '../upstream/upstream.service';
import type { CustomAttributesQueryDto } from './dto/custom-attributes-query.dto';

@Injectable()
export class CustomAttributesService {
  constructor(private readonly upstream: UpstreamService) {}

  /** Ordered by sort, then id. */
  async list(query: CustomAttributesQueryDto) {
    const attributes = await this.upstream.resource('custom-attributes');
    return Served.list(attributes, () => {
      const matching = query.type === undefined ? attributes.value : attributes.value.filter((a) => a.type === query.type);
      return paginate(matching, query);
    });
  }

  async get(id: number) {
    const attributes = await this.upstream.resource('custom-attributes');
    const attribute = indexBy(attributes.value, (a) => a.id).get(id);
    if (!attribute) throw notFoundProblem(`No custom attribute has id ${id}.`);
    return Served.of(attributes, () => attribute);
  }
}

import { Injectable } from '@nestjs/common';
import { compareCustomAttributes } from '@youmi-facade/mapping';
import { paginate } from '../http/page-query.dto';
import { Served } from '../http/served';
import { notFoundProblem } from '../problem/problem';
import { indexBy } from '../upstream/index-by';
import { UpstreamService } from '../upstream/upstream.service';
import type { CustomAttributesQueryDto } from './dto/custom-attributes-query.dto';

@Injectable()
export class CustomAttributesService {
  constructor(private readonly upstream: UpstreamService) {}

  /** Ordered by sort, then id. */
  async list(query: CustomAttributesQueryDto) {
    const attributes = await this.upstream.customAttributes();
    return Served.list(attributes, () => {
      const matching = query.type === undefined ? attributes.value : attributes.value.filter((a) => a.type === query.type);
      return paginate([...matching].sort(compareCustomAttributes), query);
    });
  }

  async get(id: number) {
    const attributes = await this.upstream.customAttributes();
    const attribute = indexBy(attributes.value, (a) => a.id).get(id);
    if (!attribute) throw notFoundProblem(`No custom attribute has id ${id}.`);
    return Served.of(attributes, () => attribute);
  }
}

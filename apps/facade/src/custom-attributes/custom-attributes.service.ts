import { Injectable } from '@nestjs/common';
import { paginate } from '../pagination/paginate';
import { Versioned } from '../upstream/versioned';
import { notFoundProblem } from '../problem/problem';
import { indexBy } from '../upstream/index-by';
import { VendorResourcesService } from '../upstream/vendor-resources.service';
import type { CustomAttributesQueryDto } from './dto/custom-attributes-query.dto';

@Injectable()
export class CustomAttributesService {
  constructor(private readonly upstream: VendorResourcesService) {}

  /** Ordered by sort, then id. */
  async list(query: CustomAttributesQueryDto) {
    const attributes = await this.upstream.resource('custom-attributes');
    return Versioned.of(attributes, () => {
      const matching =
        query.type === undefined ? attributes.value : attributes.value.filter((a) => a.type === query.type);
      return paginate(matching, query);
    });
  }

  async get(id: number) {
    const attributes = await this.upstream.resource('custom-attributes');
    const attribute = indexBy(attributes.value, (a) => a.id).get(id);
    if (!attribute) throw notFoundProblem(`No custom attribute has id ${id}.`);
    return Versioned.of(attributes, () => attribute);
  }
}

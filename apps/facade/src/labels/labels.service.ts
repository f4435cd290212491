import { Injectable } from '@nestjs/common';
import { paginate } from '../pagination/paginate';
import { Versioned } from '../upstream/versioned';
import { notFoundProblem } from '../problem/problem';
import { indexBy } from '../upstream/index-by';
import { VendorResourcesService } from '../upstream/vendor-resources.service';
import type { LabelsQueryDto } from './dto/labels-query.dto';

@Injectable()
export class LabelsService {
  constructor(private readonly upstream: VendorResourcesService) {}

  async list(query: LabelsQueryDto) {
    const labels = await this.upstream.resource('labels');
    return Versioned.of(labels, () => {
      const matching =
        query.categoryId === undefined
          ? labels.value
          : labels.value.filter((l) => l.categoryId === query.categoryId);
      return paginate(matching, query);
    });
  }

  async get(id: number) {
    const labels = await this.upstream.resource('labels');
    const label = indexBy(labels.value, (l) => l.id).get(id);
    if (!label) throw notFoundProblem(`No label has id ${id}.`);
    return Versioned.of(labels, () => label);
  }
}

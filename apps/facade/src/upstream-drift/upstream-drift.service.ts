import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../pagination/page-query.dto';
import { paginate } from '../pagination/paginate';
import { Versioned } from '../upstream/versioned';
import { DriftRegistry } from '../upstream/drift-registry';

@Injectable()
export class UpstreamDriftService {
  constructor(private readonly drift: DriftRegistry) {}

  report(query: PageQueryDto) {
    return Versioned.of({ version: this.drift.revision }, () => paginate(this.drift.list(), query));
  }
}

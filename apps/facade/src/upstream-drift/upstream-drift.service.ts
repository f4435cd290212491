import { Injectable } from '@nestjs/common';
import { paginate, type PageQueryDto } from '../common/page-query.dto';
import { Served } from '../http/answers/served';
import { DriftRegistry } from '../upstream/drift-registry';

@Injectable()
export class UpstreamDriftService {
  constructor(private readonly drift: DriftRegistry) {}

  report(query: PageQueryDto) {
    return Served.list({ version: this.drift.revision }, () => paginate(this.drift.list(), query));
  }
}

import { Injectable } from '@nestjs/common';
import { paginate, type PageQueryDto } from '../common/page-query.dto';
import { Served } from '../http/answers/served';
import { UpstreamService } from '../upstream/upstream.service';

@Injectable()
export class StaffAssignmentsService {
  constructor(private readonly upstream: UpstreamService) {}

  /** One item per staff member and account, by staff code then account id. */
  async list(query: PageQueryDto) {
    const assignments = await this.upstream.resource('staff-assignments');
    return Served.list(assignments, () => paginate(assignments.value, query));
  }
}

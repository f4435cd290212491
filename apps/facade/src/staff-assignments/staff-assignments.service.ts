import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../pagination/page-query.dto';
import { paginate } from '../pagination/paginate';
import { Versioned } from '../upstream/versioned';
import { VendorResourcesService } from '../upstream/vendor-resources.service';

@Injectable()
export class StaffAssignmentsService {
  constructor(private readonly upstream: VendorResourcesService) {}

  /** One item per staff member and account, by staff code then account id. */
  async list(query: PageQueryDto) {
    const assignments = await this.upstream.resource('staff-assignments');
    return Versioned.of(assignments, () => paginate(assignments.value, query));
  }
}

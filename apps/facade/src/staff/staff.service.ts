import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../pagination/page-query.dto';
import { paginate } from '../pagination/paginate';
import { Versioned } from '../upstream/versioned';
import { notFoundProblem } from '../problem/problem';
import { combineFetched } from '../upstream/cache-status';
import { indexBy } from '../upstream/index-by';
import { UnknownStaffCodeError, VendorResourcesService } from '../upstream/vendor-resources.service';
import type { StaffQueryDto } from './dto/staff-query.dto';

@Injectable()
export class StaffService {
  constructor(private readonly upstream: VendorResourcesService) {}

  async list(query: StaffQueryDto) {
    const staff = await this.upstream.resource('staff');
    return Versioned.of(staff, () => {
      const name = query.name?.toLowerCase();
      const status = query.status ?? 'all';
      const matching = staff.value.filter(
        (s) =>
          (status === 'all' || s.status === status) &&
          (query.code === undefined || s.code === query.code) &&
          (name === undefined || s.name.toLowerCase().includes(name)),
      );
      return paginate(matching, query);
    });
  }

  async get(code: string) {
    const staff = await this.upstream.resource('staff');
    const member = indexBy(staff.value, (s) => s.code).get(code);
    if (!member) throw notFoundProblem(`No staff member has code ${JSON.stringify(code)}.`);
    return Versioned.of(staff, () => member);
  }

  /** A staff member's accounts; 404 when the staff list or the vendor does not know the code. */
  async operatorAccounts(code: string, query: PageQueryDto) {
    const staff = await this.upstream.resource('staff');
    if (!indexBy(staff.value, (s) => s.code).has(code))
      throw notFoundProblem(`No staff member has code ${JSON.stringify(code)}.`);
    let accounts;
    try {
      accounts = await this.upstream.staffOperatorAccounts(code);
    } catch (error) {
      if (error instanceof UnknownStaffCodeError)
        throw notFoundProblem(`No staff member has code ${JSON.stringify(code)}.`);
      throw error;
    }
    return Versioned.of(combineFetched([staff, accounts]), () =>
      paginate(
        [...accounts.value].sort((a, b) => a.id - b.id),
        query,
      ),
    );
  }
}

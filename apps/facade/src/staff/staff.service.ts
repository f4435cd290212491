import { Injectable } from '@nestjs/common';
import { paginate, type PageQueryDto } from '../http/page-query.dto';
import { Served } from '../http/served';
import { notFoundProblem } from '../problem/problem';
import { worstCacheStatus } from '../upstream/cache-status';
import { indexBy } from '../upstream/index-by';
import { UnknownStaffCodeError, UpstreamService } from '../upstream/upstream.service';
import type { StaffQueryDto } from './dto/staff-query.dto';

@Injectable()
export class StaffService {
  constructor(private readonly upstream: UpstreamService) {}

  async list(query: StaffQueryDto) {
    const staff = await this.upstream.staff();
    return Served.list(staff, () => {
      const name = query.name?.toLowerCase();
      const status = query.status ?? 'all';
      const matching = staff.value.filter(
        (s) =>
          (status === 'all' || s.status === status) &&
          (query.code === undefined || s.code === query.code) &&
          (name === undefined || s.name.toLowerCase().includes(name)),
      );
      return paginate([...matching].sort((a, b) => compare(a.code, b.code)), query);
    });
  }

  async get(code: string) {
    const staff = await this.upstream.staff();
    const member = indexBy(staff.value, (s) => s.code).get(code);
    if (!member) throw notFoundProblem(`No staff member has code ${JSON.stringify(code)}.`);
    return Served.of(staff, () => member);
  }

  /** A staff member's accounts; 404 when the staff list or the vendor does not know the code. */
  async operatorAccounts(code: string, query: PageQueryDto) {
    const staff = await this.upstream.staff();
    if (!indexBy(staff.value, (s) => s.code).has(code)) throw notFoundProblem(`No staff member has code ${JSON.stringify(code)}.`);
    let accounts;
    try {
      accounts = await this.upstream.staffOperatorAccounts(code);
    } catch (error) {
      if (error instanceof UnknownStaffCodeError) throw notFoundProblem(`No staff member has code ${JSON.stringify(code)}.`);
      throw error;
    }
    const served = {
      cache: worstCacheStatus([staff.cache, accounts.cache]),
      version: `${staff.version}|${accounts.version}`,
      freshUntil: Math.min(staff.freshUntil, accounts.freshUntil),
    };
    return Served.list(served, () => paginate([...accounts.value].sort((a, b) => a.id - b.id), query));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { Injectable } from '@nestjs/common';
import type { OperatorAccount } from '@youmi-facade/domain';
import { notFoundProblem } from '../problem/problem';
import { paginate } from '../pagination/paginate';
import { Versioned } from '../upstream/versioned';
import type { Fetched } from '../upstream/cache-status';
import { indexBy } from '../upstream/index-by';
import { VendorResourcesService } from '../upstream/vendor-resources.service';
import type { OperatorAccountSort, OperatorAccountsQueryDto } from './dto/operator-accounts-query.dto';

@Injectable()
export class OperatorAccountsService {
  constructor(private readonly upstream: VendorResourcesService) {}

  async list(query: OperatorAccountsQueryDto) {
    const accounts = await this.accounts(query.kind);
    return Versioned.of(accounts, () => {
      const q = query.q?.toLowerCase();
      const matching = q === undefined ? accounts.value : accounts.value.filter((a) => matchesText(a, q));
      return paginate(sortAccounts(matching, query.sort ?? 'id'), query);
    });
  }

  async get(id: number) {
    const accounts = await this.accounts(undefined);
    const account = indexBy(accounts.value, (a) => a.id).get(id);
    if (!account) throw notFoundProblem(`No operator account has id ${id}.`);
    return Versioned.of(accounts, () => account);
  }

  private accounts(kind: 'wechat' | 'wecom' | undefined): Promise<Fetched<OperatorAccount[]>> {
    return this.upstream.resource(kind === undefined ? 'operator-accounts' : `operator-accounts:${kind}`);
  }
}

function matchesText(account: OperatorAccount, q: string): boolean {
  return (
    account.wechatId.toLowerCase().includes(q) ||
    (account.nickname?.toLowerCase().includes(q) ?? false) ||
    account.deviceNo.toLowerCase().includes(q)
  );
}

function sortAccounts(accounts: readonly OperatorAccount[], sort: OperatorAccountSort): OperatorAccount[] {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as 'id' | 'friendCount' | 'addedAt';
  const direction = descending ? -1 : 1;
  return [...accounts].sort((a, b) => {
    if (field === 'addedAt') {
      if (a.addedAt === b.addedAt) return a.id - b.id;
      if (a.addedAt === null) return 1;
      if (b.addedAt === null) return -1;
      return (a.addedAt < b.addedAt ? -1 : 1) * direction;
    }
    return (a[field] - b[field]) * direction || a.id - b.id;
  });
}

import { Injectable } from '@nestjs/common';
import { Served } from '../http/answers/served';
import { UpstreamService } from '../upstream/upstream.service';

@Injectable()
export class LabelTreeService {
  constructor(private readonly upstream: UpstreamService) {}

  async tree() {
    const tree = await this.upstream.resource('label-tree');
    return Served.of(tree, () => ({ data: tree.value }));
  }
}

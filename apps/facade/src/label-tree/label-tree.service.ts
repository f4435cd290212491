import { Injectable } from '@nestjs/common';
import { Versioned } from '../upstream/versioned';
import { UpstreamService } from '../upstream/upstream.service';

@Injectable()
export class LabelTreeService {
  constructor(private readonly upstream: UpstreamService) {}

  async tree() {
    const tree = await this.upstream.resource('label-tree');
    return Versioned.of(tree, () => ({ data: tree.value }));
  }
}

import { Injectable } from '@nestjs/common';
import { Versioned } from '../upstream/versioned';
import { VendorResourcesService } from '../upstream/vendor-resources.service';

@Injectable()
export class LabelTreeService {
  constructor(private readonly upstream: VendorResourcesService) {}

  async tree() {
    const tree = await this.upstream.resource('label-tree');
    return Versioned.of(tree, () => ({ data: tree.value }));
  }
}

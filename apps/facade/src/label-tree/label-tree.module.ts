import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { LabelTreeController } from './label-tree.controller';
import { LabelTreeService } from './label-tree.service';

@Module({ imports: [UpstreamModule], controllers: [LabelTreeController], providers: [LabelTreeService] })
export class LabelTreeModule {}

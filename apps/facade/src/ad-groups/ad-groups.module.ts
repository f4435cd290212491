import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { AdGroupsController } from './ad-groups.controller';
import { AdGroupsService } from './ad-groups.service';

@Module({ imports: [UpstreamModule], controllers: [AdGroupsController], providers: [AdGroupsService] })
export class AdGroupsModule {}

import { Module } from '@nestjs/common';
import { AdGroupsController } from './ad-groups.controller';
import { AdGroupsService } from './ad-groups.service';

@Module({ controllers: [AdGroupsController], providers: [AdGroupsService] })
export class AdGroupsModule {}

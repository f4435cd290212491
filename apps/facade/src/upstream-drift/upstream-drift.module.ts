import { Module } from '@nestjs/common';
import { UpstreamDriftController } from './upstream-drift.controller';
import { UpstreamDriftService } from './upstream-drift.service';

@Module({ controllers: [UpstreamDriftController], providers: [UpstreamDriftService] })
export class UpstreamDriftModule {}

import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { UpstreamDriftController } from './upstream-drift.controller';
import { UpstreamDriftService } from './upstream-drift.service';

@Module({
  imports: [UpstreamModule],
  controllers: [UpstreamDriftController],
  providers: [UpstreamDriftService],
})
export class UpstreamDriftModule {}

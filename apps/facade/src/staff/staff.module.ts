import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({ imports: [UpstreamModule], controllers: [StaffController], providers: [StaffService] })
export class StaffModule {}

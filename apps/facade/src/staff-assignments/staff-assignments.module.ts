import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { StaffAssignmentsController } from './staff-assignments.controller';
import { StaffAssignmentsService } from './staff-assignments.service';

@Module({
  imports: [UpstreamModule],
  controllers: [StaffAssignmentsController],
  providers: [StaffAssignmentsService],
})
export class StaffAssignmentsModule {}

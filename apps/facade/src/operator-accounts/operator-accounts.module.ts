import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { OperatorAccountsController } from './operator-accounts.controller';
import { OperatorAccountsService } from './operator-accounts.service';

@Module({
  imports: [UpstreamModule],
  controllers: [OperatorAccountsController],
  providers: [OperatorAccountsService],
})
export class OperatorAccountsModule {}

import { Module } from '@nestjs/common';
import { OperatorAccountsController } from './operator-accounts.controller';
import { OperatorAccountsService } from './operator-accounts.service';

@Module({ controllers: [OperatorAccountsController], providers: [OperatorAccountsService] })
export class OperatorAccountsModule {}

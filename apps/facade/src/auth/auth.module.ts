import { Global, Module } from '@nestjs/common';
import { ApiKeys } from './api-keys';

@Global()
@Module({ providers: [ApiKeys], exports: [ApiKeys] })
export class AuthModule {}

import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { FacadeConfig } from './facade-config';

export const FACADE_CONFIG = Symbol('FACADE_CONFIG');

@Global()
@Module({})
export class FacadeConfigModule {
  static forRoot(config: FacadeConfig): DynamicModule {
    return {
      module: FacadeConfigModule,
      providers: [{ provide: FACADE_CONFIG, useValue: config }],
      exports: [FACADE_CONFIG],
    };
  }
}

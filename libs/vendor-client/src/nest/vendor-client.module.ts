import { ConfigurableModuleBuilder, Module, type ConfigurableModuleAsyncOptions } from '@nestjs/common';
import { VendorClient } from '../lib/vendor-client';
import type { VendorClientOptions } from '../lib/vendor-client.options';

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<VendorClientOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

/** The token under which the module keeps the options the client was built from. */
export const VENDOR_CLIENT_OPTIONS = MODULE_OPTIONS_TOKEN;
export type VendorClientModuleOptions = VendorClientOptions & { isGlobal?: boolean };
export type VendorClientModuleAsyncOptions = ConfigurableModuleAsyncOptions<VendorClientOptions, 'create'> & {
  isGlobal?: boolean;
};

/**
 * Provides one shared `VendorClient` to a Nest application:
 * `VendorClientModule.forRoot({ baseUrl, appId, appKey, isGlobal })` or
 * `forRootAsync({ imports, inject, useFactory, isGlobal })`.
 */
@Module({
  providers: [
    {
      provide: VendorClient,
      useFactory: (options: VendorClientOptions) => new VendorClient(options),
      inject: [MODULE_OPTIONS_TOKEN],
    },
  ],
  exports: [VendorClient],
})
export class VendorClientModule extends ConfigurableModuleClass {}

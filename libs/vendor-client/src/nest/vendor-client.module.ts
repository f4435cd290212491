import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata, type OptionalFactoryDependency } from '@nestjs/common';
import { VendorClient } from '../lib/vendor-client';
import type { VendorClientOptions } from '../lib/vendor-client.options';

export const VENDOR_CLIENT_OPTIONS = Symbol('VENDOR_CLIENT_OPTIONS');

export interface VendorClientModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => VendorClientOptions | Promise<VendorClientOptions>;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  isGlobal?: boolean;
}

/** Provides one shared `VendorClient` to a Nest application. */
@Module({})
export class VendorClientModule {
  static forRoot(options: VendorClientOptions & { isGlobal?: boolean }): DynamicModule {
    const { isGlobal, ...clientOptions } = options;
    return {
      module: VendorClientModule,
      global: isGlobal ?? false,
      providers: [{ provide: VendorClient, useValue: new VendorClient(clientOptions) }],
      exports: [VendorClient],
    };
  }

  static forRootAsync(options: VendorClientModuleAsyncOptions): DynamicModule {
    return {
      module: VendorClientModule,
      global: options.isGlobal ?? false,
      imports: options.imports ?? [],
      providers: [
        { provide: VENDOR_CLIENT_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: VendorClient,
          useFactory: (clientOptions: VendorClientOptions) => new VendorClient(clientOptions),
          inject: [VENDOR_CLIENT_OPTIONS],
        },
      ],
      exports: [VendorClient],
    };
  }
}

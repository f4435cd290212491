import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { VendorClient } from '../src';
import { VendorClientModule } from '../src/nest';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.stop());

const VENDOR_SETTINGS = Symbol('VENDOR_SETTINGS');

@Injectable()
class StaffNames {
  constructor(private readonly vendor: VendorClient) {}

  async names(): Promise<string[]> {
    return (await this.vendor.getStaff()).values.map((s) => s.ad_staff_name);
  }
}

describe('VendorClientModule', () => {
  it('forRoot provides one VendorClient that calls the vendor', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [VendorClientModule.forRoot({ baseUrl: sim.baseUrl, appId: sim.appId, appKey: sim.appKey })],
      providers: [StaffNames],
    }).compile();
    expect(await moduleRef.get(StaffNames).names()).toContain('b01');
    expect(moduleRef.get(VendorClient)).toBe(moduleRef.get(VendorClient));
  });

  it('forRootAsync builds the client from injected settings, globally when asked', async () => {
    @Module({
      providers: [
        {
          provide: VENDOR_SETTINGS,
          useValue: { baseUrl: sim.baseUrl, appId: sim.appId, appKey: sim.appKey },
        },
      ],
      exports: [VENDOR_SETTINGS],
    })
    class SettingsModule {}

    @Module({ providers: [StaffNames] })
    class FeatureModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        VendorClientModule.forRootAsync({
          imports: [SettingsModule],
          inject: [VENDOR_SETTINGS],
          useFactory: (settings: { baseUrl: string; appId: string; appKey: string }) => settings,
          isGlobal: true,
        }),
        FeatureModule,
      ],
    }).compile();
    expect(await moduleRef.get(StaffNames).names()).toContain('王秀娟');
  });
});

import { ConfigError } from '@youmi-facade/config';
import { parseSimConfig } from './sim-config';

describe('parseSimConfig', () => {
  it('has the documented defaults', () => {
    expect(parseSimConfig({})).toMatchObject({
      port: 3100,
      host: '127.0.0.1',
      appId: 'demo-app',
      appKey: 'demo-secret',
      dataset: 'seed',
      scale: 1,
      tokenTtlSeconds: 604800,
      latencyMs: 0,
      clockOffsetSeconds: 0,
      faults: [],
      demoCredentials: true,
    });
  });

  it('reads every variable', () => {
    const config = parseSimConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      SIM_APP_ID: 'id',
      SIM_APP_KEY: 'key',
      SIM_DATASET: 'synthetic',
      SIM_SCALE: '0.01',
      SIM_TOKEN_TTL_SECONDS: '60',
      SIM_LATENCY_MS: '20',
      SIM_CLOCK_OFFSET_SECONDS: '-660',
      SIM_FAULTS: '[{"endpoint":"WeCaht","drop":true}]',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      appId: 'id',
      appKey: 'key',
      dataset: 'synthetic',
      scale: 0.01,
      tokenTtlSeconds: 60,
      latencyMs: 20,
      clockOffsetSeconds: -660,
      demoCredentials: false,
    });
    expect(config.faults).toEqual([{ endpoint: 'WeCaht', drop: true }]);
  });

  it.each([
    ['PORT', '3100x'],
    ['SIM_DATASET', 'production'],
    ['SIM_SCALE', '0'],
    ['SIM_SCALE', '51'],
    ['SIM_FAULTS', '{"drop":true}'],
    ['SIM_FAULTS', 'not json'],
    ['SIM_SCALE', 'NaN'],
    ['SIM_TOKEN_TTL_SECONDS', '0'],
    ['SIM_CLOCK_OFFSET_SECONDS', '1.5'],
    ['SIM_CLOCK_OFFSET_SECONDS', '999999999'],
    ['SIM_FAULTS', '[{"endpoint":"nope","drop":true}]'],
  ])('names %s when it is %s', (variable, value) => {
    expect(() => parseSimConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => parseSimConfig({ [variable]: value })).toThrow(new RegExp(`\\n  - ${variable} must`));
  });
});

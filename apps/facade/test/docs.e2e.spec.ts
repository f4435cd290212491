import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useFacade } from './facade-harness';

const ctx = useFacade();

interface Schema {
  description?: string;
  properties?: Record<string, Schema>;
}

describe('docs', () => {
  it('serves Swagger UI at /docs', async () => {
    const response = await ctx.facade.get('/docs');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger-ui');
  });

  it('describes every operation of the API, with the API-key security schemes', async () => {
    const document = (
      await ctx.facade.json<{
        paths: Record<string, unknown>;
        components: { securitySchemes: Record<string, unknown> };
      }>('/docs/openapi.json')
    ).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/operator-accounts',
        '/v1/operator-accounts/{id}',
        '/v1/staff',
        '/v1/staff/{code}',
        '/v1/staff/{code}/operator-accounts',
        '/v1/staff-assignments',
        '/v1/label-categories',
        '/v1/label-categories/{id}',
        '/v1/labels',
        '/v1/labels/{id}',
        '/v1/label-tree',
        '/v1/ad-groups',
        '/v1/ad-groups/{id}',
        '/v1/custom-attributes',
        '/v1/custom-attributes/{id}',
        '/v1/upstream/drift',
        '/health/live',
        '/health/ready',
        '/metrics',
      ]),
    );
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['apiKey', 'bearer']);
  });

  it('describes every field, naming the vendor field', async () => {
    const document = (
      await ctx.facade.json<{ components: { schemas: Record<string, Schema> } }>('/docs/openapi.json')
    ).body;
    const undescribed: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        if (!property.description) undescribed.push(`${name}.${field}`);
      }
    }
    expect(undescribed).toEqual([]);
    const account = document.components.schemas['OperatorAccountDto'].properties ?? {};
    expect(account['wechatId'].description).toContain('ad_wechat_nober');
    expect(account['wechatId'].description).toContain('微信号');
  });

  it('matches the committed apps/facade/openapi.json (run `npm run openapi` after changing the API)', async () => {
    const live = (await ctx.facade.json('/docs/openapi.json')).body;
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
    expect(live).toEqual(committed);
  });
});

describe('operations', () => {
  it('answers liveness and readiness', async () => {
    expect((await ctx.facade.json('/health/live')).body).toMatchObject({ status: 'ok' });
    const ready = await ctx.facade.json('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { vendor: { status: 'up' } } });
  });

  it('exports Prometheus metrics for HTTP requests, vendor calls, cache, circuits and drift', async () => {
    await ctx.facade.get('/v1/operator-accounts');
    await ctx.facade.get('/v1/operator-accounts');
    const response = await ctx.facade.get('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      /facade_http_requests_total\{method="GET",route="\/v1\/operator-accounts",status="200"\} [1-9]/,
    );
    expect(text).toMatch(/facade_vendor_calls_total\{endpoint="WeCaht",outcome="success"\} [1-9]/);
    expect(text).toMatch(
      /facade_vendor_call_duration_seconds_bucket\{le="[\d.]+",endpoint="WeCaht",outcome="success"\}/,
    );
    expect(text).toMatch(/facade_cache_lookups_total\{result="hit"\} [1-9]/);
    expect(text).toMatch(/facade_vendor_circuit_state\{endpoint="WeCaht"\} 0/);
    expect(text).toMatch(/facade_vendor_drift_total\{endpoint="WeCaht",kind="unparseable"\} [1-9]/);
  });

  it('exports the event-loop delay: p50, p99 and max, in which a stall of the loop shows', async () => {
    const scrape = async () => {
      const text = await (await ctx.facade.get('/metrics')).text();
      const seconds = (name: string) =>
        Number(new RegExp(`^nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1]);
      return { p50: seconds('p50'), p99: seconds('p99'), max: seconds('max') };
    };
    await scrape();
    // Holds the loop the facade answers on (it runs in this process) for 200 ms, as a long task would;
    // each scrape reports the delays since the one before, so a stall is looked for in a few of them.
    const seen: Awaited<ReturnType<typeof scrape>>[] = [];
    for (let attempt = 0; attempt < 3 && !seen.some((delay) => delay.max >= 0.15); attempt += 1) {
      const until = performance.now() + 200;
      while (performance.now() < until);
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen.push(await scrape());
    }
    const stalled = seen.find((delay) => delay.max >= 0.15);
    expect(stalled).toBeDefined();
    expect(stalled?.p50).toBeGreaterThan(0);
    expect(stalled?.p99).toBeGreaterThanOrEqual(stalled?.p50 ?? Infinity);
    expect(stalled?.max).toBeGreaterThanOrEqual(stalled?.p99 ?? Infinity);
  });
});

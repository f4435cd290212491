import 'reflect-metadata';
import { ConfigError, loadFacadeConfig } from './config/facade-config';
import { withBundledSimulator } from './bundled-sim/bundled-simulator';
import { createFacadeApp } from './create-app';
import { enableFacadeTracing } from './tracing/facade-tracing';
import { tracingSettings } from './tracing/tracing-settings';

async function main(): Promise<void> {
  let config;
  let tracingWanted;
  try {
    config = loadFacadeConfig(process.env);
    tracingWanted = tracingSettings(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`youmi-facade refused to start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // The SDK is loaded only when tracing is on.
  const tracing = tracingWanted.on
    ? (await import('./tracing/tracing-sdk')).startTracing(tracingWanted)
    : undefined;
  if (tracing) enableFacadeTracing();
  const { config: resolved, simulator } = await withBundledSimulator(config);
  const app = await createFacadeApp(resolved);
  if (tracing)
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', async () => tracing.shutdown());
  if (simulator)
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', async () => simulator.stop());
  await app.listen(resolved.port, resolved.host);
  const port = (app.getHttpServer().address() as { port: number }).port;
  const origin = `http://localhost:${port}`;
  process.stdout.write(
    `youmi-facade listening: API ${origin}/v1  Swagger UI ${origin}/docs  OpenAPI ${origin}/docs/openapi.json\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `youmi-facade failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

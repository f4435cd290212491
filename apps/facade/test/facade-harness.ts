import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { loadFacadeConfig } from '../src/config/facade-config';
import { createFacadeApp } from '../src/create-app';

export interface RunningFacade {
  url: string;
  app: NestFastifyApplication;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  json<T = unknown>(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: T }>;
  close(): Promise<void>;
}

/** The real facade on a free port, wired through the real client to the given simulator. */
export async function startFacade(
  sim: RunningSimulator,
  env: Record<string, string> = {},
): Promise<RunningFacade> {
  const config = loadFacadeConfig({
    UPSTREAM_BASE_URL: sim.baseUrl,
    UPSTREAM_APP_ID: sim.appId,
    UPSTREAM_APP_KEY: sim.appKey,
    LOG_LEVEL: 'silent',
    // Detection reads the vendor on its own schedule: only the change feed's tests turn it on.
    CHANGES_POLL_SECONDS: '0',
    ...env,
  });
  const app = await createFacadeApp(config);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(url + path, { headers });
  return {
    url,
    app,
    get,
    async json<T>(path: string, headers: Record<string, string> = {}) {
      const response = await get(path, headers);
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: (text ? JSON.parse(text) : undefined) as T,
      };
    },
    close: () => app.close(),
  };
}

/** A simulator and a facade over it, for one test file. */
export function useFacade(options: { env?: Record<string, string>; simEnv?: Record<string, string> } = {}) {
  const context = {} as { sim: RunningSimulator; facade: RunningFacade };
  beforeAll(async () => {
    context.sim = await startSimulator({ env: options.simEnv });
    context.facade = await startFacade(context.sim, options.env);
  });
  afterAll(async () => {
    await context.facade?.close();
    await context.sim?.stop();
  });
  return context;
}

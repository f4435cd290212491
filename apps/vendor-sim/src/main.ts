import { ConfigError } from '@youmi-facade/config';
import { parseSimConfig, type SimConfig } from './sim-config';
import { createSimulator, urlHost, type Simulator } from '@youmi-facade/vendor-sim';

let simulator: Simulator | undefined;
let stopping = false;

// Registered before anything is printed: a supervisor may signal the moment it reads the start line.
function stop(): void {
  if (stopping) return;
  stopping = true;
  if (!simulator) process.exit(0);
  void simulator.close().then(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

function readConfig(): SimConfig {
  try {
    return parseSimConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`vendor-sim: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  simulator = createSimulator({
    appId: config.appId,
    appKey: config.appKey,
    dataset: config.dataset,
    scale: config.scale,
    seed: config.seed,
    tokenTtlSeconds: config.tokenTtlSeconds,
    latencyMs: config.latencyMs,
    clockOffsetSeconds: config.clockOffsetSeconds,
    faults: config.faults,
  });
  let address;
  try {
    address = await simulator.listen(config.port, config.host);
  } catch (error) {
    process.stderr.write(
      `vendor-sim: cannot listen on ${urlHost(config.host)}:${config.port} (check PORT and HOST): ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  if (stopping) return void simulator.close().then(() => process.exit(0));

  // Tests and scripts wait for this exact line to learn the port.
  process.stdout.write(
    `vendor-sim listening on ${address.baseUrl} (dataset=${config.dataset}, AppId=${config.appId})\n`,
  );
  if (config.demoCredentials) {
    process.stdout.write(
      `vendor-sim: demo credentials, for trying it out only: AppId=${config.appId} appkey=${config.appKey} (set SIM_APP_ID and SIM_APP_KEY to change them)\n`,
    );
  }
}

void main();

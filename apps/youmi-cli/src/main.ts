import { Command, InvalidArgumentError, Option } from 'commander';
import { explainVendorFailure, VendorError } from '@youmi-facade/vendor-client';
import { runDoctor } from './doctor';
import { GET_RESOURCES, getResource, GetUsageError, type GetResource } from './get';
import { readSettings, SettingsError, type UpstreamFlags } from './settings';
import { readSyncSettings, type SyncFlags } from './sync/sync-settings';
import { SyncRunner } from './sync/sync-runner';
import { openVendor, type Vendor } from './vendor';

/** Exit codes: 0 done, 1 a check failed or the vendor refused, 2 a usage or setting error. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const stdout = (text: string) => process.stdout.write(text);
const stderr = (line: string) => process.stderr.write(`youmi: ${line}\n`);

function positiveInteger(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('must be a whole number of 1 or more');
  return Number(value);
}

/** The vendor options every command takes, each falling back to the facade's variable of the same meaning. */
function withVendorOptions(command: Command): Command {
  return command
    .option(
      '--base-url <url>',
      'the vendor root, e.g. http://HOST:5001/publicapi/v1/ (default: UPSTREAM_BASE_URL; unset: the bundled simulator)',
    )
    .option('--app-id <id>', 'the vendor AppId (default: UPSTREAM_APP_ID)')
    .option(
      '--app-key <key>',
      'the vendor appkey (default: UPSTREAM_APP_KEY; prefer the variable, a flag shows in the process list)',
    )
    .option('--timeout-ms <ms>', 'per vendor call (default: UPSTREAM_TIMEOUT_MS or 5000)');
}

/** Opens the vendor for one command, runs it, and always closes what was opened. */
async function withVendor(
  flags: UpstreamFlags,
  run: (vendor: Vendor, timeoutMs: number) => Promise<number>,
): Promise<number> {
  let settings;
  try {
    settings = readSettings(flags, process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      stderr(error.message);
      return EXIT.usage;
    }
    throw error;
  }
  const vendor = await openVendor(settings, stderr);
  try {
    return await run(vendor, settings.timeoutMs);
  } finally {
    await vendor.close();
  }
}

const program = new Command('youmi')
  .description(
    "The operators' command line for the Youmi (友米聚合) basic-data API: check a vendor connection, read its data, mirror it into PostgreSQL.",
  )
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

withVendorOptions(
  program
    .command('doctor')
    .description(
      'Check, in order, that the vendor URL answers, a token is obtained (AppId and appkey right), a signed call is accepted, ' +
        'the clocks agree, and each basic-data endpoint answers (record counts and drift). Exit code 0 only when every check passes.',
    ),
).action(async (flags: UpstreamFlags) => {
  process.exitCode = await withVendor(flags, async (vendor, timeoutMs) => {
    stdout(
      `youmi doctor: ${vendor.baseUrl} as AppId ${vendor.appId}${vendor.simulated ? ' (bundled simulator)' : ''}\n`,
    );
    return (await runDoctor(vendor, (line) => stdout(`${line}\n`), timeoutMs)) ? EXIT.ok : EXIT.failed;
  });
});

withVendorOptions(
  program
    .command('get')
    .description('Print the cleaned records of one resource, with the field names and order of the REST API.')
    .addArgument(program.createArgument('<resource>', 'what to read').choices(GET_RESOURCES))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .addOption(new Option('--limit <n>', 'print the first n records only').argParser(positiveInteger))
    .addOption(
      new Option('--kind <kind>', 'operator-accounts of one kind only').choices(['wechat', 'wecom']),
    ),
).action(
  async (
    resource: GetResource,
    flags: UpstreamFlags & { format: 'json' | 'csv'; limit?: number; kind?: 'wechat' | 'wecom' },
  ) => {
    process.exitCode = await withVendor(flags, async (vendor) => {
      try {
        stdout(
          await getResource(
            vendor,
            resource,
            { format: flags.format, limit: flags.limit, kind: flags.kind },
            stderr,
          ),
        );
        return EXIT.ok;
      } catch (error) {
        if (error instanceof GetUsageError) {
          stderr(error.message);
          return EXIT.usage;
        }
        if (error instanceof VendorError) {
          stderr(explainVendorFailure(error).text);
          return EXIT.failed;
        }
        throw error;
      }
    });
  },
);

program
  .command('sync')
  .description(
    "Mirror the facade's basic data into PostgreSQL tables and keep them current with its change feed: a first load " +
      '(every list), then every change, each batch in one transaction with the feed cursor. Follows the live stream ' +
      'until stopped (Ctrl-C), or with --once catches up to the end of the feed and exits.',
  )
  .option('--facade-url <url>', 'the facade, e.g. http://localhost:3000 (default: YOUMI_FACADE_URL)')
  .option(
    '--api-key <key>',
    'an API key of the facade (default: FACADE_API_KEY; prefer the variable, a flag shows in the process list)',
  )
  .option('--database-url <url>', 'postgres://USER:PASSWORD@HOST:5432/DATABASE (default: DATABASE_URL)')
  .option('--schema <name>', 'the schema that holds the tables, created when missing (default: youmi)')
  .option('--once', 'catch up to the end of the feed and exit, instead of following it')
  .action(async (flags: SyncFlags) => {
    let settings;
    try {
      settings = readSyncSettings(flags, process.env);
    } catch (error) {
      if (error instanceof SettingsError) {
        stderr(error.message);
        process.exitCode = EXIT.usage;
        return;
      }
      throw error;
    }
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    try {
      const runner = new SyncRunner(settings, {
        info: (line) => stdout(`${line}\n`),
        warn: stderr,
        progress: process.stderr.isTTY === true,
      });
      process.exitCode = await runner.run(stop.signal);
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  // Commander has already printed its own usage errors and the help.
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  if (typeof code === 'number') {
    process.exitCode = code === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  stderr(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = EXIT.failed;
});

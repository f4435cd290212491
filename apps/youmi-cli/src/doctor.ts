import type { DriftRecord } from '@youmi-facade/domain';
import { ANSWER_MAPPERS, VENDOR_READS, type VendorRead } from '@youmi-facade/mapping';
import {
  describeClockOffset,
  explainVendorFailure,
  VENDOR_ENDPOINTS,
  type VendorFailureCheck,
} from '@youmi-facade/vendor-client';
import type { Vendor } from './vendor';

/** Past this offset the vendor starts refusing requests only a few minutes later: worth fixing now. */
const CLOCK_TOLERANCE_MS = 60_000;

const CHECK: Record<VendorFailureCheck, string> = {
  credentials: 'check UPSTREAM_APP_ID and UPSTREAM_APP_KEY (or --app-id and --app-key)',
  clock: "check the host's clock",
  network: 'check UPSTREAM_BASE_URL (or --base-url) and the network',
  vendor: 'the vendor failed to answer as documented',
};

class CheckFailed extends Error {}
class Skipped extends Error {}

interface Check {
  name: string;
  /** Answers the detail of a pass; throws CheckFailed (with the cause) or Skipped. */
  run(): Promise<string>;
}

function failure(error: unknown): CheckFailed {
  const { text, check } = explainVendorFailure(error);
  return new CheckFailed(`${text}; ${CHECK[check]}`);
}

/**
 * Checks, in order, what a deployment needs from the vendor: the URL answers, a token is obtained, a
 * signed call is accepted, the clocks agree, and each basic-data endpoint answers (with its record count
 * and drift). Prints ✓/✗ per check with a one-line cause; true only when every check passed.
 */
export async function runDoctor(
  vendor: Vendor,
  print: (line: string) => void,
  timeoutMs: number,
): Promise<boolean> {
  const { client } = vendor;
  let reachable = false;
  let token = false;
  const checks: Check[] = [
    {
      name: 'the vendor URL answers',
      run: async () => {
        const started = performance.now();
        try {
          const response = await fetch(vendor.baseUrl, { signal: AbortSignal.timeout(timeoutMs) });
          await response.arrayBuffer();
          reachable = true;
          return `HTTP ${response.status} from ${vendor.baseUrl} in ${Math.round(performance.now() - started)} ms`;
        } catch (error) {
          const cause =
            error instanceof Error && error.name === 'TimeoutError'
              ? `no answer within ${timeoutMs} ms`
              : networkCause(error);
          throw new CheckFailed(`cannot reach ${vendor.baseUrl}: ${cause}; ${CHECK.network}`);
        }
      },
    },
    {
      name: 'a token is obtained (AppId and appkey)',
      run: async () => {
        if (!reachable) throw new Skipped('the vendor cannot be reached');
        try {
          const { tokenExpiresAt } = await client.connect();
          token = true;
          return `the vendor accepts AppId ${vendor.appId} and its appkey; the token is valid until ${tokenExpiresAt === null ? 'an expiry it did not give' : new Date(tokenExpiresAt).toISOString()}`;
        } catch (error) {
          throw failure(error);
        }
      },
    },
    {
      name: 'a signed call is accepted',
      run: async () => {
        if (!token) throw new Skipped('no token');
        try {
          const answer = await client.getLabelCategories();
          return `GET ${VENDOR_ENDPOINTS.labelCategories.path} answered (${count(answer.values.length, 'record')})`;
        } catch (error) {
          throw failure(error);
        }
      },
    },
    {
      name: "our clock agrees with the vendor's",
      run: async () => {
        const { offsetMs, correcting } = client.clock();
        if (offsetMs === null) throw new Skipped("no answer carried the vendor's time");
        const offset = describeClockOffset(offsetMs);
        if (Math.abs(offsetMs) > CLOCK_TOLERANCE_MS) {
          throw new CheckFailed(
            `${offset}: the vendor refuses requests more than 10 minutes old${correcting ? ' (calls were repeated signed with its time)' : ''}; ${CHECK.clock}`,
          );
        }
        return offset;
      },
    },
    ...Object.values(VENDOR_READS).map((read): Check => ({
      name: `${describeRead(read)} answers`,
      run: async () => {
        if (!token) throw new Skipped('no token');
        let values: unknown[];
        try {
          values = (await client.call(read.endpoint, { query: read.query, body: read.body })).values;
        } catch (error) {
          throw failure(error);
        }
        const drift: DriftRecord[] = [];
        ANSWER_MAPPERS[read.endpoint](values, (record) => drift.push(record));
        return `${count(values.length, 'record')}, ${describeDrift(drift)}`;
      },
    })),
  ];

  let passed = 0;
  for (const check of checks) {
    try {
      print(`✓ ${check.name} — ${await check.run()}`);
      passed += 1;
    } catch (error) {
      if (error instanceof Skipped) print(`– ${check.name} — skipped: ${error.message}`);
      else
        print(
          `✗ ${check.name} — ${error instanceof CheckFailed ? error.message : explainVendorFailure(error).text}`,
        );
    }
  }
  const ok = passed === checks.length;
  print(
    ok
      ? `all ${checks.length} checks passed`
      : `${checks.length - passed} of ${checks.length} checks did not pass`,
  );
  return ok;
}

function describeRead(read: VendorRead): string {
  const { method, path } = VENDOR_ENDPOINTS[read.endpoint];
  const parameters = Object.entries({ ...read.query, ...read.body }).map(
    ([name, value]) => `${name}=${value}`,
  );
  return `${method} ${path}${parameters.length > 0 ? ` (${parameters.join(', ')})` : ''}`;
}

function describeDrift(drift: readonly DriftRecord[]): string {
  if (drift.length === 0) return 'no drift';
  const counts = new Map<string, number>();
  for (const record of drift)
    counts.set(`${record.field} ${record.kind}`, (counts.get(`${record.field} ${record.kind}`) ?? 0) + 1);
  const listed = [...counts].slice(0, 4).map(([what, n]) => `${what} ×${n}`);
  return `drift: ${listed.join(', ')}${counts.size > 4 ? `, and ${counts.size - 4} more` : ''}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

import { Controller, Get, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access-rule';
import {
  describeClockOffset,
  type VendorConnectionStatus,
  type VendorReachability,
} from '@youmi-facade/vendor-client';
import { problem, ProblemException } from '../problem/problem';
import { VendorResourcesService } from '../upstream/vendor-resources.service';
import { VendorConnectionMonitor } from '../upstream/vendor-connection.monitor';

/** How long a readiness probe waits for a fresh token request while the vendor is not known to accept us. */
const RECHECK_WAIT_MS = 2_000;

@Public()
@ApiTags('operations')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly upstream: VendorResourcesService,
    private readonly connection: VendorConnectionMonitor,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Liveness: 200 while the process runs',
    description: '200 while the process runs; for a liveness probe. Query parameters are ignored.',
  })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    operationId: 'getReadiness',
    summary:
      'Readiness: 200 when the vendor accepts our credentials and is reachable, or every resource has a cached copy; else 503',
    description:
      'The body names the cause of a 503: credentials refused (errmsg and its meaning), timestamps refused (how far apart the clocks are), or the vendor unreachable. It always carries the clock offset to the vendor.',
  })
  @ApiResponse({
    status: 503,
    description:
      'Not ready: the vendor refuses our credentials or timestamps, or cannot be reached, and not every resource is cached. `checks.vendor.cause` says which.',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  })
  async ready() {
    try {
      return await this.health.check([() => this.vendor()]);
    } catch (error) {
      throw notReady(error);
    }
  }

  private async vendor() {
    const session = this.indicators.check('vendor');
    if (this.connection.status().state !== 'ok') await this.connection.recheck(RECHECK_WAIT_MS);
    const status = this.connection.status();
    const reachability = this.upstream.vendorReachability();
    const { offsetMs } = this.upstream.vendorClock();
    const details = {
      connection: status.state,
      reachable: reachability.reachable,
      clock: {
        offsetSeconds: offsetMs === null ? null : Math.round(offsetMs / 1000),
        description: describeClockOffset(offsetMs),
      },
      ...(status.refusal ? { refusal: status.refusal } : {}),
    };
    if (status.state === 'ok' && reachability.reachable) return session.up(details);
    const cause = causeOf(status, reachability, offsetMs);
    if (await this.upstream.everyResourceCached())
      return session.up({ ...details, servedFromCache: true, cause });
    return session.down({
      ...details,
      cause,
      openCircuits: reachability.openCircuits,
      lastCallFailedOnNetwork: reachability.lastCallFailedOnNetwork,
    });
  }
}

/** Terminus's 503 as a problem whose detail is the cause, the line a person reads first. */
function notReady(error: unknown): unknown {
  if (!(error instanceof ServiceUnavailableException)) return error;
  const checks = (error.getResponse() as { details?: { vendor?: { cause?: string } } }).details;
  const cause = checks?.vendor?.cause ?? 'a readiness check failed';
  return new ProblemException(problem(503, 'service-unavailable', `Not ready: ${cause}.`, { checks }));
}

function causeOf(
  status: VendorConnectionStatus,
  reachability: VendorReachability,
  offsetMs: number | null,
): string {
  const refusal = status.refusal ? `errmsg ${status.refusal.code}, ${status.refusal.meaning}` : '';
  switch (status.state) {
    case 'credentials-refused':
      return `credentials refused: ${refusal}; check UPSTREAM_APP_ID and UPSTREAM_APP_KEY`;
    case 'clock-refused':
      return `timestamps refused: ${refusal}; ${describeClockOffset(offsetMs)}`;
    case 'unreachable':
      return `the vendor is unreachable (${status.failure?.kind ?? 'network'} on ${status.failure?.endpoint ?? 'a call'})`;
    case 'unknown':
      return 'the vendor has not answered yet';
    default:
      return reachability.openCircuits.length > 0
        ? `calls to ${reachability.openCircuits.join(', ')} are suspended after repeated failures (circuit open)`
        : 'the latest vendor call failed on the network';
  }
}

import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access-rule';
import { describeClockOffset, type VendorConnectionStatus } from '@youmi-facade/vendor-client';
import { UpstreamService } from '../upstream/upstream.service';
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
    private readonly upstream: UpstreamService,
    private readonly connection: VendorConnectionMonitor,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: 200 while the process runs' })
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
  ready() {
    return this.health.check([() => this.vendor()]);
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
    if (await this.upstream.everyResourceCached())
      return session.up({ ...details, servedFromCache: true, cause: causeOf(status, offsetMs) });
    return session.down({
      ...details,
      cause: causeOf(status, offsetMs),
      openCircuits: reachability.openCircuits,
      lastCallFailedOnNetwork: reachability.lastCallFailedOnNetwork,
    });
  }
}

/** The one line a person reads first on a 503. */
function causeOf(status: VendorConnectionStatus, offsetMs: number | null): string {
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
      return 'a vendor circuit is open after repeated failures';
  }
}

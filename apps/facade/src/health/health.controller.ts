import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UpstreamService } from '../upstream/upstream.service';

@ApiTags('operations')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly upstream: UpstreamService,
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
    summary: 'Readiness: 200 when the vendor is reachable or every resource has a cached copy, else 503',
  })
  ready() {
    return this.health.check([() => this.vendor()]);
  }

  private async vendor() {
    const session = this.indicators.check('vendor');
    const reachability = this.upstream.vendorReachability();
    if (reachability.reachable) return session.up({ reachable: true });
    if (await this.upstream.everyResourceCached())
      return session.up({ reachable: false, servedFromCache: true });
    return session.down({
      reachable: false,
      openCircuits: reachability.openCircuits,
      lastCallFailedOnNetwork: reachability.lastCallFailedOnNetwork,
    });
  }
}

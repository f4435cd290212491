import type { Provider } from '@nestjs/common';
import type Redis from 'ioredis';
import { FACADE_CONFIG } from '../../config/facade-config.module';
import type { FacadeConfig } from '../../config/facade-config';
import { REDIS } from '../../redis/redis.module';
import { leaseMsFor } from '../lease';
import { memoryChangePorts, redisChangePorts, type ChangePorts } from './change-port-sets';

export const DETECTION_LEASE = Symbol('DETECTION_LEASE');
export const SNAPSHOT_STORE = Symbol('SNAPSHOT_STORE');
export const EVENT_FEED_STORE = Symbol('EVENT_FEED_STORE');
export const DELIVERY_POSITIONS = Symbol('DELIVERY_POSITIONS');
const CHANGE_PORTS = Symbol('CHANGE_PORTS');

/**
 * The feed in Redis when REDIS_URL is set (shared, surviving restarts), else in memory; each port its token.
 */
export const changePortsProviders: Provider[] = [
  {
    provide: CHANGE_PORTS,
    inject: [FACADE_CONFIG, REDIS],
    useFactory: (config: FacadeConfig, redis: Redis | null): ChangePorts => {
      if (!redis) return memoryChangePorts(config.changesRetention);
      // Its own connection, with room for a large first snapshot in one script.
      return redisChangePorts(redis.duplicate({ commandTimeout: 10_000 }), {
        prefix: `${config.redisKeyPrefix}changes:`,
        retention: config.changesRetention,
        leaseMs: leaseMsFor(config.changesPollSeconds),
      });
    },
  },
  { provide: DETECTION_LEASE, inject: [CHANGE_PORTS], useFactory: (ports: ChangePorts) => ports.lease },
  { provide: SNAPSHOT_STORE, inject: [CHANGE_PORTS], useFactory: (ports: ChangePorts) => ports.snapshots },
  { provide: EVENT_FEED_STORE, inject: [CHANGE_PORTS], useFactory: (ports: ChangePorts) => ports.feed },
  {
    provide: DELIVERY_POSITIONS,
    inject: [CHANGE_PORTS],
    useFactory: (ports: ChangePorts) => ports.positions,
  },
];

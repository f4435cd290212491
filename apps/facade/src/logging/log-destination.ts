import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pino from 'pino';

export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
export type LogDestination = ReturnType<typeof pino.destination>;

/** stdout, written in batches of at least 4 KiB instead of one system call per line. */
export function logDestination(): LogDestination {
  return pino.destination({ dest: 1, sync: false, minLength: 4096 });
}

/** Writes out what is still buffered when the app closes (SIGTERM included), so no line is lost. */
@Injectable()
export class LogFlusher implements OnApplicationShutdown {
  constructor(@Inject(LOG_DESTINATION) private readonly destination: LogDestination) {}

  onApplicationShutdown(): void {
    try {
      this.destination.flushSync();
    } catch {
      // A write already in flight finishes on its own; there is nothing more to flush.
    }
  }
}

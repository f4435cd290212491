import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pino from 'pino';

export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
export type LogDestination = ReturnType<typeof pino.destination>;

/** stdout, written in batches of at least 4 KiB instead of one system call per line. */
export function logDestination(): LogDestination {
  return pino.destination({ dest: 1, sync: false, minLength: 4096 });
}

/**
 * Writes out what is buffered at least every second, so a quiet facade's lines show up at once too,
 * and when the app closes (SIGTERM included), so no line is lost.
 */
@Injectable()
export class LogFlusher implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(LOG_DESTINATION) private readonly destination: LogDestination) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      try {
        this.destination.flush();
      } catch {
        // Not ready or already writing: the next tick flushes.
      }
    }, 1000).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    try {
      this.destination.flushSync();
    } catch {
      // A write already in flight finishes on its own; there is nothing more to flush.
    }
  }
}

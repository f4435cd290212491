import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pino from 'pino';
import type { DestinationStream } from 'pino';

export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

const CHUNK_CHARS = 8 * 1024;
const open = new Set<LogDestination>();
let flushingAtExit = false;

/**
 * stdout for the log lines, written asynchronously in chunks of about 8 KiB, handed to pino's writer
 * (sonic-boom) a chunk at a time: not `minLength`, as sonic-boom measures its growing buffer on every
 * line (docs/benchmarks.md, step 5). Written out every second, at shutdown, and at process exit.
 */
export class LogDestination implements DestinationStream {
  private pending: string[] = [];
  private size = 0;
  /** Bytes handed to the writer that it has not written yet. */
  private unwritten = 0;

  constructor(private readonly out = pino.destination({ dest: 1, sync: false })) {
    out.on('write', (bytes: number) => (this.unwritten -= bytes));
    open.add(this);
    if (!flushingAtExit) {
      flushingAtExit = true;
      process.once('exit', () => open.forEach((destination) => destination.flushQuietly()));
    }
  }

  write(line: string): boolean {
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= CHUNK_CHARS) this.handOver();
    return true;
  }

  flush(): void {
    this.handOver();
    this.out.flush();
  }

  flushSync(): void {
    this.handOver();
    this.out.flushSync();
  }

  /**
   * Writes out what is left and waits (up to `withinMs`) until the writer has written it: a process
   * stopped by a signal exits right after closing, and a write still under way would be lost.
   */
  async close(withinMs = 2000): Promise<void> {
    open.delete(this);
    this.handOver();
    if (this.unwritten <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, withinMs);
      timer.unref();
      this.out.once('drain', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private flushQuietly(): void {
    try {
      this.flushSync();
    } catch {
      // At exit there is nobody left to tell.
    }
  }

  private handOver(): void {
    if (this.size === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    this.unwritten += Buffer.byteLength(chunk);
    this.out.write(chunk);
  }
}

/**
 * Writes out what is gathered at least every second, so a quiet facade's lines show up at once too,
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

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.destination.close();
  }
}

import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { DriftRecord } from '@youmi-facade/domain';
import { RESOURCES, type ResourceName } from '@youmi-facade/mapping';
import { VendorClient, type VendorCallEvent } from '@youmi-facade/vendor-client';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FACADE_CONFIG } from '../../config/facade-config.module';
import type { FacadeConfig } from '../../config/facade-config';
import { joinParts, type AnswerPart } from './answer-parts';
import { applyPatch } from './array-patch';
import { DetectionPoller, type DetectionWorkerData, type PollAnswer } from './detection-poller';

/** The script the build emits beside main.js for the detection thread. */
const WORKER_SCRIPT = join(__dirname, 'detection-worker.js');

/** A vendor read as of the latest poll: its values (the same array while unchanged), or the failure. */
export interface DetectedRead {
  values: unknown[];
  /** Set when the values are new: what their mapping found unexpected, each with its count. */
  drift?: [DriftRecord, number][];
}

/** A resource's records as of the latest poll; for a keyed resource, each record's key and JSON text. */
export interface DetectedResource {
  records: unknown[];
  keys?: string[];
  texts?: string[];
  /**
   * For a keyed resource that changed since the previous poll: the records that changed or appeared, and the
   * keys gone.
   */
  changes?: { upserts: [string, string][]; removed: string[] };
}

export interface Detection {
  reads: Map<string, DetectedRead | Error>;
  resources: Map<ResourceName, DetectedResource | Error>;
  staffCodesChanged: string[];
  calls: VendorCallEvent[];
}

/** The lease went (or the thread was stopped) while a poll ran: its answer is dropped. */
export class DetectionForgotten extends Error {}

interface DetectionPort {
  poll(): Promise<PollAnswer>;
  close(): Promise<void>;
}

/**
 * The detection thread seen from the thread that answers requests: its answers are patches to the
 * previous ones, applied here to the lists kept from them, so that only what changed crosses over.
 * Without the built script (running from sources, as in tests) the same poller runs in this thread.
 */
@Injectable()
export class DetectionThread implements OnModuleDestroy {
  private port: DetectionPort | undefined;
  private readonly reads = new Map<string, unknown[]>();
  private readonly resources = new Map<ResourceName, DetectedResource>();

  constructor(@Inject(FACADE_CONFIG) private readonly config: FacadeConfig) {}

  /** Whether detection runs in a thread of its own (the built facade) or in this one. */
  get threaded(): boolean {
    return existsSync(WORKER_SCRIPT);
  }

  /**
   * One poll of `names`, every vendor read once. Rejects with DetectionForgotten when forgotten meanwhile.
   */
  async poll(names: readonly ResourceName[]): Promise<Detection> {
    const port = (this.port ??= this.open([...names]));
    let answer: PollAnswer;
    try {
      answer = await port.poll();
    } catch (error) {
      if (this.port !== port) throw new DetectionForgotten('the detection thread was stopped');
      // The thread failed: it starts again with nothing held, as this side does.
      this.forget();
      throw error;
    }
    if (this.port !== port) throw new DetectionForgotten('the detection thread was stopped');
    try {
      return this.apply(answer);
    } catch (error) {
      // Both sides out of step: both start again from nothing.
      this.forget();
      throw error;
    }
  }

  /** Stops the thread and drops the lists kept for detection (another instance detects now). */
  forget(): void {
    void this.port?.close();
    this.port = undefined;
    this.reads.clear();
    this.resources.clear();
  }

  onModuleDestroy(): void {
    this.forget();
  }

  private apply(answer: PollAnswer): Detection {
    const reads = new Map<string, DetectedRead | Error>();
    for (const read of answer.reads) {
      if (read.status === 'failed') reads.set(read.key, new Error(read.failure));
      else if (read.status === 'same') reads.set(read.key, { values: this.heldRead(read.key) });
      else {
        const values = applyPatch(this.reads.get(read.key), read.patch);
        this.reads.set(read.key, values);
        reads.set(read.key, { values, drift: read.drift });
      }
    }
    const resources = new Map<ResourceName, DetectedResource | Error>();
    for (const resource of answer.resources) {
      if (resource.status === 'failed') {
        resources.set(resource.name, new Error(`${resource.name}: a vendor read failed`));
        continue;
      }
      const held = this.resources.get(resource.name);
      if (resource.status === 'same') {
        if (!held) throw new Error(`${resource.name} is unchanged, but was never received`);
        resources.set(resource.name, { ...held, changes: undefined });
        continue;
      }
      const records = applyPatch(held?.records, resource.patch);
      const built: DetectedResource = { records };
      const texts = resource.addedTexts;
      if (texts) {
        const keyOf = (RESOURCES[resource.name] as { keyOf: (record: unknown) => string }).keyOf;
        const addedKeys = resource.patch.added.map(keyOf);
        built.keys = applyPatch(held?.keys, { refs: resource.patch.refs, added: addedKeys });
        built.texts = applyPatch(held?.texts, { refs: resource.patch.refs, added: texts });
        if (resource.removedKeys)
          built.changes = {
            upserts: addedKeys.map((key, i) => [key, texts[i]]),
            removed: resource.removedKeys,
          };
      }
      this.resources.set(resource.name, built);
      resources.set(resource.name, built);
    }
    return { reads, resources, staffCodesChanged: answer.staffCodesChanged, calls: answer.calls };
  }

  private heldRead(key: string): unknown[] {
    const values = this.reads.get(key);
    if (!values) throw new Error(`${key} is unchanged, but was never received`);
    return values;
  }

  private open(names: ResourceName[]): DetectionPort {
    const data: DetectionWorkerData = {
      client: {
        baseUrl: this.config.upstreamBaseUrl as string,
        appId: this.config.upstreamAppId as string,
        appKey: this.config.upstreamAppKey as string,
        timeoutMs: this.config.upstreamTimeoutMs,
      },
      names,
    };
    if (!this.threaded) {
      const poller = new DetectionPoller(new VendorClient(data.client), names);
      return { poll: () => poller.poll(), close: async () => undefined };
    }
    // A young generation large enough for a poll's parsed answers: fewer of them copied by the collector.
    const resourceLimits = { maxYoungGenerationSizeMb: 128 };
    return workerPort(new Worker(WORKER_SCRIPT, { workerData: data, resourceLimits }));
  }
}

function workerPort(worker: Worker): DetectionPort {
  let pending: { resolve: (answer: PollAnswer) => void; reject: (error: Error) => void } | undefined;
  let exited: Error | undefined;
  const settle = (outcome: { answer?: PollAnswer; error?: Error }) => {
    const waiting = pending;
    pending = undefined;
    if (outcome.answer) waiting?.resolve(outcome.answer);
    else waiting?.reject(outcome.error ?? new Error('the detection thread answered nothing'));
  };
  let parts: AnswerPart[] = [];
  worker.on('message', (message: { part?: AnswerPart; answer?: PollAnswer; error?: string }) => {
    // One part decoded at a time, the requests waiting meanwhile answered before the next is asked for.
    if (message.part) {
      parts.push(message.part);
      setImmediate(() => worker.postMessage('next'));
      return;
    }
    const received = parts;
    parts = [];
    settle(
      message.answer ? { answer: joinParts(message.answer, received) } : { error: new Error(message.error) },
    );
  });
  worker.on('error', (error) => settle({ error }));
  worker.on('exit', (code) => {
    exited = new Error(`the detection thread exited with code ${code}`);
    settle({ error: exited });
  });
  // Only a poll waiting for it keeps the process up.
  worker.unref();
  return {
    poll: () =>
      new Promise<PollAnswer>((resolve, reject) => {
        if (exited) return reject(exited);
        pending = { resolve, reject };
        worker.ref();
        worker.postMessage('poll');
      }).finally(() => worker.unref()),
    close: async () => {
      await worker.terminate();
    },
  };
}

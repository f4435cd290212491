import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { VendorClient } from '@youmi-facade/vendor-client';
import { DetectionPoller, transferablesOf, type DetectionWorkerData } from './detection-poller';

// The detection thread's entry (a bundle of its own beside main.js): one poll per message.
/** Detection is background work: the thread that answers requests goes first when both want the CPU. */
function lowerThisThreadsPriority(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
  } catch {
    // Not Linux: the thread keeps the process's priority.
  }
}

if (parentPort) {
  lowerThisThreadsPriority();
  const port = parentPort;
  const data = workerData as DetectionWorkerData;
  const poller = new DetectionPoller(new VendorClient(data.client), data.names);
  port.on('message', () => {
    poller.poll().then(
      (answer) => port.postMessage({ answer }, transferablesOf(answer)),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

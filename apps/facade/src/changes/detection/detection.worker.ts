import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { VendorClient } from '@youmi-facade/vendor-client';
import { partsOf, type AnswerPart } from './answer-parts';
import {
  DetectionPoller,
  transferablesOf,
  type DetectionWorkerData,
  type PollAnswer,
} from './detection-poller';

// The detection thread's entry (a bundle of its own beside main.js): one poll per 'poll' message, its
// answer sent in parts, the next one each time the other side asks for it.
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
  let parts: AnswerPart[] = [];
  let rest: PollAnswer | undefined;
  const sendNext = () => {
    const part = parts.shift();
    if (part) return port.postMessage({ part });
    if (rest) port.postMessage({ answer: rest }, transferablesOf(rest));
    rest = undefined;
  };
  port.on('message', (message: 'poll' | 'next') => {
    if (message === 'next') return sendNext();
    poller.poll().then(
      (answer) => {
        ({ parts, rest } = partsOf(answer));
        sendNext();
      },
      (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

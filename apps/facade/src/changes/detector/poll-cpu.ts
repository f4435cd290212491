import { readFileSync } from 'node:fs';
import type { ChangeMetrics } from '../change-metrics';

/** Starts measuring a poll's CPU time; the function returned records it (all threads, and this one's). */
export function measurePollCpu(metrics: ChangeMetrics): () => void {
  const cpu = process.cpuUsage();
  const mainThread = threadCpuNs();
  return () => {
    const used = process.cpuUsage(cpu);
    metrics.pollCpu((used.user + used.system) / 1e6);
    const mainThreadUsed = threadCpuNs() - mainThread;
    if (!Number.isNaN(mainThreadUsed)) metrics.pollMainThreadCpu(mainThreadUsed / 1e9);
  };
}

/**
 * This thread's CPU time in nanoseconds where Linux tells it (the process's alone covers every thread); else
 * NaN.
 */
function threadCpuNs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

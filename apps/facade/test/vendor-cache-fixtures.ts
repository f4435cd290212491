/** A fresh copy's life and how long an expired one may be answered, in the cache specs. */
export const TTL = 60_000;
export const STALE = 3_600_000;

/** A vendor load the test answers when it wants, counting how often it was asked. */
export function vendor() {
  const pending: { resolve: (values: unknown[]) => void; reject: (error: Error) => void }[] = [];
  const load = jest.fn(() => new Promise<unknown[]>((resolve, reject) => pending.push({ resolve, reject })));
  return {
    load,
    answer: (values: unknown[]) => pending.shift()?.resolve(values),
    fail: (message = 'vendor down') => pending.shift()?.reject(new Error(message)),
  };
}

/** Lets promise callbacks that are already due run, without waiting for any timer. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));

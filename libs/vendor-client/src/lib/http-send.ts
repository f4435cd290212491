import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A request to the vendor: its method, headers and (for a POST) JSON text. */
export interface VendorHttpRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface VendorHttpAnswer {
  status: number;
  /** The body as it came off the socket, not joined: an answer known by its fingerprint never is. */
  chunks: Buffer[];
}

/**
 * Sends one request over node:http(s) and reads the answer's body to its end; rejects on a network failure,
 * an
 * answer cut short, or `signal` aborting. Not fetch: its web streams cost more CPU per byte on the
 * multi-megabyte lists that change detection reads every poll (docs/benchmarks.md, *Vendor transport*).
 */
export function sendToVendor(
  url: string,
  request: VendorHttpRequest,
  signal: AbortSignal,
): Promise<VendorHttpAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers =
      request.body === undefined
        ? request.headers
        : { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) };
    const outgoing = send(target, { method: request.method, headers, signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      // An answer cut short ends here too: Node emits no 'error' on it without a listener.
      response.on('close', () => {
        if (!response.complete) reject(new Error('the answer ended before its last byte'));
        else resolve({ status: response.statusCode ?? 0, chunks });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

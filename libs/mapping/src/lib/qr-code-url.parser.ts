import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';

const HTTP_URL = /^https?:\/\/\S/i;

/**
 * Kept only when it is an http(s) URL, so a consumer can put it straight into an `<img src>`;
 * placeholders such as the seed's "二维码" become null (with drift), empty text silently.
 */
export function readQrCodeUrl(value: unknown, field: string, ctx: DriftContext): string | null {
  if (typeof value === 'string') {
    const url = value.trim();
    if (url === '') return null;
    if (HTTP_URL.test(url)) return url;
    report(ctx, field, 'unparseable', value);
    return null;
  }
  if (value !== null && value !== undefined) report(ctx, field, 'wrong-type', value);
  return null;
}

import { Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AccessRule } from '../../access/access-rule';
import { ChangedData } from '../../changes/changed-data';

/** An answer as bytes, with the headers it goes out with; kept per URL and format. */
export interface RenderedAnswer {
  version: string;
  /** Bytes, not a string: a string would be encoded to UTF-8 again on every send. */
  body: Buffer;
  headers: Readonly<Record<string, string>>;
  etag: string;
  /** While Date.now() is below this, the vendor data behind it is still fresh in the cache. */
  freshUntil: number;
  /** The route pattern that rendered it (`/v1/staff/:code`), for the metrics of repeated answers. */
  route: string;
  /** Its route's access rule, which a repeated answer is held to as well. */
  access: AccessRule;
}

const LIMIT = 2000;

/**
 * Serialised answers, so that each version of the vendor data is serialised and hashed once: the
 * interceptor fills it; the cached-answer hook repeats fresh ones without entering the Nest pipeline.
 */
@Injectable()
export class RenderedAnswers {
  private readonly answers = new LRUCache<string, RenderedAnswer>({ max: LIMIT });

  constructor(@Optional() changed?: ChangedData) {
    // Vendor data the change feed saw change is no longer what these bytes say, fresh or not.
    changed?.onChange(() => this.answers.clear());
  }

  static key(url: string, csv: boolean): string {
    return `${csv ? 'csv' : 'json'} ${url}`;
  }

  get(key: string): RenderedAnswer | undefined {
    return this.answers.get(key);
  }

  set(key: string, answer: RenderedAnswer): void {
    this.answers.set(key, answer);
  }
}

/**
 * `?format=csv`, else `Accept` negotiation: CSV when `text/csv` is acceptable (q > 0) and preferred
 * over an explicit `application/json` (a higher q, or none); JSON otherwise, on a tie too.
 * `format` is the parsed query's value (an array when repeated, which names no format).
 */
export function wantsCsv(format: unknown, accept: string | undefined): boolean {
  if (format === 'csv') return true;
  if (format === 'json') return false;
  if (!accept || !/text\/csv/i.test(accept)) return false;
  let csv = 0;
  let json = 0;
  for (const range of accept.split(',')) {
    const [type, ...params] = range.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    const quality = Number.isFinite(q) ? q : 0;
    if (type.trim() === 'text/csv') csv = Math.max(csv, quality);
    else if (type.trim() === 'application/json') json = Math.max(json, quality);
  }
  return csv > 0 && csv > json;
}

/** The `format` query parameter of a raw URL, as Fastify's parsed query would hold it. */
export function formatInUrl(url: string): string | string[] | undefined {
  const start = url.indexOf('?');
  // Parsing is skipped when the name cannot be there, even percent-encoded.
  if (start < 0 || (!url.includes('format', start) && !url.includes('%', start))) return undefined;
  const values = new URLSearchParams(url.slice(start + 1)).getAll('format');
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}

/** A strong ETag from an answer's bytes. */
export function etagOf(body: Buffer | string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

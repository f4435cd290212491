import { Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { FeedInvalidation } from '../changes/feed-invalidation';

/** An answer as bytes, with the headers it goes out with; kept per URL and format. */
export interface RenderedAnswer {
  version: string;
  /** Bytes, not a string: a string would be encoded to UTF-8 again on every send. */
  body: Buffer;
  headers: Readonly<Record<string, string>>;
  etag: string;
  /** While Date.now() is below this, the vendor data behind it is still fresh in the cache. */
  freshUntil: number;
}

const LIMIT = 2000;

/**
 * Rendered answers, so that each version of the vendor data is serialised and hashed once: the render
 * interceptor fills it; the cached-answer hook repeats fresh ones without entering Nest.
 */
@Injectable()
export class RenderedAnswers {
  private readonly answers = new LRUCache<string, RenderedAnswer>({ max: LIMIT });

  constructor(@Optional() changed?: FeedInvalidation) {
    // Vendor data the change feed saw change is no longer what these bytes say, fresh or not.
    changed?.onChange(() => this.answers.clear());
  }

  static key(url: string, csv: boolean): string {
    return `${csv ? 'csv' : 'json'} ${url}`;
  }

  get(key: string): RenderedAnswer | undefined {
    return this.answers.get(key);
  }

  /** The answer to this URL in this format while the data behind it is fresh. */
  fresh(key: string, now: number): RenderedAnswer | undefined {
    const answer = this.answers.get(key);
    return answer && now < answer.freshUntil ? answer : undefined;
  }

  set(key: string, answer: RenderedAnswer): void {
    this.answers.set(key, answer);
  }
}

/** A strong ETag from an answer's bytes. */
export function etagOf(body: Buffer | string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether If-None-Match names this ETag (weakly, as RFC 9110 compares for GET and HEAD), or is `*`. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

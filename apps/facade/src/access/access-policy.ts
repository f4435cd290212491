import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { problem, ProblemException } from '../problem/problem';
import type { RateDecision } from '../rate-limit/rate-limiter';
import { RateLimits } from '../rate-limit/rate-limits';
import type { AccessRule } from './access-rule';
import { ApiKeys } from './api-keys';

export type AccessOutcome =
  { allowed: true; rate?: RateDecision } | { allowed: false; refusal: ProblemException; rate?: RateDecision };

/**
 * The access decision for a request under its route's rule: the API key, then the rate limit (only
 * valid keys are counted, so a wrong key cannot spend someone else's limit); synchronous while the limit
 * is counted in memory, so that a cached answer needs no promise.
 */
@Injectable()
export class AccessPolicy {
  constructor(
    private readonly keys: ApiKeys,
    private readonly limits: RateLimits,
  ) {}

  check(raw: IncomingMessage, rule: AccessRule): AccessOutcome | Promise<AccessOutcome> {
    if (rule.key) {
      const check = this.keys.check(raw);
      if (check === 'missing' || check === 'invalid') return { allowed: false, refusal: unauthorized(check) };
    }
    if (!rule.rateLimited) return { allowed: true };
    const decision = this.limits.decide(raw);
    return decision instanceof Promise ? decision.then(outcomeOf) : outcomeOf(decision);
  }
}

function outcomeOf(rate: RateDecision): AccessOutcome {
  if (rate.allowed) return { allowed: true, rate };
  const reset = String(Math.ceil(rate.resetMs / 1000));
  const refusal = new ProblemException(
    problem(
      429,
      'rate-limited',
      `The limit of ${rate.limit} requests a minute is reached; try again in ${reset} s.`,
    ),
    {
      'retry-after': reset,
    },
  );
  return { allowed: false, refusal, rate };
}

function unauthorized(check: 'missing' | 'invalid'): ProblemException {
  const detail =
    check === 'missing'
      ? 'An API key is required: Authorization: Bearer KEY or X-API-Key: KEY.'
      : 'The API key is not valid.';
  return new ProblemException(problem(401, 'unauthorized', detail), {
    'www-authenticate': 'Bearer realm="youmi-facade"',
  });
}

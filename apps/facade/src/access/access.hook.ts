import type { FastifyInstance } from 'fastify';
import { API_VERSION } from '../routing/api-version';
import { rateLimitHeaders } from '../rate-limit/rate-limits';
import type { AccessOutcome, AccessPolicy } from './access-policy';

const API_PREFIX = `/v${API_VERSION}/`;

/**
 * The one place access is decided: before anything else of a routed request runs (a cached answer
 * included), under the rule its route declares. A refusal goes to the error handler, which answers it as a
 * problem; every answer of a counted route carries the rate limit's headers.
 */
export function registerAccessHook(fastify: FastifyInstance, policy: Pick<AccessPolicy, 'check'>): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && !route.config?.access) {
      throw new Error(
        `${String(route.method)} ${route.url} declares no access rule: add @Keyed() or @Public() to its controller.`,
      );
    }
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const rule = request.routeOptions.config.access;
    if (!rule) return done();
    const settle = (outcome: AccessOutcome) => {
      if (outcome.rate) reply.headers(rateLimitHeaders(outcome.rate));
      done(outcome.allowed ? undefined : outcome.refusal);
    };
    let outcome: AccessOutcome | Promise<AccessOutcome>;
    try {
      outcome = policy.check(request.raw, rule);
    } catch (error) {
      return done(error as Error);
    }
    if (outcome instanceof Promise) outcome.then(settle, done);
    else settle(outcome);
  });
}

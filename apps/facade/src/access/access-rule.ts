import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/** Who may call a route: whether it needs an API key, and whether it counts against the rate limit. */
export interface AccessRule {
  key: boolean;
  rateLimited: boolean;
}

/** The `/v1` API. */
export const KEYED: AccessRule = Object.freeze({ key: true, rateLimited: true });
/** Operations' routes: health, metrics. */
export const PUBLIC: AccessRule = Object.freeze({ key: false, rateLimited: false });

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's access rule, declared on its controller or handler; absent on routes Nest does not own. */
    access?: AccessRule;
  }
}

type Method = (...args: never[]) => unknown;

/**
 * Declares the access rule of a controller's routes (a handler's own declaration wins) as Fastify route
 * config, which Nest hands to Fastify with each route: the access hook reads it before anything else runs.
 */
export function Access(rule: AccessRule): ClassDecorator & MethodDecorator {
  return (target: object, _name?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) return declare(descriptor.value as Method, rule, true);
    // A class: Nest reads route config per handler, so the class's rule is written on each of them.
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const member = prototype[name];
      if (name !== 'constructor' && typeof member === 'function') declare(member as Method, rule, false);
    }
  };
}

function declare(handler: Method, rule: AccessRule, override: boolean): void {
  const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as {
    access?: AccessRule;
  };
  if (config.access && !override) return;
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, access: rule }, handler);
}

/** Needs an API key and counts against the rate limit: every controller of the `/v1` API. */
export const Keyed = () => Access(KEYED);
/** Open to anyone: no API key, no rate limit. */
export const Public = () => Access(PUBLIC);

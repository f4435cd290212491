import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/** Who may call a route: whether it needs an API key, and whether it counts against the rate limit. */
export interface AccessRule {
  key: boolean;
  rateLimited: boolean;
}

/** Every route unless it says otherwise: the `/v1` API. */
export const KEYED: AccessRule = Object.freeze({ key: true, rateLimited: true });
/** Operations' routes: health, metrics. */
export const PUBLIC: AccessRule = Object.freeze({ key: false, rateLimited: false });

const ACCESS_RULE = 'youmi-facade:access-rule';

/** Marks a controller or handler as open to anyone: no API key, no rate limit. */
export const Public = () => SetMetadata(ACCESS_RULE, PUBLIC);

/** The rule of the route a request reached, read from its handler, then its controller. */
export function accessRuleOf(reflector: Reflector, context: ExecutionContext): AccessRule {
  return reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]) ?? KEYED;
}

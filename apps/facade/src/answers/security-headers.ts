import helmet, { type HelmetOptions } from 'helmet';

/** What helmet sets for the facade: a strict CSP that still lets Swagger UI run from /docs. */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
    },
  },
  strictTransportSecurity: false,
};

/**
 * Helmet's headers, computed once. They do not depend on the request, so running helmet's middleware
 * per request, as @fastify/helmet does, only costs time on the hot path (measured in docs/benchmarks.md).
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    // Helmet sets each header as one string.
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    // Stryker disable next-line BlockStatement: Helmet removes only X-Powered-By, which it never sets, so
    // there is nothing to delete.
    removeHeader: (name: string) => {
      // Stryker disable next-line MethodExpression: Helmet removes only X-Powered-By, which it never sets, so
      // there is nothing to delete.
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

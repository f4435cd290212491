import { Injectable } from '@nestjs/common';
import { ApiDocument } from '../docs/api-document';

interface Route {
  pattern: RegExp;
  methods: string[];
  query: Map<string, Set<string>>;
}

function learn(paths: Record<string, object>): Route[] {
  return Object.entries(paths).map(([path, operations]) => {
    const methods = Object.keys(operations)
      .filter((m) => ['get', 'put', 'post', 'delete', 'patch'].includes(m))
      .map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    const source = path
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    const query = new Map<string, Set<string>>();
    for (const [method, operation] of Object.entries(
      operations as Record<string, { parameters?: { in: string; name: string }[] }>,
    )) {
      // Stryker disable next-line ArrayDeclaration: A string has no in property, so the filter that follows
      // drops it, as from an empty list.
      const names = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      query.set(method.toUpperCase(), new Set(names));
    }
    return { pattern: new RegExp(`^${source}/?$`), methods, query };
  });
}

/**
 * Which methods each route answers, learnt from the OpenAPI document, so that a known path asked with
 * the wrong method answers 405 with `Allow` instead of Fastify's 404.
 */
@Injectable()
export class MethodRoutes {
  private learnt: Route[] | undefined;

  constructor(private readonly document: ApiDocument) {}

  private get routes(): Route[] {
    this.learnt ??= learn(this.document.get().paths);
    return this.learnt;
  }

  /** Query parameter names the document does not declare for this operation. */
  unknownQueryParameters(method: string, path: string, names: string[]): string[] {
    const known = this.routes
      .find((route) => route.pattern.test(path))
      ?.query.get(method === 'HEAD' ? 'GET' : method);
    return known ? names.filter((name) => !known.has(name)) : [];
  }

  /** Whether the operation declares query parameters (then its query DTO validates them all at once). */
  takesQuery(method: string, path: string): boolean {
    const known = this.routes
      .find((route) => route.pattern.test(path))
      ?.query.get(method === 'HEAD' ? 'GET' : method);
    return known !== undefined && known.size > 0;
  }

  allowedMethods(path: string): string[] {
    return this.routes.find((route) => route.pattern.test(path))?.methods ?? [];
  }
}

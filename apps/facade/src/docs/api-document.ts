import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The OpenAPI document, built on first use: Swagger UI, 405s with Allow, the query check of routes
 * without a query DTO and CSV columns all read it, and building it at start cost about a tenth of a
 * second of every cold start (measured in docs/benchmarks.md).
 */
@Injectable()
export class ApiDocument {
  private factory: (() => OpenAPIObject) | undefined;
  private built: OpenAPIObject | undefined;

  /** Called once the application exists and its routes are registered. */
  buildWith(factory: () => OpenAPIObject): void {
    this.factory = factory;
  }

  get(): OpenAPIObject {
    if (!this.factory) throw new Error('the OpenAPI document is asked for before the application exists');
    this.built ??= this.factory();
    return this.built;
  }
}

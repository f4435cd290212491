import { Injectable } from '@nestjs/common';
import { ApiDocument } from '../docs/api-document';

interface SchemaObject {
  $ref?: string;
  allOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  type?: string;
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
}

interface Document {
  paths: Record<
    string,
    Record<
      string,
      { responses?: Record<string, { content?: Record<string, { schema?: SchemaObject } | undefined> }> }
    >
  >;
  components?: { schemas?: Record<string, SchemaObject> };
}

/**
 * The CSV columns of every list that answers CSV, learnt from the OpenAPI document's item schema, so that a
 * CSV export has the same header row whatever the rows hold: an empty page, or a null nested object included.
 */
@Injectable()
export class CsvColumns {
  private byRoute: Map<string, string[]> | undefined;

  constructor(private readonly document: ApiDocument) {}

  private learn(document: Document): Map<string, string[]> {
    const byRoute = new Map<string, string[]>();
    const schemas = document.components?.schemas ?? {};
    const resolve = (schema: SchemaObject | undefined): SchemaObject | undefined => {
      // A nullable reference is `anyOf: [$ref, null]` in the document (see document-conventions.ts).
      const ref =
        // Stryker disable next-line ArrayDeclaration: A missing allOf or anyOf becomes a one-string list, and
        // find((part) => part.$ref) skips a string because it has no $ref, so the result is the same as with
        // an empty list.
        schema?.$ref ?? [...(schema?.allOf ?? []), ...(schema?.anyOf ?? [])].find((part) => part.$ref)?.$ref;
      return ref ? schemas[ref.split('/').pop() as string] : schema;
    };
    const columns = (schema: SchemaObject | undefined, prefix: string): string[] =>
      Object.entries(resolve(schema)?.properties ?? {}).flatMap(([name, property]) => {
        const target = resolve(property);
        const nested = target?.properties !== undefined && target.type !== 'array';
        return nested ? columns(target, `${prefix}${name}.`) : [`${prefix}${name}`];
      });
    for (const [path, operations] of Object.entries(document.paths)) {
      const content = operations['get']?.responses?.['200']?.content;
      // Only the lists that say they answer CSV; the label tree also holds its nodes in `data`.
      const items =
        content?.['text/csv'] && resolve(content['application/json']?.schema)?.properties?.['data']?.items;
      if (items) byRoute.set(path.replace(/\{([^}]+)\}/g, ':$1'), columns(items, ''));
    }
    return byRoute;
  }

  /**
   * The columns of the list at this route pattern (Fastify's `/v1/staff/:code/...` form); undefined: no CSV.
   */
  of(route: string | undefined): string[] | undefined {
    if (route === undefined) return undefined;
    this.byRoute ??= this.learn(this.document.get() as unknown as Document);
    return this.byRoute.get(route);
  }
}

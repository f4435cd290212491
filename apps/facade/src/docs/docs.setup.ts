import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import type { ApiDocument } from './api-document';

export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Youmi facade API')
    .setDescription(
      [
        'A clean, versioned REST API over the 友米聚合 (Youmi) basic-data open API: operator accounts, staff, labels,',
        'ad groups and friend custom attributes. Names are camelCase, times are UTC ISO 8601, deprecated (弃用)',
        'vendor fields are dropped, and every field says which vendor field and Chinese term it comes from.',
        '',
        'Lists answer `{ data, meta }` with `limit` (1..500, default 50) and `offset`, and CSV with `Accept: text/csv`',
        'or `format=csv` (`limit=all` exports every row). Errors are RFC 9457 problem details. Every 200 GET carries',
        '`ETag` and `X-Cache` (HIT, MISS or STALE).',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'An API key from FACADE_API_KEYS.' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key from FACADE_API_KEYS.' }, 'apiKey')
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
}

/** Swagger UI at /docs and the document at /docs/openapi.json, the document built when first asked for. */
export function setUpDocs(app: INestApplication, document: ApiDocument): void {
  document.buildWith(() => buildOpenApiDocument(app));
  SwaggerModule.setup(DOCS_PATH, app, () => document.get(), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Youmi facade API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}

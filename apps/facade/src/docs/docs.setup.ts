import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto } from '../problem/problem.dto';
import type { ApiDocument } from './api-document';
import { applyConventions } from './document-conventions';

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
    .setLicense('UNLICENSED: for the internal services of its owner', '')
    .addServer('/', 'This facade')
    .addTag(
      'operator accounts',
      '运营号配置: the WeChat and WeCom accounts the work phones run (vendor GET WeCaht).',
    )
    .addTag(
      'staff',
      '员工配置 and 员工管理运营机: the staff and the accounts each manages (vendor GET staff, POST staff/GetStaffWechat).',
    )
    .addTag(
      'labels',
      '标签分类 and 标签配置: label categories, labels and the tree of both (vendor GET Label, GET wecahtlabel).',
    )
    .addTag('ad groups', '投放组配置: ad groups with their accounts and region (vendor GET AdManage).')
    .addTag(
      'custom attributes',
      '好友自定义属性配置: the custom attributes of friends (vendor GET friend/GetCustomAttributeList).',
    )
    .addTag('upstream', 'What the vendor sent that the API did not expect.')
    .addTag(
      'changes',
      'The change feed: what changed at the vendor (records created, updated, deleted), read by cursor, followed live as Server-Sent Events, or received as signed webhooks.',
    )
    .addTag('operations', 'Health, readiness and metrics, for probes and monitoring; no API key.')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API key',
        description: 'An API key from FACADE_API_KEYS.',
      },
      'bearer',
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key from FACADE_API_KEYS.' },
      'apiKey',
    )
    .build();
  return applyConventions(SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] }));
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

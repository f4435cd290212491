import { applyDecorators } from '@nestjs/common';
import { ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { answeredProblem, problem, type Problem } from './problem';
import { VALIDATION_MESSAGES } from './validation-messages';

const example = (body: Problem) =>
  answeredProblem(body, '/v1/operator-accounts', '6f1c2a4e-4d0b-4d53-9a55-0f1f7e0a2c11');

const RESPONSES: Record<number, { description: string; example: object }> = {
  400: {
    description: 'A query or path parameter is invalid; `errors` lists each one.',
    example: example(
      problem(400, 'validation', 'The request has 1 invalid parameter: limit.', {
        errors: [{ field: 'limit', message: VALIDATION_MESSAGES.limit }],
      }),
    ),
  },
  401: {
    description: 'The API key is missing or wrong.',
    example: example(
      problem(401, 'unauthorized', 'An API key is required: Authorization: Bearer KEY or X-API-Key: KEY.'),
    ),
  },
  404: {
    description: 'No resource with that id.',
    example: example(problem(404, 'not-found', 'No operator account has id 42.')),
  },
  429: {
    description: 'Rate limit reached; `Retry-After` says when to try again.',
    example: example(
      problem(429, 'rate-limited', 'The limit of 600 requests a minute is reached; try again in 17 s.'),
    ),
  },
  502: {
    description: 'The vendor answered a failure envelope or a body that is not its envelope.',
    example: example(
      problem(
        502,
        'upstream-failure',
        'The vendor refused WeCaht with errmsg 200011: server error (服务器错误).',
        {
          upstream: { code: 200011, description: 'server error', requestId: null },
        },
      ),
    ),
  },
  503: {
    description:
      'The vendor is unreachable or its circuit is open, and no cached copy exists; see `Retry-After`.',
    example: example(problem(503, 'upstream-unreachable', 'The vendor could not be reached for WeCaht.')),
  },
  504: {
    description: 'The vendor did not answer in time, and no cached copy exists.',
    example: example(problem(504, 'upstream-timeout', 'The vendor did not answer WeCaht within 5000 ms.')),
  },
};

/** The error answers and security of every `/v1` operation, as problem details with an example each. */
export function ApiV1Operation(options: { notFound?: boolean } = {}) {
  const statuses = Object.keys(RESPONSES)
    .map(Number)
    .filter((status) => status !== 404 || options.notFound);
  return applyDecorators(
    ApiSecurity('bearer'),
    ApiSecurity('apiKey'),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: RESPONSES[status].description,
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/ProblemDto' },
            example: RESPONSES[status].example,
          },
        },
      }),
    ),
  );
}

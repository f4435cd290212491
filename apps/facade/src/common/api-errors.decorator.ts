import { applyDecorators } from '@nestjs/common';
import { ApiResponse, ApiSecurity } from '@nestjs/swagger';


const RESPONSES: Record<number, string> = {
  400: 'A query or path parameter is invalid; `errors` lists each one.',
  401: 'The API key is missing or wrong.',
  404: 'No resource with that id.',
  429: 'Rate limit reached; `Retry-After` says when to try again.',
  502: 'The vendor answered a failure envelope or a body that is not its envelope.',
  503: 'The vendor is unreachable or its circuit is open, and no cached copy exists; see `Retry-After`.',
  504: 'The vendor did not answer in time, and no cached copy exists.',
};

/** The error answers and security of every `/v1` operation, as problem details. */
export function ApiV1Operation(options: { notFound?: boolean } = {}) {
  const statuses = Object.keys(RESPONSES)
    .map(Number)
    .filter((status) => status !== 404 || options.notFound);
  return applyDecorators(
    ApiSecurity('bearer'),
    ApiSecurity('apiKey'),
    ...statuses.map((status) =>
      ApiResponse({ status, description: RESPONSES[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } }),
    ),
  );
}

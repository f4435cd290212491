import { ApiResponse } from '@nestjs/swagger';
import { answeredProblem, problem } from '../problem/problem';

/** The 410 of a cursor older than the oldest event kept. */
export function ApiCursorGone() {
  return ApiResponse({
    status: 410,
    description:
      'The cursor is older than the oldest event kept: read the feed again from the start and resynchronise.',
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/ProblemDto' },
        example: answeredProblem(
          problem(
            410,
            'cursor-gone',
            'Event 1764230400000-0 is older than the oldest event kept (1764316800000-0): read the feed again from the start (no after) and resynchronise.',
          ),
          '/v1/changes',
          '6f1c2a4e-4d0b-4d53-9a55-0f1f7e0a2c11',
        ),
      },
    },
  });
}

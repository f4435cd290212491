import { HttpException } from '@nestjs/common';

export interface ProblemFieldError {
  field: string;
  message: string;
}

export interface ProblemUpstream {
  code: number;
  description: string;
  requestId: string | null;
}

/** RFC 9457 problem details, as every error of the facade is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
  upstream?: ProblemUpstream;
  /** Readiness checks, on a 503 from /health/ready. */
  checks?: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(slug: string): string {
  return `urn:youmi-facade:problem:${slug}`;
}

/** An error that already knows its problem body, and the headers (Retry-After, Allow…) to send with it. */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: Omit<Problem, 'instance' | 'requestId'>,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail, problem.status);
  }
}

export function validationProblem(errors: ProblemFieldError[]): ProblemException {
  return new ProblemException({
    type: problemType('validation'),
    title: 'Bad Request',
    status: 400,
    detail: `The request has ${errors.length} invalid parameter${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}.`,
    errors,
  });
}

export function notFoundProblem(detail: string): ProblemException {
  return new ProblemException({ type: problemType('not-found'), title: 'Not Found', status: 404, detail });
}

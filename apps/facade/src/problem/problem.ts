import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

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
  /** The request's trace, when tracing is on. */
  traceId?: string;
  errors?: ProblemFieldError[];
  upstream?: ProblemUpstream;
  /** Readiness checks, on a 503 from /health/ready. */
  checks?: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

type ProblemExtras = Pick<Problem, 'errors' | 'upstream' | 'checks'>;

/** The kind of problem a status means when nothing more specific is known: `Not Found` → `not-found`. */
export function problemKindOf(status: number): string {
  // Stryker disable next-line Regex: No reason phrase in Node's table has two non-letters in a row, so
  // replacing runs or single characters gives the same kind.
  const dashed = (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '-');
  // Stryker disable next-line StringLiteral: No reason phrase in Node's table begins or ends with a
  // non-letter, so the trim of '-' at either end never removes anything.
  return dashed.replace(/^-|-$/g, '');
}

/**
 * The one builder of problem bodies: `type` names the kind (`urn:youmi-facade:problem:not-found`), `title`
 * the status.
 */
export function problem(status: number, kind: string, detail: string, extras: ProblemExtras = {}): Problem {
  return {
    type: `urn:youmi-facade:problem:${kind}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...extras,
  };
}

/** A problem as answered: with the path it answers (without the query), the request's id and its trace's. */
export function answeredProblem(body: Problem, url: string, requestId: string, traceId?: string): Problem {
  const answered: Problem = { ...body, instance: url.split('?')[0].slice(0, 200), requestId };
  if (traceId) answered.traceId = traceId;
  return answered;
}

/** An error that already knows its problem body, and the headers (Retry-After, Allow…) to send with it. */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail, problem.status);
  }
}

export function validationProblem(errors: ProblemFieldError[]): ProblemException {
  const fields = errors.map((e) => e.field).join(', ');
  return new ProblemException(
    problem(
      400,
      'validation',
      `The request has ${errors.length} invalid parameter${errors.length === 1 ? '' : 's'}: ${fields}.`,
      { errors },
    ),
  );
}

export function notFoundProblem(detail: string): ProblemException {
  return new ProblemException(problem(404, 'not-found', detail));
}

import { HttpException } from '@nestjs/common';
import {
  answeredProblem,
  notFoundProblem,
  problem,
  problemKindOf,
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  validationProblem,
} from './problem';

describe('problemKindOf', () => {
  it.each([
    [400, 'bad-request'],
    [404, 'not-found'],
    [405, 'method-not-allowed'],
    [413, 'payload-too-large'],
    [415, 'unsupported-media-type'],
    [418, 'i-m-a-teapot'],
    [422, 'unprocessable-entity'],
    [431, 'request-header-fields-too-large'],
    [500, 'internal-server-error'],
    [503, 'service-unavailable'],
    [599, 'error'],
  ])('status %i → %s', (status, kind) => {
    expect(problemKindOf(status)).toBe(kind);
  });
});

describe('problem', () => {
  it('builds an RFC 9457 body whose type names the kind and whose title is the reason phrase', () => {
    expect(problem(404, 'not-found', 'No label has id 42.')).toEqual({
      type: 'urn:youmi-facade:problem:not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No label has id 42.',
    });
  });

  it('titles a status Node has no phrase for "Error"', () => {
    expect(problem(599, 'odd', 'Odd.').title).toBe('Error');
  });

  it('carries the extras it is given, and no others', () => {
    const upstream = { code: 200012, description: 'bad parameter', requestId: null };
    expect(problem(502, 'upstream-failure', 'Refused.', { upstream })).toEqual({
      type: 'urn:youmi-facade:problem:upstream-failure',
      title: 'Bad Gateway',
      status: 502,
      detail: 'Refused.',
      upstream,
    });
  });

  it('is answered as application/problem+json in UTF-8', () => {
    expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json; charset=utf-8');
  });
});

describe('answeredProblem', () => {
  const body = problem(404, 'not-found', 'Gone.');

  it('adds the path without its query, and the request id, leaving the body given as it was', () => {
    expect(answeredProblem(body, '/v1/staff/x?limit=5&offset=1', 'req-1')).toEqual({
      ...body,
      instance: '/v1/staff/x',
      requestId: 'req-1',
    });
    expect(body).not.toHaveProperty('instance');
  });

  it('keeps at most 200 characters of the path', () => {
    const path = `/v1/staff/${'a'.repeat(300)}`;
    expect(answeredProblem(body, path, 'r').instance).toBe(path.slice(0, 200));
    expect(answeredProblem(body, path.slice(0, 200), 'r').instance).toHaveLength(200);
  });
});

describe('ProblemException', () => {
  it('is an HttpException of the problem’s status and detail, with the headers to send', () => {
    const exception = new ProblemException(problem(429, 'rate-limited', 'Slow down.'), {
      'retry-after': '7',
    });
    expect(exception).toBeInstanceOf(HttpException);
    expect(exception.getStatus()).toBe(429);
    expect(exception.message).toBe('Slow down.');
    expect(exception.headers).toEqual({ 'retry-after': '7' });
  });

  it('has no headers unless given some', () => {
    expect(new ProblemException(problem(400, 'validation', 'Bad.')).headers).toEqual({});
  });
});

describe('validationProblem', () => {
  it('names the one offending parameter in the singular', () => {
    const errors = [{ field: 'limit', message: 'limit must be an integer from 1 to 500' }];
    const exception = validationProblem(errors);
    expect(exception.getStatus()).toBe(400);
    expect(exception.problem).toEqual({
      type: 'urn:youmi-facade:problem:validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The request has 1 invalid parameter: limit.',
      errors,
    });
  });

  it('names every offending parameter, in order, in the plural', () => {
    const errors = ['foo', 'kind', 'limit'].map((field) => ({ field, message: `${field} is wrong` }));
    expect(validationProblem(errors).problem.detail).toBe(
      'The request has 3 invalid parameters: foo, kind, limit.',
    );
  });
});

describe('notFoundProblem', () => {
  it('is a 404 not-found problem with the detail given', () => {
    const exception = notFoundProblem('No staff member has code "x".');
    expect(exception.getStatus()).toBe(404);
    expect(exception.problem).toEqual({
      type: 'urn:youmi-facade:problem:not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No staff member has code "x".',
    });
    expect(exception.headers).toEqual({});
  });
});

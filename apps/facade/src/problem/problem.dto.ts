import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VALIDATION_MESSAGES } from './validation-messages';

export class ProblemFieldErrorDto {
  @ApiProperty({ description: 'The offending query or path parameter.', example: 'limit' })
  field!: string;

  @ApiProperty({
    description: 'What is wrong with it.',
    example: VALIDATION_MESSAGES.limit,
  })
  message!: string;
}

export class ProblemUpstreamDto {
  @ApiProperty({
    description: "The vendor's status code (vendor `errmsg`).",
    example: 200011,
    type: 'integer',
  })
  code!: number;

  @ApiProperty({ description: "The documented meaning of the vendor's code.", example: 'server error' })
  description!: string;

  @ApiProperty({
    description: "The vendor's request id (vendor `requestId`), when it sent one.",
    example: null,
    nullable: true,
    type: String,
  })
  requestId!: string | null;
}

/** RFC 9457 problem details. */
export class ProblemDto {
  @ApiProperty({
    description: 'A URI that identifies the kind of problem.',
    example: 'urn:youmi-facade:problem:validation',
  })
  type!: string;

  @ApiProperty({ description: 'The HTTP reason phrase.', example: 'Bad Request' })
  title!: string;

  @ApiProperty({ description: 'The HTTP status.', example: 400, type: 'integer' })
  status!: number;

  @ApiProperty({
    description: 'What went wrong, for a person.',
    example: 'The request has 1 invalid parameter: limit.',
  })
  detail!: string;

  @ApiPropertyOptional({ description: 'The path of the request.', example: '/v1/operator-accounts' })
  instance?: string;

  @ApiPropertyOptional({
    description: 'The request id (also in `X-Request-Id` and in every log line).',
    example: '6f1c2a4e-4d0b-4d53-9a55-0f1f7e0a2c11',
  })
  requestId?: string;

  @ApiPropertyOptional({
    description:
      'The W3C trace id of the request, when the facade exports traces (OpenTelemetry): the trace to look up.',
    example: '4bf92f3577b34da6a3ce929d0e0e4736',
    pattern: '^[0-9a-f]{32}$',
  })
  traceId?: string;

  @ApiPropertyOptional({ description: 'Each offending parameter (400 only).', type: [ProblemFieldErrorDto] })
  errors?: ProblemFieldErrorDto[];

  @ApiPropertyOptional({
    description: 'What the vendor answered (502 after a failure envelope).',
    type: ProblemUpstreamDto,
  })
  upstream?: ProblemUpstreamDto;
}

import { Keyed } from '../access/access-rule';
import { Controller, Get, Header, Headers, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { API_VERSION } from '../routing/api-version';
import { ApiV1Operation } from '../problem/api-errors.decorator';
import { ChangeFeed } from './change-feed';
import { ChangesPageDto, DeliveriesDto } from './dto/change-event.dto';
import { ChangesQueryDto, ChangeStreamQueryDto } from './dto/changes-query.dto';
import { ApiCursorGone } from './api-cursor-gone.decorator';
import { WebhookDeliverer } from './webhooks/webhook-deliverer';

@ApiTags('changes')
@Keyed()
@Controller({ path: 'changes', version: API_VERSION })
export class ChangesController {
  constructor(
    private readonly feed: ChangeFeed,
    private readonly deliverer: WebhookDeliverer,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    operationId: 'listChanges',
    summary: 'What changed at the vendor: created, updated and deleted records, oldest first',
    description:
      'The change feed, read by cursor: pass `meta.next` as `after` to read on. Every CHANGES_POLL_SECONDS the facade reads each resource fresh from the vendor and records one event per record created, updated or deleted (the first read after a start with nothing stored is a baseline, without events). Keeps the newest CHANGES_RETENTION events.',
  })
  @ApiOkResponse({ type: ChangesPageDto })
  @ApiCursorGone()
  @ApiV1Operation()
  list(@Query() query: ChangesQueryDto): Promise<ChangesPageDto> {
    return this.feed.list(query);
  }

  @Sse('stream')
  @ApiOperation({
    operationId: 'streamChanges',
    summary: 'The change feed as Server-Sent Events, live',
    description:
      'Each event as `id: <id>`, `event: <type>`, `data: <event JSON>`; a comment line every 15 s keeps idle connections open. Resumes after `Last-Event-ID` (or `?after=`), else starts with the events from now on. The API key and rate limit apply as to every `/v1` request; a stream counts once.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event received; the stream resumes after it.',
    example: '1764230400000-0',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless stream of events (`text/event-stream`).',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          example:
            'id: 1764230400000-0\nevent: staff.updated\ndata: {"id":"1764230400000-0","type":"staff.updated",…}\n\n',
        },
      },
    },
  })
  @ApiCursorGone()
  @ApiV1Operation()
  stream(
    @Query() { after }: ChangeStreamQueryDto,
    @Headers('Last-Event-ID') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    return lastEventId
      ? this.feed.stream(lastEventId.trim(), 'Last-Event-ID')
      : this.feed.stream(after, 'after');
  }

  @Get('deliveries')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: 'Where each webhook URL stands: position, backlog, last error',
    description:
      'One entry per WEBHOOK_URLS entry: the last event delivered, how many events wait, the latest failure and when it is tried again.',
  })
  @ApiOkResponse({ type: DeliveriesDto })
  @ApiV1Operation()
  deliveries(): Promise<DeliveriesDto> {
    return this.deliverer.overview();
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { FACADE_CONFIG } from '../../config/facade-config.module';
import type { FacadeConfig } from '../../config/facade-config';
import type { ChangeEvent } from '../change-event';
import { WebhookSigner } from './webhook-signer';

const ANSWER_TIMEOUT_MS = 10_000;

/** Posts one event to one receiver, signed with WEBHOOK_SECRET. */
@Injectable()
export class WebhookPoster {
  private readonly signer: WebhookSigner | undefined;

  constructor(@Inject(FACADE_CONFIG) config: FacadeConfig) {
    this.signer = config.webhookSecret ? new WebhookSigner(config.webhookSecret) : undefined;
  }

  /** One POST; undefined when the receiver answered 2xx, else what went wrong. */
  async post(url: string, event: ChangeEvent): Promise<string | undefined> {
    const signed = (this.signer as WebhookSigner).sign(event.id, JSON.stringify(event), new Date());
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...signed.headers, 'user-agent': 'youmi-facade-webhooks' },
        body: signed.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      return response.status >= 200 && response.status < 300 ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${ANSWER_TIMEOUT_MS / 1000} s`
        : describeFetchError(error);
    }
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

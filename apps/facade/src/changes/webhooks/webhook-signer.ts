import { Webhook } from 'standardwebhooks';

/** The headers of one delivery, signed as Standard Webhooks specifies. */
export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/** Signs deliveries with WEBHOOK_SECRET (`whsec_` + Base64), by the Standard Webhooks library. */
export class WebhookSigner {
  private readonly webhook: Webhook;

  constructor(secret: string) {
    this.webhook = new Webhook(secret);
  }

  sign(id: string, body: string, at: Date): SignedDelivery {
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': this.webhook.sign(id, at, body),
      },
    };
  }
}

import { randomBytes } from 'node:crypto';

export type TokenCheck = 'valid' | 'unknown' | 'expired';

interface IssuedToken {
  expiresAtSeconds: number;
}

/** The access tokens the simulator has issued; revoke/expire let tests force the renewal paths. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly nowMs: () => number,
  ) {}

  issue(): { token: string; expiresAtSeconds: number } {
    const token = randomBytes(24).toString('hex');
    const expiresAtSeconds = Math.floor(this.nowMs() / 1000) + this.ttlSeconds;
    this.tokens.set(token, { expiresAtSeconds });
    return { token, expiresAtSeconds };
  }

  check(token: string): TokenCheck {
    const issued = this.tokens.get(token);
    if (!issued) return 'unknown';
    return Math.floor(this.nowMs() / 1000) >= issued.expiresAtSeconds ? 'expired' : 'valid';
  }

  /** Every issued token becomes unknown (10011). */
  revokeAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }

  /** Every issued token stays known but is past its expiry (10003). */
  expireAll(): number {
    const past = Math.floor(this.nowMs() / 1000) - 1;
    for (const issued of this.tokens.values()) issued.expiresAtSeconds = past;
    return this.tokens.size;
  }

  get size(): number {
    return this.tokens.size;
  }
}

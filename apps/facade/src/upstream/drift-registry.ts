import { Injectable } from '@nestjs/common';
import type { DriftKind, DriftRecord, DriftSink } from '@youmi-facade/domain';

export interface DriftEntry {
  endpoint: string;
  field: string;
  kind: DriftKind;
  count: number;
  sample: string;
  firstSeen: string;
  lastSeen: string;
}

/** Everything the vendor sent that the facade did not expect, counted per endpoint, field and kind. */
@Injectable()
export class DriftRegistry {
  private readonly entries = new Map<string, DriftEntry>();
  private readonly listeners: ((record: DriftRecord) => void)[] = [];
  private revisions = 0;

  /** Changes whenever a record arrives, so answers built from the registry can be reused until then. */
  get revision(): string {
    return `drift-${this.revisions}`;
  }

  readonly sink: DriftSink = (record) => {
    const key = `${record.endpoint}\u0000${record.field}\u0000${record.kind}`;
    const at = new Date().toISOString();
    this.revisions += 1;
    const seen = this.entries.get(key);
    if (seen) {
      seen.count += 1;
      seen.lastSeen = at;
    } else {
      this.entries.set(key, { ...record, count: 1, firstSeen: at, lastSeen: at });
    }
    for (const listener of this.listeners) listener(record);
  };

  onRecord(listener: (record: DriftRecord) => void): void {
    this.listeners.push(listener);
  }

  /** By endpoint, then field, then kind. */
  list(): DriftEntry[] {
    return [...this.entries.values()]
      .map((e) => ({ ...e }))
      .sort((a, b) => cmp(a.endpoint, b.endpoint) || cmp(a.field, b.field) || cmp(a.kind, b.kind));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

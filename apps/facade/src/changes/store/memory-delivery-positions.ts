import type { DeliveryPositions, DeliveryState } from './change-ports';

/** The webhook positions of a single instance. */
export class MemoryDeliveryPositions implements DeliveryPositions {
  private readonly positions = new Map<string, DeliveryState>();

  start(): void {
    // Nothing to start: the positions live in this object.
  }

  async load(urls: readonly string[]): Promise<Map<string, DeliveryState>> {
    return new Map(
      urls.flatMap((url) => {
        const state = this.positions.get(url);
        return state ? [[url, { ...state }]] : [];
      }),
    );
  }

  async save(url: string, state: DeliveryState): Promise<void> {
    this.positions.set(url, { ...state });
  }

  async close(): Promise<void> {
    // Nothing to close.
  }
}

import { randomUUID } from 'node:crypto';

/** A person's open agent event stream, counted until it closes. */
export type ConnectedStream = { close(): Promise<void> };

/**
 * Which people have a dashboard tab with a live agent event stream, by
 * company: the "connected" half of being available to take a call.
 */
export interface PresenceRegistry {
  connect(companyId: string, userId: string): Promise<ConnectedStream>;
  /** The people of the company with at least one open stream, on any node. */
  connectedUserIds(companyId: string): Promise<Set<string>>;
  close(): Promise<void>;
}

/** One node: streams are counted in memory. */
export class MemoryPresenceRegistry implements PresenceRegistry {
  readonly #byCompany = new Map<string, Map<string, string>>();

  async connect(companyId: string, userId: string): Promise<ConnectedStream> {
    const streamId = randomUUID();
    let streams = this.#byCompany.get(companyId);
    if (!streams) {
      streams = new Map();
      this.#byCompany.set(companyId, streams);
    }
    streams.set(streamId, userId);
    return {
      close: async () => {
        streams.delete(streamId);
        if (streams.size === 0 && this.#byCompany.get(companyId) === streams) {
          this.#byCompany.delete(companyId);
        }
      },
    };
  }

  async connectedUserIds(companyId: string): Promise<Set<string>> {
    return new Set(this.#byCompany.get(companyId)?.values() ?? []);
  }

  async close(): Promise<void> {
    this.#byCompany.clear();
  }
}

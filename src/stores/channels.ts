import { map, type MapStore } from 'nanostores';
import type { Channel } from '../api/types.js';
import { parseChannel } from '../api/validate.js';

/** Linked channels by id, shared by every element that uses the same backend. */
export interface ChannelsStore {
  readonly channels: MapStore<Record<string, Channel>>;
  /**
   * Adds or replaces a channel. `broadcast: false` for what every tab learns by itself (the socket, a
   * reload of the list), so a late message from another tab never undoes a newer state.
   */
  upsert(channel: Channel, options?: { broadcast?: boolean }): void;
  remove(id: number, options?: { broadcast?: boolean }): void;
}

export interface ChannelsStoreOptions {
  /**
   * The `BroadcastChannel` name shared by the other tabs of this configuration: upserts and removals
   * are posted to them, and theirs applied here. No cross-tab sync without it.
   */
  syncName?: string;
}

/** What one tab tells the others; a whole list is never sent, each tab loads its own. */
export type ChannelsSyncMessage = { kind: 'upsert'; channel: Channel } | { kind: 'remove'; id: number };

/** A message from another tab, checked: anything else on the channel is ignored. */
function readSyncMessage(value: unknown): ChannelsSyncMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  try {
    if (message.kind === 'upsert') return { kind: 'upsert', channel: parseChannel(message.channel) };
  } catch {
    return undefined;
  }
  if (message.kind === 'remove' && typeof message.id === 'number' && Number.isInteger(message.id)) {
    return { kind: 'remove', id: message.id };
  }
  return undefined;
}

export function createChannelsStore(options: ChannelsStoreOptions = {}): ChannelsStore {
  const channels = map<Record<string, Channel>>({});
  const sync =
    options.syncName !== undefined && typeof BroadcastChannel !== 'undefined'
      ? new BroadcastChannel(options.syncName)
      : undefined;
  const post = (message: ChannelsSyncMessage) => sync?.postMessage(message);

  sync?.addEventListener('message', (event: MessageEvent) => {
    const message = readSyncMessage(event.data);
    if (message?.kind === 'upsert') channels.setKey(String(message.channel.id), message.channel);
    if (message?.kind === 'remove') channels.setKey(String(message.id), undefined);
  });

  return {
    channels,
    upsert(channel, { broadcast = true } = {}) {
      channels.setKey(String(channel.id), channel);
      if (broadcast) post({ kind: 'upsert', channel });
    },
    remove(id, { broadcast = true } = {}) {
      channels.setKey(String(id), undefined);
      if (broadcast) post({ kind: 'remove', id });
    },
  };
}

/**
 * Makes the store agree with a fresh list of the given types, without telling other tabs. A channel
 * that was not in the store when the list was asked for (`before`) is kept even if the list lacks it:
 * it was linked meanwhile, after the backend answered.
 */
export function reconcileChannels(
  store: ChannelsStore,
  list: readonly Channel[],
  types: readonly Channel['type'][],
  before: ReadonlySet<number>,
): void {
  const answered = new Set(list.map((channel) => channel.id));
  for (const channel of Object.values(store.channels.get())) {
    if (types.includes(channel.type) && !answered.has(channel.id) && before.has(channel.id)) {
      store.remove(channel.id, { broadcast: false });
    }
  }
  for (const channel of list) {
    const current = store.channels.get()[String(channel.id)];
    if (!current || !sameChannel(current, channel)) store.upsert(channel, { broadcast: false });
  }
}

function sameChannel(a: Channel, b: Channel): boolean {
  return (
    a.type === b.type &&
    a.username === b.username &&
    a.is_connected === b.is_connected &&
    a.sync_status === b.sync_status &&
    a.last_synced_at === b.last_synced_at
  );
}

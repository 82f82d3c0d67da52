import { map, type MapStore } from 'nanostores';
import type { Channel } from '../api/types.js';

/** Linked channels by id, shared by every element that uses the same backend. */
export interface ChannelsStore {
  readonly channels: MapStore<Record<string, Channel>>;
  upsert(channel: Channel): void;
  remove(id: number): void;
  replaceAll(channels: Channel[]): void;
}

export function createChannelsStore(): ChannelsStore {
  const channels = map<Record<string, Channel>>({});
  return {
    channels,
    upsert(channel) {
      channels.setKey(String(channel.id), channel);
    },
    remove(id) {
      channels.setKey(String(id), undefined);
    },
    replaceAll(list) {
      channels.set(Object.fromEntries(list.map((channel) => [String(channel.id), channel])));
    },
  };
}

import type { Backend } from './backend.js';
import { toApiError } from './errors.js';
import { CHANNEL_TYPES, type CallOptions, type Channel, type ChannelType } from './types.js';

export interface StatusListOptions extends CallOptions {
  /** Which types to ask about; all three unless set. */
  types?: readonly ChannelType[];
}

/**
 * The linked channels composed from one `GET /channels/{type}/status` per type (docs/providers.md#listing-channels), for
 * backends that lack `GET /channels`. A 404 means none of that type; each status call answers one
 * channel, so this knows at most one channel per type. Rejects with the first other failure.
 */
export async function listChannelsFromStatus(
  backend: Backend,
  options: StatusListOptions = {},
): Promise<Channel[]> {
  const types = options.types ?? CHANNEL_TYPES;
  const answers = await Promise.all(
    types.map(async (type) => {
      try {
        return await backend.getChannelStatus(type, { signal: options.signal });
      } catch (error) {
        if (toApiError(error).kind === 'not-found') return undefined;
        throw toApiError(error);
      }
    }),
  );
  return answers.filter((channel): channel is Channel => channel !== undefined);
}

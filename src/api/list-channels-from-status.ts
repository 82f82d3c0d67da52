import type { Backend } from './backend.js';
import { toApiError } from './errors.js';
import type { CallOptions, Channel, ChannelType } from './types.js';

/** The types a backend without `GET /channels` answers status calls for (docs/providers.md#listing-channels). */
const STATUS_CALL_TYPES: readonly ChannelType[] = ['whatsapp', 'telegram', 'instagram'];

export interface StatusListOptions extends CallOptions {
  /** Which types to ask about; WhatsApp, Telegram and Instagram unless set. */
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
  const types = options.types ?? STATUS_CALL_TYPES;
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

import { CHANNEL_TYPES, type ChannelType } from '../api/types.js';

/** Reads a `channels` attribute (`"whatsapp telegram"` or comma-separated); unknown names are ignored. */
export const channelListConverter = {
  fromAttribute(value: string | null): ChannelType[] {
    const requested = (value ?? '').split(/[\s,]+/).filter(Boolean);
    const known = requested.filter((name): name is ChannelType =>
      CHANNEL_TYPES.includes(name as ChannelType),
    );
    return known.length > 0 ? known : [...CHANNEL_TYPES];
  },
};

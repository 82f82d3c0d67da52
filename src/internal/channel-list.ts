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

/**
 * The `channels` property as a list, also when a framework set it to the attribute's text: Vue and
 * React 19 set a property rather than the attribute whenever the element has one.
 */
export function channelListOf(value: ChannelType[] | string): ChannelType[] {
  return typeof value === 'string' ? channelListConverter.fromAttribute(value) : value;
}

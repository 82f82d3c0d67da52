import { isRegistered, tagNameOf } from '../../internal/registry.js';

/**
 * Fetches `channel-connect` (with the QR and 2FA steps it nests) the first time a list opens its
 * linking panel, registers it unless the page already has, and gives the tag to render. A page that
 * only lists accounts never downloads the linking flow.
 */
export async function loadConnectElement(listTag: string): Promise<string> {
  const { ChannelConnect } = await import('../channel-connect/channel-connect.component.js');
  if (!isRegistered(ChannelConnect)) {
    ChannelConnect.define(
      customElements.get('channel-connect') ? `${listTag}-channel-connect` : 'channel-connect',
    );
  }
  return tagNameOf(ChannelConnect, 'channel-connect');
}

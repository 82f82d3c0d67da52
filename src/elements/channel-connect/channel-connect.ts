import { ChannelConnect } from './channel-connect.component.js';

ChannelConnect.define('channel-connect');

declare global {
  interface HTMLElementTagNameMap {
    'channel-connect': ChannelConnect;
  }
}

export { ChannelConnect };

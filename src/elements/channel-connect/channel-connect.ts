import '../instagram-2fa/instagram-2fa.js';
import '../qr-scanner/qr-scanner.js';
import { ChannelConnect } from './channel-connect.component.js';

ChannelConnect.define('channel-connect');

declare global {
  interface HTMLElementTagNameMap {
    'channel-connect': ChannelConnect;
  }
}

export { ChannelConnect };

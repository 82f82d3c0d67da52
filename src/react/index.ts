// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
export { AccountsList } from './accounts-list.js';
export { ChannelConnect } from './channel-connect.js';
export { ConversationView } from './conversation-view.js';
export { InstagramTwoFactor } from './instagram-2fa.js';
export { PhoneLogin } from './phone-login.js';
export { QrScanner } from './qr-scanner.js';

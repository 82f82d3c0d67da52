/** The element classes without registering any tag, for pages that register them under their own names. */
export { ChannelConnect } from './elements/channel-connect/channel-connect.component.js';
export { AccountsList } from './elements/accounts-list/accounts-list.component.js';
export { InstagramTwoFactor } from './elements/instagram-2fa/instagram-2fa.component.js';
export { PhoneLogin } from './elements/phone-login/phone-login.component.js';
export { QrScanner } from './elements/qr-scanner/qr-scanner.component.js';
export { ConversationView } from './elements/conversation-view/conversation-view.component.js';
export { configure, type InboxConfig } from './config/config.js';
export { signOut } from './config/sign-out.js';

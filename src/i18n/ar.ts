import type { Strings } from './en.js';
import { accountsListStrings } from './ar/accounts-list.js';
import { channelConnectStrings } from './ar/channel-connect.js';
import { commonStrings } from './ar/common.js';
import { conversationViewStrings } from './ar/conversation-view.js';
import { instagramTwoFactorStrings } from './ar/instagram-2fa.js';
import { newConversationStrings } from './ar/new-conversation.js';
import { pairingCodeStrings } from './ar/pairing-code.js';
import { phoneLoginStrings } from './ar/phone-login.js';
import { qrScannerStrings } from './ar/qr-scanner.js';

/** Arabic (Modern Standard) strings; the same keys as English, so a missing one is a type error. */
export const ar: Strings = {
  ...commonStrings,
  ...qrScannerStrings,
  ...pairingCodeStrings,
  ...instagramTwoFactorStrings,
  ...phoneLoginStrings,
  ...channelConnectStrings,
  ...accountsListStrings,
  ...conversationViewStrings,
  ...newConversationStrings,
};

import { accountsListStrings } from './en/accounts-list.js';
import { channelConnectStrings } from './en/channel-connect.js';
import { commonStrings } from './en/common.js';
import { conversationViewStrings } from './en/conversation-view.js';
import { instagramTwoFactorStrings } from './en/instagram-2fa.js';
import { newConversationStrings } from './en/new-conversation.js';
import { pairingCodeStrings } from './en/pairing-code.js';
import { phoneLoginStrings } from './en/phone-login.js';
import { qrScannerStrings } from './en/qr-scanner.js';

/** English strings; every user-facing text of the library is here. */
export const en = {
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

export type Strings = typeof en;

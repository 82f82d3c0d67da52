/**
 * The classic script (`dist/inbox-elements.min.js`): registers the elements that link an account
 * (`channel-connect` with its QR and Instagram steps), and fetches `accounts-list`, `conversation-view` and
 * `phone-login` beside it (`dist/cdn/lazy/`) the first time the page uses their tags, so a page that only
 * links accounts downloads neither the list nor the inbox. The API is `window.InboxElements`; the fetched
 * classes join it once they are registered.
 */
import '../elements/channel-connect/channel-connect.js';
import '../elements/instagram-2fa/instagram-2fa.js';
import '../elements/qr-scanner/qr-scanner.js';
// In the script itself rather than fetched: every page with a backend needs them before its first screen.
import '../api/http.js';
import '../api/channel-calls.js';
import { ChannelConnect } from '../elements/channel-connect/channel-connect.component.js';
import { InstagramTwoFactor } from '../elements/instagram-2fa/instagram-2fa.component.js';
import { QrScanner } from '../elements/qr-scanner/qr-scanner.component.js';
import { configure } from '../config/config.js';
import { signOut } from '../config/sign-out.js';
import { servicesContext } from '../config/services.js';
import { createContractBackend } from '../api/contract-backend.js';
import { listChannelsFromStatus } from '../api/list-channels-from-status.js';
import { ApiError } from '../api/errors.js';
import { describeError } from '../api/describe-error.js';
import { loadLocale, registerLocale, setStrings } from '../i18n/localize.js';
import { isRegistered } from '../internal/registry.js';
import { registerWhenUsed } from './register-when-used.js';

const api: Record<string, unknown> = {
  ChannelConnect,
  InstagramTwoFactor,
  QrScanner,
  configure,
  signOut,
  servicesContext,
  createContractBackend,
  listChannelsFromStatus,
  ApiError,
  describeError,
  loadLocale,
  registerLocale,
  setStrings,
};

declare global {
  interface Window {
    InboxElements: Record<string, unknown>;
  }
}

window.InboxElements = api;

const lazyElements: Record<string, () => Promise<void>> = {
  'accounts-list': registerWhenUsed('accounts-list', async () => {
    const { AccountsList } = await import('../elements/accounts-list/accounts-list.component.js');
    AccountsList.define('accounts-list');
    api['AccountsList'] = AccountsList;
  }),
  'conversation-view': registerWhenUsed('conversation-view', async () => {
    const { ConversationView } = await import('../elements/conversation-view/conversation-view.component.js');
    ConversationView.define('conversation-view');
    api['ConversationView'] = ConversationView;
  }),
  'phone-login': registerWhenUsed('phone-login', async () => {
    const { PhoneLogin } = await import('../elements/phone-login/phone-login.component.js');
    // `<channel-connect>` may have fetched and registered it first, for its phone method.
    if (!isRegistered(PhoneLogin)) PhoneLogin.define('phone-login');
    api['PhoneLogin'] = PhoneLogin;
  }),
};

/** Fetches and registers `accounts-list`, `conversation-view` or `phone-login` now, e.g. for a tag inside a shadow root. */
api['loadElement'] = (tag: string): Promise<void> =>
  lazyElements[tag]?.() ?? Promise.reject(new Error(`<${tag}> is not fetched on demand`));

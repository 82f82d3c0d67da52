/**
 * The host page of the strict-CSP test: every `securitypolicyviolation` is kept, then the five elements
 * are placed with the sandbox credentials the test passes in the query string.
 */
import { configure } from '../../../src/index.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});

const params = new URLSearchParams(location.search);
configure({
  baseUrl: location.origin,
  socketUrl: `${location.origin.replace(/^http/, 'ws')}/socket`,
  apiKey: params.get('apiKey') ?? '',
});

const conversationView = document.createElement('conversation-view');
conversationView.style.setProperty('--inbox-conversation-height', '400px');
const qrScanner = document.createElement('qr-scanner');
qrScanner.setAttribute('channel', 'whatsapp');
const twoFactor = document.createElement('instagram-2fa');
twoFactor.setAttribute('account-id', params.get('accountId') ?? '');
document.body.append(
  document.createElement('channel-connect'),
  qrScanner,
  twoFactor,
  document.createElement('accounts-list'),
  conversationView,
);

Object.assign(window, { cspViolations: violations });

/**
 * A host page with <conversation-view> alone, served with the strict policy: every
 * `securitypolicyviolation` is kept, and the element gets the sandbox credentials and the language the
 * test passes in the query string.
 */
import '../../../src/elements/conversation-view/conversation-view.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});

const params = new URLSearchParams(location.search);
const element = document.createElement('conversation-view');
element.setAttribute('base-url', location.origin);
element.setAttribute('api-key', params.get('apiKey') ?? '');
element.setAttribute('lang', params.get('lang') ?? 'en');
element.style.setProperty('--inbox-conversation-height', '500px');
element.style.width = '900px';
document.body.append(element);

Object.assign(window, { cspViolations: violations });

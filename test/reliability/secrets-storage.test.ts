import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import { text } from '../helpers/elements.js';
import '../helpers/lit-warnings.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import { recordConsole } from './uncaught.js';

const RIGHT_CODE = '123456';

/** Every text a node tree holds: text, attribute values and form field values, across shadow roots. */
function domTexts(root: Node, found: string[] = []): string[] {
  if (root instanceof Element) {
    for (const attribute of root.attributes) found.push(attribute.value);
    if (root instanceof HTMLInputElement || root instanceof HTMLTextAreaElement) found.push(root.value);
    if (root.shadowRoot) domTexts(root.shadowRoot, found);
  }
  if (root.nodeType === Node.TEXT_NODE) found.push(root.nodeValue ?? '');
  for (const child of root.childNodes) domTexts(child, found);
  return found;
}

async function indexedDbTexts(): Promise<string[]> {
  const texts: string[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    for (const storeName of db.objectStoreNames) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
      texts.push(JSON.stringify(values));
    }
    db.close();
  }
  return texts;
}

/** Where `secret` can still be found after the flow; empty when nowhere. */
async function placesHolding(secret: string, consoleLines: string[]): Promise<string[]> {
  const places: [string, string[]][] = [
    ['localStorage', Object.entries(localStorage).flat()],
    ['sessionStorage', Object.entries(sessionStorage).flat()],
    ['cookies', [document.cookie]],
    ['IndexedDB', await indexedDbTexts()],
    ['DOM', domTexts(document.documentElement)],
    ['console', consoleLines],
    ['URLs', [location.href, ...performance.getEntriesByType('resource').map(({ name }) => name)]],
  ];
  return places.filter(([, texts]) => texts.some((value) => value.includes(secret))).map(([place]) => place);
}

describe('the Instagram password and code after every outcome', () => {
  const tenant = new SandboxTenant();
  let consoleLines: string[];
  let restoreConsole: () => void;

  beforeEach(async () => {
    await tenant.reset();
    const recorders = (['log', 'info', 'debug', 'warn', 'error'] as const).map(recordConsole);
    consoleLines = [];
    restoreConsole = () => {
      for (const recorder of recorders) {
        consoleLines.push(...recorder.lines);
        recorder.restore();
      }
    };
  });

  afterEach(() => restoreConsole());

  async function signIn(password: string): Promise<ChannelConnect> {
    const el = await fixture<ChannelConnect>(
      html`<channel-connect
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        channel="instagram"
      ></channel-connect>`,
    );
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('input[name="username"]'), 'the sign-in form');
    root.querySelector<HTMLInputElement>('input[name="username"]')!.focus();
    await sendKeys({ type: `brand_${Date.now()}` });
    root.querySelector<HTMLInputElement>('input[name="password"]')!.focus();
    await sendKeys({ type: password });
    await sendKeys({ press: 'Enter' });
    return el;
  }

  async function enterCode(el: ChannelConnect, code: string): Promise<HTMLElement> {
    await waitUntil(
      () => el.shadowRoot!.querySelector('instagram-2fa')?.shadowRoot?.querySelector('input'),
      'the code step',
      {
        timeout: 8000,
      },
    );
    const twoFactor = el.shadowRoot!.querySelector<HTMLElement>('instagram-2fa')!;
    twoFactor.shadowRoot!.querySelector<HTMLInputElement>('input')!.focus();
    await sendKeys({ type: code });
    await sendKeys({ press: 'Enter' });
    return twoFactor;
  }

  async function expectNowhere(...secrets: string[]): Promise<void> {
    restoreConsole();
    restoreConsole = () => undefined;
    for (const secret of secrets) expect(await placesHolding(secret, consoleLines), secret).to.deep.equal([]);
  }

  const password = () => `Pw-${crypto.randomUUID()}`;

  it('the search finds a secret left in any of those places', async () => {
    const secret = password();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const host = wrapper.attachShadow({ mode: 'open' });
    const field = document.createElement('input');
    host.append(field);
    field.value = secret;
    sessionStorage.setItem('probe', secret);
    try {
      expect(await placesHolding(secret, [`logged ${secret}`])).to.deep.equal([
        'sessionStorage',
        'DOM',
        'console',
      ]);
    } finally {
      sessionStorage.removeItem('probe');
    }
  });

  it('success without a code', async () => {
    await tenant.scenario({ instagram: 'connected' });
    const secret = password();
    const connected = oneEvent(document, 'inbox-connected');
    await signIn(secret);
    await connected;
    await expectNowhere(secret);
  });

  it('success after a verification code', async () => {
    await tenant.scenario({ instagram: '2fa' });
    const secret = password();
    const el = await signIn(secret);
    const connected = oneEvent(document, 'inbox-connected');
    await enterCode(el, RIGHT_CODE);
    await connected;
    await expectNowhere(secret, RIGHT_CODE);
  });

  it('a wrong code', async () => {
    await tenant.scenario({ instagram: '2fa' });
    const secret = password();
    const el = await signIn(secret);
    const twoFactor = await enterCode(el, '908172');
    await waitUntil(
      () =>
        text(twoFactor.shadowRoot!.querySelector('[part~="form"]')).length > 0 &&
        twoFactor.shadowRoot!.querySelector('[aria-invalid="true"]'),
      'the wrong code is said',
      { timeout: 8000 },
    );
    await expectNowhere(secret, '908172');
  });

  it('a lockout after too many codes', async () => {
    await tenant.scenario({ instagram: 'too_many_attempts', instagram_lockout_seconds: 30 });
    const secret = password();
    const el = await signIn(secret);
    const twoFactor = await enterCode(el, '918273');
    await waitUntil(
      () => /Try again in/.test(text(twoFactor.shadowRoot!.querySelector('[part~="base"]'))),
      'the lockout',
      {
        timeout: 8000,
      },
    );
    await expectNowhere(secret, '918273');
  });

  it('cancel at the code step', async () => {
    await tenant.scenario({ instagram: '2fa' });
    const secret = password();
    const el = await signIn(secret);
    await waitUntil(() => el.shadowRoot!.querySelector('instagram-2fa'), 'the code step', { timeout: 8000 });
    const twoFactor = el.shadowRoot!.querySelector<HTMLElement>('instagram-2fa')!;
    await waitUntil(() => twoFactor.shadowRoot?.querySelector('input'));
    twoFactor.shadowRoot!.querySelector<HTMLInputElement>('input')!.focus();
    await sendKeys({ type: '92837' });
    const cancelled = oneEvent(el, 'inbox-cancelled');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await cancelled;
    await expectNowhere(secret, '92837');
  });

  it('a server error on sign-in', async () => {
    await tenant.scenario({
      failures: [{ method: 'POST', path: '/api/v1/channels/instagram/connect', status: 503 }],
    });
    const secret = password();
    const failed = oneEvent(document, 'inbox-connect-failed');
    await signIn(secret);
    await failed;
    await expectNowhere(secret);
  });
});

/**
 * Visual regression: each element's main states at 320, 390, 768 and 1280 px, compared with the committed
 * screenshots in test/visual/screenshots/Chromium/baseline (`npm run test:visual:update` renews them; see
 * the README). What would differ from run to run is held still: the sandbox's data has fixed contacts and
 * times, the page's clock is frozen, transitions, animations and the caret are off, and the QR code's
 * modules are hidden (its white square stays: a new code is random on every attempt).
 */
import { fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import type { TemplateResult } from 'lit';
import sinon from 'sinon';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import { en } from '../../src/i18n/en.js';
import { deepQuery, text } from '../helpers/elements.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

const WIDTHS = [320, 390, 768, 1280];
const HEIGHT = 900;

/** The instant the page's clock shows in the conversation tests; the seeded histories end before it. */
const FROZEN_NOW = Date.parse('2026-01-15T12:00:00Z');

const stillness = new CSSStyleSheet();
stillness.replaceSync(`
  *, *::before, *::after {
    transition: none !important;
    animation: none !important;
    caret-color: transparent !important;
  }
  /* The QR code's modules differ on every attempt: its frame and white square are what is compared. */
  .qr > svg > path {
    visibility: hidden;
  }
`);

/** Every shadow root under `root`, nested ones included. */
function shadowRoots(root: Element): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (node: Element) => {
    if (node.shadowRoot) {
      found.push(node.shadowRoot);
      node.shadowRoot.querySelectorAll('*').forEach(visit);
    }
    node.querySelectorAll('*').forEach(visit);
  };
  visit(root);
  return found;
}

/** Everything that can change on screen: text, classes, parts, states and the element's size. */
function signature(el: Element): string {
  const parts: string[] = [];
  for (const root of shadowRoots(el)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        parts.push(
          `<${node.localName} ${node.getAttribute('class') ?? ''} ${node.getAttribute('part') ?? ''}`,
        );
        if (node instanceof HTMLImageElement) parts.push(String(node.complete));
      } else {
        parts.push(node.textContent ?? '');
      }
    }
  }
  const { width, height } = el.getBoundingClientRect();
  return `${width}x${height}|${parts.join('')}`;
}

/** The real clock, taken before any test fakes `performance`. */
const realNow = performance.now.bind(performance);

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Waits until nothing changes any more: fonts loaded, images decoded, every nested element rendered, and
 * the same text and size for six frames and 300 ms in a row.
 */
async function settled(el: HTMLElement): Promise<void> {
  await document.fonts.ready;
  let last = '';
  let calmSince = realNow();
  let calmFrames = 0;
  await waitUntil(
    async () => {
      for (const root of shadowRoots(el)) {
        if (!root.adoptedStyleSheets.includes(stillness))
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, stillness];
        await (root.host as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
        await Promise.all(
          [...root.querySelectorAll('img')].map((image) => image.decode().catch(() => undefined)),
        );
      }
      await nextFrame();
      const now = signature(el);
      if (now !== last) {
        last = now;
        calmSince = realNow();
        calmFrames = 0;
        return false;
      }
      calmFrames += 1;
      return calmFrames >= 6 && realNow() - calmSince >= 300;
    },
    'the element never stood still',
    { timeout: 20_000, interval: 50 },
  );
}

/** Screenshots `el` in its current state at each width. */
async function compareAtEveryWidth(el: HTMLElement, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await setViewport({ width, height: HEIGHT });
    await settled(el);
    await visualDiff(el, `${name}-${width}`);
  }
}

async function mount(element: TemplateResult): Promise<HTMLElement> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang="en" dir="ltr" style="inline-size: 100%">${element}</div>`,
  );
  return wrapper.firstElementChild as HTMLElement;
}

function buttonByText(el: Element, label: string): HTMLButtonElement {
  const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((candidate) =>
    text(candidate).includes(label),
  );
  if (!button) throw new Error(`no "${label}" button`);
  return button;
}

/**
 * Holds a QR code's countdown still: the page's clock stops 40.5 s before the code's expiry as the sandbox
 * states it, and the test waits until the element shows that (after a status poll brought the expiry).
 */
async function holdCountdown(tenant: SandboxTenant, clock: sinon.SinonFakeTimers, el: Element) {
  await waitUntil(() => deepQuery(el, '.qr > svg'), 'no QR code', { timeout: 10_000 });
  const attempt = await tenant.attempt('whatsapp');
  if (!attempt?.qr_expires_at) throw new Error('the sandbox has no QR attempt with an expiry');
  clock.setSystemTime(Date.parse(attempt.qr_expires_at) - 40_500);
  await waitUntil(
    () => text(deepQuery(el, '.time-left')) === en.qrTimeLeft(41),
    'the countdown did not stop',
    {
      timeout: 10_000,
    },
  );
}

describe('visual regression', () => {
  let tenant: SandboxTenant;
  let clock: sinon.SinonFakeTimers | undefined;

  before(() => {
    // Times of day are drawn in the page's time zone; the reference images show them in UTC.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!['UTC', 'Etc/UTC'].includes(zone)) throw new Error(`run the visual tests with TZ=UTC (not ${zone})`);
  });

  beforeEach(async () => {
    tenant = new SandboxTenant();
    // Codes that last ten minutes: none is renewed while the screenshots are taken.
    await tenant.scenario({
      timings: { ...fastTimings, whatsappFirstQrMs: 600_000, whatsappNextQrMs: 600_000 },
    });
  });

  afterEach(async () => {
    clock?.restore();
    clock = undefined;
    await setViewport({ width: 800, height: 600 });
  });

  it('channel-connect: the choice of channel and the WhatsApp QR step', async function () {
    this.timeout(120_000);
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    const el = await mount(
      html`<channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('.channel-option'), 'no channels', { timeout: 8000 });
    await compareAtEveryWidth(el, 'channel-connect/picker');

    buttonByText(el, 'WhatsApp').click();
    await holdCountdown(tenant, clock, el);
    await compareAtEveryWidth(el, 'channel-connect/whatsapp-qr');
  });

  it('qr-scanner: a fresh code', async function () {
    this.timeout(120_000);
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    const el = await mount(
      html`<qr-scanner base-url=${tenant.baseUrl} api-key=${tenant.apiKey} channel="whatsapp"></qr-scanner>`,
    );
    await holdCountdown(tenant, clock, el);
    await compareAtEveryWidth(el, 'qr-scanner/fresh');
  });

  it('qr-scanner: an expired code, blurred under its reload button', async function () {
    this.timeout(120_000);
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 1500, whatsappQrCount: 1 } });
    const el = await mount(
      html`<qr-scanner base-url=${tenant.baseUrl} api-key=${tenant.apiKey} channel="whatsapp"></qr-scanner>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('.qr.expired > svg'), 'the code did not expire', {
      timeout: 15_000,
    });
    await compareAtEveryWidth(el, 'qr-scanner/expired');
  });

  it('instagram-2fa: the code form, the resend countdown held', async function () {
    this.timeout(120_000);
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date', 'performance'] });
    const el = await mount(
      html`<instagram-2fa
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        account-id="ig_visual"
        checkpoint-type="sms"
        username="brand.store"
      ></instagram-2fa>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('input'), 'no code field', { timeout: 8000 });
    await compareAtEveryWidth(el, 'instagram-2fa/form');
  });

  it('phone-login: the MAX phone number step', async function () {
    this.timeout(120_000);
    const el = await mount(
      html`<phone-login base-url=${tenant.baseUrl} api-key=${tenant.apiKey} channel="max"></phone-login>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('input'), 'no phone field', { timeout: 8000 });
    await compareAtEveryWidth(el, 'phone-login/phone');
  });

  it('accounts-list: accounts of each kind, then the reconnect panel open', async function () {
    this.timeout(180_000);
    // The code expires 2 h 45 min after it is made: held 40.5 s before that, every account synced "2 hours ago".
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 2.75 * 3600_000 } });
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    const healthy = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
    const broken = await tenant.addChannel({
      type: 'whatsapp',
      username: '+966500000002',
      sync_status: 'CREDENTIALS',
      is_connected: false,
    });
    await tenant.addChannel({ type: 'telegram', username: '@shop_support', sync_status: 'ERROR' });
    await tenant.addChannel({ type: 'instagram', username: 'brand.store' });
    clock.setSystemTime(Date.parse(healthy.last_synced_at!) + 2.5 * 3600_000);
    const el = await mount(
      html`<accounts-list
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        channels="whatsapp telegram instagram"
        .pollInterval=${600_000}
      ></accounts-list>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="account"]').length === 4, 'no accounts', {
      timeout: 8000,
    });
    await compareAtEveryWidth(el, 'accounts-list/accounts');

    el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-id="${broken.id}"] .reconnect`)!.click();
    await holdCountdown(tenant, clock, el);
    await compareAtEveryWidth(el, 'accounts-list/reconnect-panel');
  });

  it('conversation-view: the list, then a thread open', async function () {
    this.timeout(180_000);
    clock = sinon.useFakeTimers({ now: FROZEN_NOW, toFake: ['Date'] });
    const at = (hoursBefore: number) => new Date(FROZEN_NOW - hoursBefore * 3600_000).toISOString();
    // Newest last: the list shows the latest first. Times today, yesterday, this week and earlier.
    await tenant.createConversation({
      contact: { name: 'Noura Al-Harbi', phone: '+966500000011', avatar_url: null },
      messages: 6,
      newest_at: at(24 * 9),
    });
    await tenant.createConversation({
      contact: { name: 'محمد العتيبي', phone: '+966500000012', avatar_url: null },
      messages: 6,
      newest_at: at(24 * 3),
    });
    await tenant.createConversation({
      contact: { name: null, phone: '+966500000013', avatar_url: null },
      messages: 6,
      newest_at: at(26),
    });
    const latest = await tenant.createConversation({
      contact: { name: 'Sara Haddad', phone: '+966500000014' },
      messages: 12,
      newest_at: at(1.5),
    });
    const inbox = async () => {
      const el = await mount(
        html`<conversation-view
          base-url=${tenant.baseUrl}
          api-key=${tenant.apiKey}
          .pollInterval=${600_000}
          style="--inbox-conversation-height: 600px"
        ></conversation-view>`,
      );
      await waitUntil(
        () => el.shadowRoot!.querySelectorAll('[part="conversation"]').length === 4,
        'no conversations',
        { timeout: 8000 },
      );
      return el;
    };
    await compareAtEveryWidth(await inbox(), 'conversation-view/list');

    // A thread is opened at each width, as a user at that width opens it (scrolled to its newest message).
    for (const width of WIDTHS) {
      document.querySelector('conversation-view')!.parentElement!.remove();
      await setViewport({ width, height: HEIGHT });
      const el = await inbox();
      const root = el.shadowRoot!;
      root.querySelector<HTMLElement>(`[part="conversation"][data-id="${latest.id}"]`)!.click();
      await waitUntil(() => root.querySelector('[part="messages"] [part="bubble"]'), 'no thread', {
        timeout: 8000,
      });
      await waitUntil(
        () => !root.querySelector(`[part="conversation"][data-id="${latest.id}"] [part="unread"]`),
        'the open conversation still counts unread messages',
        { timeout: 8000 },
      );
      await settled(el);
      await visualDiff(el, `conversation-view/thread-${width}`);
    }
  });
});

/**
 * Each element inside the host layouts pages use (a flex row and a grid with a `1fr` track, both with their
 * default minimum sizes) at 320, 390, 768 and 1280 px, in the states that matter: it never makes its column
 * wider, nothing in it runs past its edges, and it does not scroll sideways. 200 % zoom at 640 px is a
 * 320 px layout: the 320 px case covers it (checked once with `document.documentElement.style.zoom`).
 */
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { html, type TemplateResult } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

const WIDTHS = [320, 390, 768, 1280];
const HOSTS = ['flex', 'grid'] as const;
type Host = (typeof HOSTS)[number];

function hostPage(host: Host, element: TemplateResult): TemplateResult {
  const layout =
    host === 'flex'
      ? 'display: flex; gap: 12px; padding: 8px'
      : 'display: grid; grid-template-columns: auto 1fr; gap: 12px; padding: 8px';
  // A side rail from tablet widths up, as host pages have; a phone page gives the element its whole width.
  return html`<div data-host style="${layout}; box-sizing: border-box; inline-size: 100%">
    <style>
      @media (max-width: 599px) {
        [data-host] > nav {
          display: none;
        }
      }
    </style>
    <nav style="${host === 'flex' ? 'flex: 0 0 40px' : 'inline-size: 40px'}"></nav>
    <div data-column style="${host === 'flex' ? 'flex: 1' : 'grid-column: 2'}">${element}</div>
  </div>`;
}

/** Every element under `root`, through open shadow roots. */
function allElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...allElements(element.shadowRoot));
  }
  return found;
}

/** Whether something between `element` and `outer` clips it (a scroller, or a box cut with an ellipsis). */
function clipped(element: Element, outer: Element): boolean {
  const parentOf = (node: Element): Element | null =>
    node.parentElement ?? (node.getRootNode() as Partial<ShadowRoot>).host ?? null;
  for (let node = parentOf(element); node && node !== outer; node = parentOf(node)) {
    if (getComputedStyle(node).overflowX !== 'visible') return true;
  }
  return false;
}

function assertFits(el: HTMLElement, label: string): void {
  const viewport = document.documentElement.clientWidth;
  const host = document.querySelector<HTMLElement>('[data-host]')!;
  const column = document.querySelector<HTMLElement>('[data-column]')!;
  const box = el.getBoundingClientRect();
  const spills = allElements(el.shadowRoot!)
    .filter((inner) => {
      const rect = inner.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) return false;
      return (rect.right > box.right + 1 || rect.left < box.left - 1) && !clipped(inner, el);
    })
    .map(
      (inner) =>
        `<${inner.localName} ${inner.getAttribute('part') ?? inner.className}> ${Math.round(inner.getBoundingClientRect().width)}px`,
    );
  expect(spills, `${label}: runs past the element's edges`).to.deep.equal([]);
  const pastViewport = allElements(el.shadowRoot!)
    .filter((inner) => inner.getBoundingClientRect().right > viewport + 1 && !clipped(inner, el))
    .map((inner) => `<${inner.localName} ${inner.getAttribute('part') ?? inner.className}>`)
    .slice(-4);
  expect(
    host.scrollWidth,
    `${label}: the host page scrolls sideways (${pastViewport.join(' ')})`,
  ).to.be.at.most(host.clientWidth);
  expect(column.getBoundingClientRect().right, `${label}: the column was widened`).to.be.at.most(viewport);
  expect(el.scrollWidth, `${label}: the element scrolls sideways`).to.be.at.most(el.clientWidth);
}

interface Case {
  name: string;
  /** Data the element finds when it loads. */
  prepare?(tenant: SandboxTenant): Promise<unknown>;
  element(tenant: SandboxTenant): TemplateResult;
  /** Brings the element into each state to check, naming it. */
  states(el: HTMLElement): AsyncGenerator<string>;
}

function hasButton(el: HTMLElement, label: string): boolean {
  return [...el.shadowRoot!.querySelectorAll('button')].some((button) =>
    button.textContent?.replace(/\s+/g, ' ').trim().endsWith(label),
  );
}

function byText(el: HTMLElement, label: string): HTMLButtonElement {
  const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((candidate) =>
    candidate.textContent?.includes(label),
  );
  if (!button) throw new Error(`no "${label}" button`);
  return button;
}

const cases: Case[] = [
  {
    name: 'conversation-view',
    element: (tenant) =>
      html`<conversation-view
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        style="--inbox-conversation-height: 480px"
      ></conversation-view>`,
    async prepare(tenant) {
      const conversation = await tenant.createConversation({
        messages: 3,
        all_types: true,
        contact: { name: 'Alexandria Konstantinopoulou-Vanderbilt de la Fontaine', phone: '+966560214812' },
      });
      await tenant.incoming(conversation.id, { text: `https://example.com/${'a'.repeat(300)}` });
    },
    async *states(el) {
      const root = el.shadowRoot!;
      await waitUntil(() => root.querySelector('[part="conversation"]'), 'no conversation', {
        timeout: 8000,
      });
      yield 'the list';
      root.querySelector<HTMLButtonElement>('[part="conversation"]')!.click();
      await waitUntil(() => root.querySelector('[part="messages"] [part="bubble"]'), 'no thread', {
        timeout: 8000,
      });
      yield 'a thread open';
    },
  },
  {
    name: 'accounts-list',
    element: (tenant) =>
      html`<accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></accounts-list>`,
    async prepare(tenant) {
      await tenant.addChannel({ type: 'whatsapp', username: '+966500000001', sync_status: 'CREDENTIALS' });
      await tenant.addChannel({
        type: 'instagram',
        username: 'a.rather.long.instagram.username.for.a.brand',
      });
    },
    async *states(el) {
      await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="account"]').length === 2, 'no accounts', {
        timeout: 8000,
      });
      yield 'the list';
      byText(el, en.accountsReconnect).click();
      await waitUntil(() => el.shadowRoot!.querySelector('channel-connect'), 'no reconnect panel', {
        timeout: 8000,
      });
      await waitUntil(() =>
        el.shadowRoot!.querySelector('channel-connect')!.shadowRoot?.querySelector('button'),
      );
      yield 'the reconnect panel open';
    },
  },
  {
    name: 'channel-connect',
    element: (tenant) =>
      html`<channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>`,
    async *states(el) {
      await waitUntil(() => el.shadowRoot!.querySelector('button'), 'no choice', { timeout: 8000 });
      yield 'the choice of channel';
      for (const channel of ['WhatsApp', 'Instagram', 'Telegram']) {
        byText(el, channel).click();
        await waitUntil(() => hasButton(el, en.back), `the ${channel} step did not open`, { timeout: 8000 });
        yield `the ${channel} step`;
        byText(el, en.back).click();
        await waitUntil(() => !hasButton(el, en.back), 'not back at the choice', { timeout: 8000 });
      }
    },
  },
  {
    name: 'qr-scanner',
    element: (tenant) =>
      html`<qr-scanner base-url=${tenant.baseUrl} api-key=${tenant.apiKey} channel="whatsapp"></qr-scanner>`,
    async *states(el) {
      await waitUntil(() => el.shadowRoot!.querySelector('svg, img, canvas'), 'no code', { timeout: 8000 });
      yield 'the code';
    },
  },
  {
    name: 'instagram-2fa',
    element: (tenant) =>
      html`<instagram-2fa
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        account-id="acc-1"
        checkpoint-type="sms"
        username="a.rather.long.instagram.username.for.a.brand"
      ></instagram-2fa>`,
    async *states(el) {
      await waitUntil(() => el.shadowRoot!.querySelector('input'), 'no code field', { timeout: 8000 });
      yield 'the code form';
    },
  },
];

describe('layout in host pages', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(async () => {
    document.documentElement.style.zoom = '';
    await setViewport({ width: 800, height: 600 });
  });

  for (const testCase of cases) {
    for (const host of HOSTS) {
      it(`<${testCase.name}> in a ${host} page never widens its column (320, 390, 768, 1280 px)`, async function () {
        this.timeout(90000);
        await setViewport({ width: WIDTHS[0], height: 800 });
        await testCase.prepare?.(tenant);
        const page = await fixture<HTMLElement>(hostPage(host, testCase.element(tenant)));
        const el = page.querySelector<HTMLElement>(testCase.name)!;
        for await (const state of testCase.states(el)) {
          for (const width of WIDTHS) {
            await setViewport({ width, height: 800 });
            await new Promise((resolve) => requestAnimationFrame(resolve));
            assertFits(el, `${state} at ${width} px`);
          }
        }
      });
    }
  }

  it('<conversation-view> with a thread open at 200 % zoom in a 640 px window', async function () {
    this.timeout(60000);
    await setViewport({ width: 640, height: 800 });
    document.documentElement.style.zoom = '2';
    await cases[0].prepare?.(tenant);
    const page = await fixture<HTMLElement>(hostPage('grid', cases[0].element(tenant)));
    const el = page.querySelector<HTMLElement>('conversation-view')!;
    for await (const state of cases[0].states(el)) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const host = document.querySelector<HTMLElement>('[data-host]')!;
      expect(host.scrollWidth, `${state}: the page scrolls sideways`).to.be.at.most(host.clientWidth);
      expect(el.scrollWidth, `${state}: the element scrolls sideways`).to.be.at.most(el.clientWidth);
    }
  });
});

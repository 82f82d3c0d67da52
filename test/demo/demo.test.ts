import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { ar } from '../../src/i18n/ar.js';
import { en } from '../../src/i18n/en.js';
import { decodeQrSvg } from '../helpers/qr.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import '../helpers/lit-warnings.js';

function deepQuery<T extends Element>(root: ParentNode, ...selectors: string[]): T | null {
  let current: ParentNode | null = root;
  for (const [index, selector] of selectors.entries()) {
    const found: Element | null = current.querySelector(selector);
    if (!found) return null;
    if (index === selectors.length - 1) return found as T;
    current = found.shadowRoot;
    if (!current) return null;
  }
  return null;
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function base(el: Element): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
}

function computed(el: Element): CSSStyleDeclaration {
  return el.ownerDocument.defaultView!.getComputedStyle(el);
}

async function openDemo(tenant: SandboxTenant): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'inline-size: 1000px; block-size: 900px; border: 0';
  frame.src = `/demo/index.html?tenant=${encodeURIComponent(tenant.apiKey)}`;
  document.body.append(frame);
  await waitUntil(() => frame.contentDocument?.body?.dataset.sandboxReady === 'true', 'demo did not load', {
    timeout: 20000,
  });
  return frame;
}

describe('the demo page', () => {
  let frame: HTMLIFrameElement;

  afterEach(() => frame?.remove());

  it('switches the theme, language and direction of every element, nested ones included', async function () {
    this.timeout(60000);
    const tenant = new SandboxTenant();
    frame = await openDemo(tenant);
    await tenant.scenario({ timings: { whatsappFirstQrMs: 30000 } });
    const page = frame.contentDocument!;
    const connect = page.querySelector('channel-connect')!;
    const accounts = page.querySelector('accounts-list')!;
    const inbox = page.querySelector('conversation-view')!;
    const choose = (id: string, value: string) => {
      const select = page.querySelector<HTMLSelectElement>(id)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    connect.shadowRoot!.querySelector<HTMLButtonElement>('.channel-option')!.click();
    await waitUntil(() => deepQuery(page, 'channel-connect', 'qr-scanner', 'svg[role="img"]'), 'no QR step', {
      timeout: 10000,
    });
    const scanner = deepQuery<HTMLElement>(page, 'channel-connect', 'qr-scanner')!;
    const all = [connect, accounts, inbox, scanner];
    const backgrounds = () => all.map((el) => computed(base(el)).backgroundColor);
    const directions = () => all.map((el) => computed(base(el)).direction);

    expect(backgrounds()).to.deep.equal(Array(4).fill('rgb(255, 255, 255)'));
    choose('#theme-switch', 'dark');
    await waitUntil(() => backgrounds().every((color) => color === 'rgb(22, 27, 34)'), 'not all dark');
    expect(all.every((el) => el.getAttribute('theme') === 'dark')).to.equal(true);
    choose('#theme-switch', 'system');
    await waitUntil(() => backgrounds().every((color) => color === 'rgb(255, 255, 255)'), 'not all light');
    expect(all.some((el) => el.hasAttribute('theme'))).to.equal(false);

    choose('#lang-switch', 'ar');
    await waitUntil(
      () =>
        text(base(accounts)).includes(ar.accountsHeading) &&
        text(base(inbox)).includes(ar.conversationsHeading) &&
        text(base(scanner)).includes(ar.qrStepsWhatsapp[0]) &&
        text(connect.shadowRoot!.querySelector('.step-heading')) ===
          ar.linkChannelHeading(ar.channelName('whatsapp')),
      'not every element speaks Arabic',
      { timeout: 10000 },
    );
    expect(directions()).to.deep.equal(['rtl', 'rtl', 'rtl', 'rtl']);
    choose('#dir-switch', 'ltr');
    await waitUntil(() => directions().every((dir) => dir === 'ltr'), 'not all left to right');
    expect(text(base(scanner))).to.include(ar.qrStepsWhatsapp[0]);
    choose('#dir-switch', 'rtl');
    choose('#lang-switch', 'en');
    await waitUntil(
      () =>
        text(base(accounts)).includes(en.accountsHeading) &&
        text(base(scanner)).includes(en.qrStepsWhatsapp[0]),
      'not back in English',
    );
    expect(directions()).to.deep.equal(['rtl', 'rtl', 'rtl', 'rtl']);
    choose('#dir-switch', 'auto');
    await waitUntil(
      () => directions().every((dir) => dir === 'ltr'),
      'English did not go back to left to right',
    );
  });

  it('links WhatsApp: the drawn code is the sandbox code, it rotates, and the simulated scan links it', async function () {
    this.timeout(60000);
    const tenant = new SandboxTenant();
    frame = await openDemo(tenant);
    await tenant.scenario({
      timings: {
        whatsappFirstQrMs: 3000,
        whatsappNextQrMs: 3000,
        scanToCompleteMs: 500,
        connectingToOkMs: 500,
      },
    });

    const page = frame.contentDocument!;
    const connect = page.querySelector('channel-connect')!;
    const whatsappOption = () =>
      [...(connect.shadowRoot?.querySelectorAll<HTMLButtonElement>('.channel-option') ?? [])].find((button) =>
        button.textContent?.includes('WhatsApp'),
      );
    await waitUntil(whatsappOption, 'no WhatsApp option in the demo', { timeout: 15000 });
    whatsappOption()!.click();

    const drawnCode = async () => {
      const svg = deepQuery<SVGSVGElement>(page, 'channel-connect', 'qr-scanner', 'svg[role="img"]');
      return svg ? decodeQrSvg(svg) : null;
    };

    await waitUntil(async () => (await tenant.attempt('whatsapp'))?.qr_code, 'no attempt', {
      timeout: 10000,
    });
    const first = (await tenant.attempt('whatsapp'))!;
    await waitUntil(
      async () => (await drawnCode()) === first.qr_code,
      'the drawn code is not the sandbox code',
      {
        timeout: 10000,
      },
    );
    expect(first.qr_code).to.match(/^2@[^,]+,[^,]+,[^,]+,[^,]+$/);

    await waitUntil(
      async () => ((await tenant.attempt('whatsapp'))?.qr_index ?? 0) >= 2,
      'the code did not rotate',
      {
        timeout: 10000,
      },
    );
    const second = (await tenant.attempt('whatsapp'))!;
    expect(second.qr_code).not.to.equal(first.qr_code);
    await waitUntil(async () => (await drawnCode()) === second.qr_code, 'the rotated code was not drawn', {
      timeout: 10000,
    });

    page.querySelector<HTMLButtonElement>('#scan')!.click();
    await waitUntil(
      () => connect.shadowRoot!.querySelector('.step-heading')?.textContent?.trim() === 'WhatsApp is linked',
      'the widget did not reach the linked state',
      { timeout: 15000 },
    );
    expect(page.querySelector('#event-log')!.textContent).to.contain('inbox-connected');
  });
});

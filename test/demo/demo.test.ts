import { expect, waitUntil } from '@open-wc/testing';
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

describe('the demo page', () => {
  let frame: HTMLIFrameElement;

  afterEach(() => frame?.remove());

  it('links WhatsApp: the drawn code is the sandbox code, it rotates, and the simulated scan links it', async function () {
    this.timeout(60000);
    const tenant = new SandboxTenant();
    frame = document.createElement('iframe');
    frame.style.cssText = 'inline-size: 1000px; block-size: 900px; border: 0';
    frame.src = `/demo/index.html?tenant=${encodeURIComponent(tenant.apiKey)}`;
    document.body.append(frame);
    await waitUntil(() => frame.contentDocument?.body?.dataset.sandboxReady === 'true', 'demo did not load', {
      timeout: 20000,
    });
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
    const whatsapp = [...connect.shadowRoot!.querySelectorAll<HTMLButtonElement>('.channel-option')].find(
      (button) => button.textContent?.includes('WhatsApp'),
    )!;
    whatsapp.click();

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

import { expect } from '@open-wc/testing';
import { waitUntil } from './async.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import { fastTimings, SandboxTenant } from './sandbox.js';

/**
 * What every embedding page shows (the example apps and the script-tag pages): a checkbox "Offer Instagram
 * too" that the page turns into `<channel-connect>`'s `channels` property, the step it last heard of in
 * `#step`, and the accounts linked through it in `#linked`, both from the element's events.
 */
export interface EmbeddedPage {
  frame: HTMLIFrameElement;
  document: Document;
  connect: ChannelConnect;
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The channels `<channel-connect>` offers, as the user reads them. */
export function offeredChannels(page: EmbeddedPage): string[] {
  return [...(page.connect.shadowRoot?.querySelectorAll('.channel-option') ?? [])].map((option) =>
    text(option),
  );
}

/** Loads `path` in an iframe of this page, pointed at `tenant` through its address. */
export async function openEmbeddedPage(path: string, tenant: SandboxTenant): Promise<EmbeddedPage> {
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '900px';
  frame.style.blockSize = '700px';
  const query = new URLSearchParams({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
  frame.src = `${path}?${query}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await waitUntil(
    () => doc.querySelector('channel-connect')?.shadowRoot?.querySelector('.channel-option'),
    `${path} did not render <channel-connect> with its channel picker`,
    { timeout: 10000 },
  );
  return {
    frame,
    document: doc,
    connect: doc.querySelector('channel-connect')!,
  };
}

/** The same three checks for each way in: it renders, a property reaches the element, events reach the page. */
export function describeEmbedding(title: string, path: string): void {
  describe(title, () => {
    let tenant: SandboxTenant;
    let page: EmbeddedPage;

    beforeEach(async () => {
      tenant = new SandboxTenant();
      await tenant.scenario({ timings: fastTimings });
      page = await openEmbeddedPage(path, tenant);
    });

    afterEach(() => {
      page?.frame.remove();
    });

    it('renders <channel-connect>, defined and drawn, with the page around it', () => {
      expect(page.frame.contentWindow!.customElements.get('channel-connect')).to.exist;
      expect(text(page.document.querySelector('#step'))).to.equal('Step: pick');
      expect(page.document.querySelectorAll('#linked li')).to.have.length(0);
    });

    it('hands the channels the page sets, and their changes, to the element', async () => {
      expect(page.connect.channels).to.deep.equal(['whatsapp', 'telegram']);
      const offered = offeredChannels(page);
      expect(offered).to.have.length(2);
      expect(offered[0]).to.contain('WhatsApp');
      expect(offered[1]).to.contain('Telegram');

      page.document.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
      await waitUntil(
        () => offeredChannels(page).length === 3,
        'the element did not offer Instagram once the page asked for it',
      );
      expect(page.connect.channels).to.deep.equal(['whatsapp', 'telegram', 'instagram']);
      expect(offeredChannels(page)[2]).to.contain('Instagram');
    });

    it("hands the element's events to the page's handlers, which show them", async () => {
      const whatsapp = [
        ...page.connect.shadowRoot!.querySelectorAll<HTMLButtonElement>('.channel-option'),
      ].find((option) => text(option).includes('WhatsApp'))!;
      whatsapp.click();
      await waitUntil(
        () => text(page.document.querySelector('#step')) === 'Step: qr',
        'the page never showed "Step: qr" after the user picked WhatsApp',
      );

      await waitUntil(async () => (await tenant.attempt('whatsapp'))?.qr_code, 'no QR attempt started', {
        timeout: 8000,
      });
      await tenant.scan((await tenant.attempt('whatsapp'))!.account_id);
      await waitUntil(() => page.document.querySelector('#linked li'), 'the page never heard of the link', {
        timeout: 10000,
      });
      const [channel] = (await tenant.state()).channels;
      expect(text(page.document.querySelector('#linked'))).to.equal(`whatsapp: ${channel.username}`);
      expect(text(page.document.querySelector('#step'))).to.equal('Step: done');
    });
  });
}

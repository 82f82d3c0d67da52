/**
 * The Add-account and Reconnect panels of accounts-list show one header, the nested channel-connect's:
 * its step heading and its Cancel, which closes the panel; Escape does too, and the focus goes back to
 * the button that opened the panel.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import { en } from '../../src/i18n/en.js';
import { deepActive, shadow, text } from '../helpers/elements.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

async function mount(tenant: SandboxTenant): Promise<AccountsList> {
  const el = await fixture<AccountsList>(
    html`<accounts-list
      base-url=${tenant.baseUrl}
      api-key=${tenant.apiKey}
      channels="whatsapp telegram instagram"
      .pollInterval=${30_000}
    ></accounts-list>`,
  );
  await waitUntil(() => shadow(el).querySelector('[part="account"], [part="empty"]'), 'no list', {
    timeout: 8000,
  });
  return el;
}

function panel(el: AccountsList): HTMLElement | null {
  return shadow(el).querySelector<HTMLElement>('[part="panel"]');
}

/** The nested channel-connect, once it has drawn its first step. */
async function nestedConnect(el: AccountsList): Promise<HTMLElement> {
  await waitUntil(
    () => panel(el)?.querySelector('[part="connect"]')?.shadowRoot?.querySelector('.step-heading'),
    'channel-connect did not show a step',
    { timeout: 8000 },
  );
  return panel(el)!.querySelector<HTMLElement>('[part="connect"]')!;
}

/** Headings and buttons that close, in the panel and in the channel-connect nested in it. */
function headerControls(el: AccountsList, connect: HTMLElement) {
  const roots: ParentNode[] = [panel(el)!, shadow(connect)];
  const all = (selector: string) => roots.flatMap((root) => [...root.querySelectorAll(selector)]);
  return {
    headings: all('h1, h2, h3, h4, [role="heading"]').map(text),
    closers: all('button')
      .map(text)
      .filter((label) => label === en.cancel || label === 'Close'),
  };
}

function addButton(el: AccountsList): HTMLButtonElement {
  return shadow(el).querySelector<HTMLButtonElement>('.add')!;
}

describe('accounts-list: the linking panel has one header', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 60_000 } });
  });

  it('Add account: one heading and one Cancel, named after the panel; Cancel closes it and the focus goes back', async () => {
    await tenant.addChannel({ type: 'telegram', username: '@shop' });
    const el = await mount(tenant);
    addButton(el).focus();
    await sendKeys({ press: 'Enter' });
    const connect = await nestedConnect(el);
    expect(panel(el)!.getAttribute('aria-label')).to.equal(en.accountsAddHeading);
    expect(headerControls(el, connect)).to.deep.equal({
      headings: [en.connectHeading],
      closers: [en.cancel],
    });
    await waitUntil(() => deepActive()?.matches('.step-heading'), 'the step heading is not focused');
    await expect(el).to.be.accessible();

    shadow(connect).querySelector<HTMLButtonElement>('.cancel')!.click();
    await waitUntil(() => panel(el) === null, 'Cancel did not close the panel');
    await waitUntil(() => deepActive() === addButton(el), 'the focus did not go back to Add account');
  });

  it('Add account: Escape closes the panel, from its heading and from a later step', async () => {
    await tenant.addChannel({ type: 'telegram', username: '@shop' });
    const el = await mount(tenant);
    addButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await nestedConnect(el);
    await waitUntil(() => deepActive()?.matches('.step-heading'), 'the step heading is not focused');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => panel(el) === null, 'Escape did not close the panel');
    await waitUntil(() => deepActive() === addButton(el), 'the focus did not go back to Add account');

    await sendKeys({ press: 'Enter' });
    const connect = await nestedConnect(el);
    const whatsapp = [...shadow(connect).querySelectorAll<HTMLButtonElement>('.channel-option')].find(
      (option) => text(option).includes('WhatsApp'),
    )!;
    whatsapp.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(connect).querySelector('.back'), 'the WhatsApp step did not open');
    expect(headerControls(el, connect).closers).to.deep.equal([en.cancel]);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => panel(el) === null, 'Escape did not close the panel on the QR step');
    await waitUntil(() => deepActive() === addButton(el), 'the focus did not go back to Add account');
  });

  it('Reconnect: one heading and one Cancel; Escape closes it and the focus goes back to Reconnect', async () => {
    const broken = await tenant.addChannel({
      type: 'whatsapp',
      username: '+966500000001',
      sync_status: 'CREDENTIALS',
      is_connected: false,
    });
    const el = await mount(tenant);
    const reconnect = shadow(el).querySelector<HTMLButtonElement>(`[data-id="${broken.id}"] .reconnect`)!;
    reconnect.focus();
    await sendKeys({ press: 'Enter' });
    const connect = await nestedConnect(el);
    expect(panel(el)!.getAttribute('aria-label')).to.equal('Reconnect WhatsApp +966500000001');
    expect(headerControls(el, connect).headings).to.have.length(1);
    expect(headerControls(el, connect).closers).to.deep.equal([en.cancel]);
    await waitUntil(() => deepActive()?.matches('.step-heading'), 'the step heading is not focused');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => panel(el) === null, 'Escape did not close the panel');
    await waitUntil(() => deepActive() === reconnect, 'the focus did not go back to Reconnect');

    reconnect.click();
    const again = await nestedConnect(el);
    shadow(again).querySelector<HTMLButtonElement>('.cancel')!.click();
    await waitUntil(() => panel(el) === null, 'Cancel did not close the panel');
    await waitUntil(() => deepActive() === reconnect, 'the focus did not go back to Reconnect');
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import { nothing } from 'lit';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { Channel } from '../../src/api/types.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function buttonByText(root: ParentNode, label: string): HTMLButtonElement {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = buttons.find((button) => text(button).startsWith(label));
  if (!found) throw new Error(`no button "${label}" among: ${buttons.map((b) => text(b)).join(' | ')}`);
  return found;
}

function rows(el: AccountsList): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('[part="account"]')];
}

function row(el: AccountsList, id: number): HTMLElement {
  const found = shadow(el).querySelector<HTMLElement>(`[part="account"][data-id="${id}"]`);
  if (!found) throw new Error(`no row for channel ${id}`);
  return found;
}

/** The element focused inside `root`'s shadow trees, however deep. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function mountList(tenant: SandboxTenant, socket = false): Promise<AccountsList> {
  const el = await fixture<AccountsList>(
    html`<accounts-list
      base-url=${tenant.baseUrl}
      api-key=${tenant.apiKey}
      socket-url=${socket ? tenant.socketUrl : nothing}
      .pollInterval=${30_000}
    ></accounts-list>`,
  );
  await waitUntil(() => shadow(el).querySelector('[part="account"], [part="empty"]'), 'no list', {
    timeout: 8000,
  });
  return el;
}

async function nestedConnect(root: ParentNode): Promise<ChannelConnect> {
  await waitUntil(() => root.querySelector('channel-connect'), 'the linking steps never loaded');
  const connect = root.querySelector<ChannelConnect>('channel-connect')!;
  await connect.updateComplete;
  return connect;
}

async function connectCalls(tenant: SandboxTenant, path: string) {
  return (await tenant.requests()).filter((request) => request.method === 'POST' && request.path === path);
}

describe('flows that never dead-end', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => tenant.reset());

  describe('Reconnect links that account again in place', () => {
    it('WhatsApp in Error: no 409, the scan keeps the row and its id', async () => {
      const broken = await tenant.addChannel({
        type: 'whatsapp',
        username: '+966500000001',
        sync_status: 'ERROR',
        is_connected: true,
      });
      const el = await mountList(tenant);
      row(el, broken.id).querySelector<HTMLButtonElement>('.reconnect')!.click();
      const connect = await nestedConnect(row(el, broken.id));
      expect(connect.relink?.id).to.equal(broken.id);
      await waitUntil(async () => (await tenant.attempt('whatsapp'))?.qr_code, 'no QR code', {
        timeout: 8000,
      });
      const [call] = await connectCalls(tenant, '/api/v1/channels/whatsapp/connect');
      expect(call?.body).to.deep.equal({ id: broken.id });
      expect(call?.status).to.equal(200);

      const connected = oneEvent(el, 'inbox-connected');
      await tenant.scan((await tenant.attempt('whatsapp'))!.account_id);
      const linked = (await connected).detail.channel as Channel;
      expect(linked.id).to.equal(broken.id);
      await waitUntil(() => shadow(el).querySelector('[part="panel"]') === null, 'the panel stayed');
      await waitUntil(
        () => rows(el).length === 1 && rows(el)[0]?.dataset.id === String(broken.id),
        'two rows',
      );
      expect(text(row(el, broken.id).querySelector('[part="badge"]'))).not.to.equal('Error');
      expect((await tenant.state()).channels).to.have.length(1);
    });

    it('Instagram with a changed password: the username is filled in, and the row is replaced', async () => {
      const broken = await tenant.addChannel({
        type: 'instagram',
        username: 'my_brand',
        sync_status: 'CREDENTIALS',
        is_connected: false,
      });
      await tenant.scenario({ instagram: 'connected' });
      const el = await mountList(tenant);
      row(el, broken.id).querySelector<HTMLButtonElement>('.reconnect')!.click();
      const connect = await nestedConnect(row(el, broken.id));
      const username = shadow(connect).querySelector<HTMLInputElement>('input[name="username"]')!;
      expect(username.value).to.equal('my_brand');
      expect(username.readOnly).to.equal(true);
      await expect(el).to.be.accessible();

      const password = shadow(connect).querySelector<HTMLInputElement>('input[name="password"]')!;
      password.focus();
      await sendKeys({ type: 'new-secret' });
      const connected = oneEvent(el, 'inbox-connected');
      await sendKeys({ press: 'Enter' });
      expect(((await connected).detail.channel as Channel).id).to.equal(broken.id);
      const [call] = await connectCalls(tenant, '/api/v1/channels/instagram/connect');
      expect(call?.status).to.equal(200);
      expect(call?.body).to.include({ username: 'my_brand', id: broken.id });
      await waitUntil(() => rows(el).length === 1, 'a second row was added');
      expect((await tenant.state()).channels).to.have.length(1);
    });
  });

  describe('success notes', () => {
    it('"Refreshed" disappears as soon as the status moves on, and by itself after a while', async function () {
      this.timeout(40_000);
      const channel = await tenant.addChannel({ type: 'telegram', sync_status: 'OK', is_connected: true });
      const el = await mountList(tenant, true);
      const note = () => row(el, channel.id).querySelector('[part="message"]');
      row(el, channel.id).querySelector<HTMLButtonElement>('.refresh')!.click();
      await waitUntil(() => note(), 'no success note');
      expect(text(note())).to.equal(en.accountsRefreshed('Healthy'));

      await tenant.control('PATCH', `channels/${channel.id}`, { sync_status: 'ERROR' });
      await waitUntil(
        () => text(row(el, channel.id).querySelector('[part="badge"]')) === 'Error',
        'no Error',
        { timeout: 15_000 },
      );
      expect(note(), 'a note saying Healthy under an Error badge').to.equal(null);

      row(el, channel.id).querySelector<HTMLButtonElement>('.refresh')!.click();
      await waitUntil(() => note(), 'no second note');
      expect(text(note())).to.equal(en.accountsRefreshed('Error'));
      await waitUntil(() => note() === null, 'the note stayed', { timeout: 9000 });
    });
  });

  describe('<channel-connect> cancel', () => {
    it('Cancel on the first step says so, fires inbox-cancelled and gives the focus back', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <button type="button" id="opener">Link an account</button>
          <channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>
        </div>`,
      );
      const el = wrapper.querySelector<ChannelConnect>('channel-connect')!;
      const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
      opener.focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActive()?.classList.contains('cancel')).to.equal(true);
      const cancelled = oneEvent(el, 'inbox-cancelled');
      await sendKeys({ press: 'Enter' });
      const event = await cancelled;
      expect(event.bubbles && event.composed).to.equal(true);
      await el.updateComplete;
      expect(text(shadow(el))).to.contain(en.connectCancelledHeading);
      expect(document.activeElement).to.equal(opener);
      await expect(el).to.be.accessible();

      buttonByText(shadow(el), en.connectStartAgain).click();
      await el.updateComplete;
      expect(text(shadow(el))).to.contain(en.connectHeading);
    });

    it('Escape anywhere in the flow is Cancel: back to the start, then out', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <button type="button" id="opener">Link an account</button>
          <channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>
        </div>`,
      );
      const el = wrapper.querySelector<ChannelConnect>('channel-connect')!;
      const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
      opener.focus();
      await sendKeys({ press: 'Tab' });
      buttonByText(shadow(el), 'Instagram').click();
      await el.updateComplete;
      shadow(el).querySelector<HTMLInputElement>('input[name="username"]')!.focus();
      await sendKeys({ type: 'brand' });
      // Mid-way, Escape goes back to the start, as Cancel does.
      let cancelled = oneEvent(el, 'inbox-cancelled');
      await sendKeys({ press: 'Escape' });
      await cancelled;
      await el.updateComplete;
      expect(text(shadow(el))).to.contain(en.connectHeading);
      expect(shadow(el).activeElement?.classList.contains('step-heading')).to.equal(true);
      // At the start, it ends the flow and the focus goes back where it came from.
      cancelled = oneEvent(el, 'inbox-cancelled');
      await sendKeys({ press: 'Escape' });
      await cancelled;
      await el.updateComplete;
      expect(text(shadow(el))).to.contain(en.connectCancelledHeading);
      expect(document.activeElement).to.equal(opener);
    });

    it('Escape in the nested flow of accounts-list closes its panel and focuses Add account again', async () => {
      await tenant.addChannel({ type: 'telegram', sync_status: 'OK' });
      const el = await mountList(tenant);
      shadow(el).querySelector<HTMLButtonElement>('.add')!.click();
      const connect = await nestedConnect(shadow(el));
      buttonByText(shadow(connect), 'Instagram').click();
      await connect.updateComplete;
      shadow(connect).querySelector<HTMLInputElement>('input[name="username"]')!.focus();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => shadow(el).querySelector('[part="panel"]') === null, 'the panel stayed open');
      // The Add button hides while its panel is open: the one shown again takes the focus.
      await waitUntil(
        () => shadow(el).activeElement === shadow(el).querySelector('.add'),
        'focus did not return to Add account',
      );
    });
  });

  describe('Instagram', () => {
    async function signIn(tenant: SandboxTenant, password: string): Promise<ChannelConnect> {
      const el = await fixture<ChannelConnect>(
        html`<channel-connect
          base-url=${tenant.baseUrl}
          api-key=${tenant.apiKey}
          channels="instagram"
        ></channel-connect>`,
      );
      shadow(el).querySelector<HTMLInputElement>('input[name="username"]')!.focus();
      await sendKeys({ type: 'my_brand' });
      shadow(el).querySelector<HTMLInputElement>('input[name="password"]')!.focus();
      await sendKeys({ type: password });
      await sendKeys({ press: 'Enter' });
      return el;
    }

    it('says a wrong password once, under the password it asks for again', async () => {
      const el = await signIn(tenant, 'wrong');
      const password = shadow(el).querySelector<HTMLInputElement>('input[name="password"]')!;
      await waitUntil(() => password.getAttribute('aria-invalid') === 'true', 'no error shown', {
        timeout: 8000,
      });
      const red = [...shadow(el).querySelectorAll('.error, .field-error, [role="alert"]')];
      expect(red.map((node) => text(node))).to.deep.equal([
        `The username or password is incorrect. ${en.passwordRetype}`,
      ]);
      expect(password.getAttribute('aria-describedby')).to.contain('password-error');
      await waitUntil(() => shadow(el).activeElement === password, 'the password field was not focused');
      await expect(el).to.be.accessible();
    });

    it('"Send a new code" empties the code field of the old code', async () => {
      const response = await fetch(`${tenant.baseUrl}/api/v1/channels/instagram/connect`, {
        method: 'POST',
        headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'my_brand', password: 'secret' }),
      });
      const { data } = (await response.json()) as { data: { account_id: string } };
      const verify = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(
        html`<instagram-2fa
          base-url=${tenant.baseUrl}
          api-key=${tenant.apiKey}
          account-id=${data.account_id}
          resend-cooldown="0"
        ></instagram-2fa>`,
      );
      const code = shadow(verify).querySelector<HTMLInputElement>('[part~="input"]')!;
      code.focus();
      await sendKeys({ type: '12' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => code.getAttribute('aria-invalid') === 'true', 'the short code was not refused');
      buttonByText(shadow(verify), en.twoFactorResend).click();
      await waitUntil(() => text(shadow(verify)).includes('resent'), 'no resend', { timeout: 8000 });
      expect(code.value).to.equal('');
      expect(code.getAttribute('aria-invalid')).not.to.equal('true');
      expect(shadow(verify).activeElement).to.equal(code);
    });
  });

  describe('Instagram codes', () => {
    it('says how many tries are left before a lockout, as the backend counts them', async () => {
      const response = await fetch(`${tenant.baseUrl}/api/v1/channels/instagram/connect`, {
        method: 'POST',
        headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'my_brand', password: 'secret' }),
      });
      const { data } = (await response.json()) as { data: { account_id: string } };
      const verify = await fixture<HTMLElement>(
        html`<instagram-2fa
          base-url=${tenant.baseUrl}
          api-key=${tenant.apiKey}
          account-id=${data.account_id}
        ></instagram-2fa>`,
      );
      const code = shadow(verify).querySelector<HTMLInputElement>('[part~="input"]')!;
      const error = () => text(shadow(verify).querySelector('#code-error'));
      for (const left of [2, 1]) {
        code.focus();
        await sendKeys({ type: '111111' });
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => error().includes(en.twoFactorAttemptsLeft(left)), `no "${left} left"`, {
          timeout: 8000,
        });
      }
      expect(error()).to.equal(`The verification code is incorrect. ${en.twoFactorAttemptsLeft(1)}`);
      expect(code.getAttribute('aria-describedby')).to.contain('code-error');
      await expect(verify).to.be.accessible();
    });
  });

  describe('a 409 before anything was scanned', () => {
    it('offers to open the linked account, not a Try again that can only fail the same way', async () => {
      const linked = await tenant.addChannel({ type: 'whatsapp', sync_status: 'OK', is_connected: true });
      const el = await mountList(tenant);
      shadow(el).querySelector<HTMLButtonElement>('.add')!.click();
      const connect = await nestedConnect(shadow(el));
      buttonByText(shadow(connect), 'WhatsApp').click();
      await connect.updateComplete;
      const scanner = shadow(connect).querySelector('qr-scanner')!;
      await waitUntil(() => /already linked/.test(text(scanner.shadowRoot)), 'no 409', { timeout: 8000 });
      const labels = [...scanner.shadowRoot!.querySelectorAll('button')].map((button) => text(button));
      expect(labels).to.deep.equal([en.qrManageLinkedAccounts]);
      await expect(el).to.be.accessible();

      buttonByText(scanner.shadowRoot!, en.qrManageLinkedAccounts).click();
      await waitUntil(() => shadow(el).querySelector('[part="panel"]') === null, 'the panel stayed');
      await waitUntil(
        () => row(el, linked.id).contains(shadow(el).activeElement),
        'the linked account was not opened',
      );
      expect(text(shadow(el).querySelector('.notice'))).to.equal(en.accountsStillLinked('WhatsApp'));
    });
  });
});

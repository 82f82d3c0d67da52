import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

function buttonByText(root: ParentNode, text: string | RegExp): HTMLButtonElement {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = buttons.find((button) =>
    typeof text === 'string'
      ? button.textContent?.trim().includes(text)
      : text.test(button.textContent ?? ''),
  );
  if (!found)
    throw new Error(
      `no button "${String(text)}" among: ${buttons.map((b) => b.textContent?.trim()).join(' | ')}`,
    );
  return found;
}

function heading(el: ChannelConnect): string {
  return shadow(el).querySelector('.step-heading')?.textContent?.trim() ?? '';
}

async function mount(tenant: SandboxTenant, attributes = ''): Promise<ChannelConnect> {
  const el = await fixture<ChannelConnect>(
    html`<channel-connect
      base-url=${tenant.baseUrl}
      api-key=${tenant.apiKey}
      channels=${attributes || 'whatsapp telegram instagram'}
    ></channel-connect>`,
  );
  return el;
}

async function fillInstagram(el: ChannelConnect, username: string, password: string): Promise<void> {
  await el.updateComplete;
  const root = shadow(el);
  root.querySelector<HTMLInputElement>('input[name="username"]')!.value = username;
  root.querySelector<HTMLInputElement>('input[name="password"]')!.value = password;
}

function submitButton(el: ChannelConnect): HTMLButtonElement {
  return shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
}

async function apiRequests(tenant: SandboxTenant, path: string) {
  return (await tenant.requests()).filter((request) => request.path.startsWith(`/api/v1${path}`));
}

describe('<channel-connect>', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('offers the three channels by default, each as a button with its name', async () => {
    const el = await mount(tenant);
    const options = [...shadow(el).querySelectorAll('.channel-option')].map((b) =>
      b.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(options).to.have.length(3);
    expect(options[0]).to.contain('WhatsApp');
    expect(options[1]).to.contain('Telegram');
    expect(options[2]).to.contain('Instagram');
    await expect(el).to.be.accessible();
  });

  it('offers only the channels named in the channels attribute', async () => {
    const el = await mount(tenant, 'telegram, instagram');
    const options = [...shadow(el).querySelectorAll('.channel-option')].map((b) => b.textContent ?? '');
    expect(options).to.have.length(2);
    expect(options.join()).not.to.contain('WhatsApp');
  });

  it("takes the channels property set to the attribute's text, as Vue and React 19 may set it", async () => {
    const el = await mount(tenant);
    (el as unknown as { channels: string }).channels = 'telegram whatsapp';
    await el.updateComplete;
    const options = [...shadow(el).querySelectorAll('.channel-option')].map((b) => b.textContent ?? '');
    expect(options).to.have.length(2);
    expect(options[0]).to.contain('Telegram');
    expect(options[1]).to.contain('WhatsApp');
    expect(el.channels).to.deep.equal(['telegram', 'whatsapp']);
  });

  it('says it is not configured when it has no base-url', async () => {
    const el = await fixture<ChannelConnect>(html`<channel-connect></channel-connect>`);
    expect(shadow(el).querySelector('[role="alert"]')?.textContent).to.contain('base-url');
    await expect(el).to.be.accessible();
  });

  it('links WhatsApp end to end: picker, QR code, scan, linked', async () => {
    const el = await mount(tenant);
    const steps: string[] = [];
    el.addEventListener('inbox-step-change', (event) => steps.push(event.detail.step));
    let connectedEvents = 0;
    el.addEventListener('inbox-connected', () => connectedEvents++);

    buttonByText(shadow(el), 'WhatsApp').click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Link WhatsApp');
    const scanner = shadow(el).querySelector('qr-scanner');
    expect(scanner).to.exist;
    await waitUntil(async () => (await tenant.attempt('whatsapp'))?.qr_code, 'no QR attempt started', {
      timeout: 8000,
    });
    await expect(el).to.be.accessible();

    const attempt = (await tenant.attempt('whatsapp'))!;
    const connected = oneEvent(el, 'inbox-connected');
    await tenant.scan(attempt.account_id);
    const { detail } = await connected;
    expect(detail.channel.type).to.equal('whatsapp');
    const { channels } = await tenant.state();
    expect(channels.map((channel) => channel.id)).to.include(detail.channel.id);

    await el.updateComplete;
    expect(heading(el)).to.equal('WhatsApp is linked');
    expect(shadow(el).textContent).to.contain(detail.channel.username);
    expect(connectedEvents).to.equal(1);
    expect(steps).to.deep.equal(['qr', 'done']);
    await expect(el).to.be.accessible();
  });

  it('starts on the channel named by the channel attribute', async () => {
    const el = await fixture<ChannelConnect>(
      html`<channel-connect
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        channel="telegram"
      ></channel-connect>`,
    );
    expect(heading(el)).to.equal('Link Telegram');
    expect(shadow(el).querySelector('qr-scanner')?.getAttribute('channel')).to.equal('telegram');
  });

  it('goes back to the picker and cancels from the QR step', async () => {
    const el = await mount(tenant);
    buttonByText(shadow(el), 'Telegram').click();
    await el.updateComplete;
    buttonByText(shadow(el), 'Back').click();
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('.channel-option')).to.have.length(3);

    buttonByText(shadow(el), 'WhatsApp').click();
    await el.updateComplete;
    const cancelled = oneEvent(el, 'inbox-cancelled');
    buttonByText(shadow(el), 'Cancel').click();
    await cancelled;
    await el.updateComplete;
    expect(shadow(el).querySelector('qr-scanner')).to.equal(null);
  });

  it('says the only channel was cancelled, and starts a fresh attempt on Start again', async () => {
    const el = await mount(tenant, 'telegram');
    await waitUntil(async () => (await tenant.attempt('telegram'))?.qr_code, 'no attempt', { timeout: 8000 });
    const first = (await tenant.attempt('telegram'))!.account_id;
    const cancelled = oneEvent(el, 'inbox-cancelled');
    buttonByText(shadow(el), 'Cancel').click();
    await cancelled;
    await el.updateComplete;
    expect(heading(el)).to.equal('Linking cancelled');
    expect(shadow(el).querySelector('qr-scanner')).to.equal(null);
    buttonByText(shadow(el), 'Start again').click();
    await waitUntil(
      async () => (await tenant.attempt('telegram'))?.account_id !== first,
      'no new attempt after cancelling',
      { timeout: 8000 },
    );
    expect(heading(el)).to.equal('Link Telegram');
  });

  it('explains that WhatsApp is already linked and offers to manage it (409)', async () => {
    await tenant.addChannel({
      type: 'whatsapp',
      username: '+966500000001',
      sync_status: 'OK',
      is_connected: true,
    });
    const el = await mount(tenant);
    buttonByText(shadow(el), 'WhatsApp').click();
    await el.updateComplete;
    const scanner = shadow(el).querySelector('qr-scanner')!;
    await waitUntil(() => /already linked/i.test(scanner.shadowRoot?.textContent ?? ''), 'no 409 message', {
      timeout: 8000,
    });
    const manage = oneEvent(el, 'inbox-manage-request');
    buttonByText(scanner.shadowRoot!, 'Open the linked account').click();
    const { detail } = await manage;
    expect(detail.channel).to.equal('whatsapp');
  });

  describe('Instagram', () => {
    it('signs in and is linked at once when Instagram asks for no code', async () => {
      await tenant.scenario({ instagram: 'connected' });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await el.updateComplete;
      expect(heading(el)).to.equal('Link Instagram');
      const country = shadow(el).querySelector<HTMLSelectElement>('select[name="country"]')!;
      expect(country.value).to.equal('SA');
      await expect(el).to.be.accessible();

      await fillInstagram(el, 'my_brand', 'secret-pass');
      const connected = oneEvent(el, 'inbox-connected');
      submitButton(el).click();
      const { detail } = await connected;
      expect(detail.channel).to.include({ type: 'instagram', username: 'my_brand' });

      const [request] = await apiRequests(tenant, '/channels/instagram/connect');
      expect(request.body).to.deep.equal({ username: 'my_brand', password: '***', country: 'SA' });
      expect(request.path).not.to.contain('secret');
      await el.updateComplete;
      expect(heading(el)).to.equal('Instagram is linked');
    });

    it('goes on to the verification code when Instagram asks for one, and back', async () => {
      await tenant.scenario({ instagram: '2fa', instagram_checkpoint: 'OTP' });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'brand_2fa', 'secret-pass');
      submitButton(el).click();
      await waitUntil(() => shadow(el).querySelector('instagram-2fa'), 'no 2FA step');
      const twoFactor = shadow(el).querySelector('instagram-2fa')!;
      const accountId = twoFactor.getAttribute('account-id')!;
      expect(accountId).to.match(/^ig_/);
      expect(twoFactor.getAttribute('checkpoint-type')).to.equal('OTP');
      await waitUntil(() => twoFactor.shadowRoot?.querySelector('input'));
      const nestedButtons = [...twoFactor.shadowRoot!.querySelectorAll('button')].map((b) =>
        b.textContent?.trim(),
      );
      expect(nestedButtons, 'one Cancel for the whole flow, in the header').not.to.include('Cancel');

      buttonByText(shadow(el), 'Back').click();
      await el.updateComplete;
      expect(shadow(el).querySelector('input[name="username"]')).to.exist;
      expect(shadow(el).querySelector<HTMLInputElement>('input[name="username"]')!.value).to.equal(
        'brand_2fa',
      );
    });

    it('shows required-field errors without sending anything', async () => {
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await el.updateComplete;
      submitButton(el).click();
      await el.updateComplete;
      const username = shadow(el).querySelector<HTMLInputElement>('input[name="username"]')!;
      expect(username.getAttribute('aria-invalid')).to.equal('true');
      expect(shadow(el).textContent).to.contain('Enter your Instagram username or e-mail.');
      expect(shadow(el).textContent).to.contain('Enter your Instagram password.');
      await waitUntil(
        () => shadow(el).activeElement === username,
        'focus did not move to the first invalid field',
      );
      expect(await apiRequests(tenant, '/channels/instagram')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('never keeps the password: cleared from the field right after submit', async () => {
      await tenant.scenario({ instagram: '2fa' });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'brand_secret', 'hunter2-secret');
      submitButton(el).click();
      expect(shadow(el).querySelector<HTMLInputElement>('input[name="password"]')!.value).to.equal('');
      await waitUntil(() => shadow(el).querySelector('instagram-2fa'));
      const nested = shadow(el).querySelector('instagram-2fa')!;
      await waitUntil(() => nested.shadowRoot?.querySelector('input'));
      const values = [
        ...shadow(el).querySelectorAll('input'),
        ...nested.shadowRoot!.querySelectorAll('input'),
      ].map((input) => input.value);
      expect(values).not.to.include('hunter2-secret');
      const ownStrings = Object.values(el as unknown as Record<string, unknown>).filter(
        (value) => typeof value === 'string',
      );
      expect(ownStrings).not.to.include('hunter2-secret');
      expect(
        location.href + document.cookie + JSON.stringify(sessionStorage) + JSON.stringify(localStorage),
      ).not.to.contain('hunter2-secret');
    });

    it('sends one sign-in however often the button is clicked', async () => {
      await tenant.scenario({
        failures: [
          { method: 'POST', path: '/api/v1/channels/instagram/connect', status: 503, delay_ms: 400 },
        ],
      });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'double', 'secret');
      submitButton(el).click();
      submitButton(el).click();
      await el.updateComplete;
      submitButton(el).click();
      await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no error shown', { timeout: 5000 });
      expect(await apiRequests(tenant, '/channels/instagram/connect')).to.have.length(1);
    });

    it("shows the server's message for a wrong password and asks for it again", async () => {
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'brand', 'wrong');
      const failed = oneEvent(el, 'inbox-connect-failed');
      submitButton(el).click();
      const { detail } = await failed;
      expect(detail.reason).to.equal('validation');
      await el.updateComplete;
      expect(shadow(el).textContent).to.contain('The username or password is incorrect.');
      expect(shadow(el).querySelector<HTMLInputElement>('input[name="username"]')!.value).to.equal('brand');
      await expect(el).to.be.accessible();
    });

    it('says the Instagram account is already linked and offers to manage it (409)', async () => {
      await tenant.addChannel({
        type: 'instagram',
        username: 'taken_brand',
        sync_status: 'OK',
        is_connected: true,
      });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'taken_brand', 'secret');
      submitButton(el).click();
      await waitUntil(() => /already linked/.test(shadow(el).textContent ?? ''), 'no conflict message');
      expect(shadow(el).textContent).to.contain('This Instagram account is already linked.');
      await expect(el).to.be.accessible();
      const manage = oneEvent(el, 'inbox-manage-request');
      buttonByText(shadow(el), 'Manage linked accounts').click();
      expect((await manage).detail.channel).to.equal('instagram');
    });

    for (const [label, failure, expected] of [
      ['the network is down', { drop: true }, 'Cannot reach the service'],
      ['the service fails (5xx)', { status: 502 }, 'The service is having trouble'],
      ['there were too many attempts (429)', { status: 429, retry_after: 40 }, 'Try again in 40 seconds'],
      ['access is forbidden (403)', { status: 403 }, 'You are not allowed'],
      ['the answer is malformed', { status: 200, raw: '<html>oops' }, 'could not read'],
    ] as const) {
      it(`keeps the form and says so when ${label}`, async () => {
        await tenant.scenario({
          failures: [{ method: 'POST', path: '/api/v1/channels/instagram/connect', ...failure }],
        });
        const el = await mount(tenant);
        buttonByText(shadow(el), 'Instagram').click();
        await fillInstagram(el, 'brand', 'secret');
        submitButton(el).click();
        await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no error shown', {
          timeout: 8000,
        });
        expect(shadow(el).querySelector('[role="alert"]')!.textContent).to.contain(expected);
        expect(submitButton(el).disabled, 'sign-in waits only after a 429').to.equal(label.includes('429'));
        expect(shadow(el).querySelector<HTMLInputElement>('input[name="username"]')!.value).to.equal('brand');
        await expect(el).to.be.accessible();
      });
    }

    it('asks for the password again after a failure, and puts the focus there', async () => {
      await tenant.scenario({
        failures: [{ method: 'POST', path: '/api/v1/channels/instagram/connect', status: 503 }],
      });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'brand', 'secret');
      submitButton(el).click();
      await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no error shown', { timeout: 8000 });
      const password = shadow(el).querySelector<HTMLInputElement>('input[name="password"]')!;
      expect(password.getAttribute('aria-invalid')).to.equal('true');
      expect(shadow(el).textContent).to.contain('For your safety the password was cleared. Enter it again.');
      await waitUntil(
        () => shadow(el).activeElement === password,
        'focus did not move to the password field',
      );
      await expect(el).to.be.accessible();
    });

    it('waits out a 429 before another sign-in can be sent, counting down', async () => {
      await tenant.scenario({
        failures: [
          { method: 'POST', path: '/api/v1/channels/instagram/connect', status: 429, retry_after: 2 },
        ],
      });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'brand', 'secret');
      submitButton(el).click();
      await waitUntil(() => submitButton(el).textContent?.includes('wait'), 'no countdown on the button', {
        timeout: 8000,
      });
      expect(submitButton(el).disabled).to.equal(true);
      await waitUntil(() => !submitButton(el).disabled, 'the button never came back', { timeout: 5000 });
      expect(submitButton(el).textContent?.trim()).to.equal('Sign in');
    });

    it('ignores the answer of a sign-in it went back from, and keeps the new one guarded', async () => {
      const path = '/api/v1/channels/instagram/connect';
      // The second answer comes well after the first, so there is a moment with only the second pending.
      await tenant.scenario({
        instagram: '2fa',
        failures: [
          { method: 'POST', path, delay_ms: 1500, times: 1 },
          { method: 'POST', path, delay_ms: 5000, times: 1 },
        ],
      });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'first_try', 'secret');
      submitButton(el).click();
      const signIns = async () => (await tenant.requests()).filter((call) => call.path === path);
      await waitUntil(async () => (await signIns()).length === 1, 'the first sign-in was not sent', {
        timeout: 8000,
      });
      buttonByText(shadow(el), 'Back').click();
      await el.updateComplete;
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'second_try', 'secret');
      submitButton(el).click();
      await waitUntil(
        async () => {
          const calls = await signIns();
          // Answered, or given up by the element when it went back.
          return calls.length === 2 && (calls[0].status !== null || calls[0].abandoned === true);
        },
        'the first sign-in was neither answered nor given up',
        { timeout: 8000 },
      );
      await el.updateComplete;
      expect(submitButton(el).disabled).to.equal(true);
      expect(shadow(el).querySelector('instagram-2fa')).to.equal(null);
      await waitUntil(() => shadow(el).querySelector('instagram-2fa'), 'the second sign-in did not go on', {
        timeout: 10_000,
      });
      expect(shadow(el).querySelector('instagram-2fa')!.getAttribute('username')).to.equal('second_try');
    });

    it('sends the chosen country, preselected from default-country', async () => {
      await tenant.scenario({ instagram: 'connected' });
      const el = await fixture<ChannelConnect>(
        html`<channel-connect
          base-url=${tenant.baseUrl}
          api-key=${tenant.apiKey}
          channel="instagram"
          default-country="AE"
        ></channel-connect>`,
      );
      const country = shadow(el).querySelector<HTMLSelectElement>('select[name="country"]')!;
      expect(country.value).to.equal('AE');
      country.value = 'EG';
      country.dispatchEvent(new Event('change'));
      await fillInstagram(el, 'brand_eg', 'secret');
      const connected = oneEvent(el, 'inbox-connected');
      submitButton(el).click();
      await connected;
      const [request] = await apiRequests(tenant, '/channels/instagram/connect');
      expect((request.body as { country: string }).country).to.equal('EG');
    });

    it('goes through two verification rounds, reporting each step', async () => {
      await tenant.scenario({ instagram: '2fa_twice' });
      const el = await mount(tenant);
      const steps: string[] = [];
      el.addEventListener('inbox-step-change', (event) => steps.push(event.detail.step));
      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'two_rounds', 'secret');
      submitButton(el).click();
      await waitUntil(() => shadow(el).querySelector('instagram-2fa')?.shadowRoot?.querySelector('input'));
      await expect(el).to.be.accessible();
      const twoFactor = shadow(el).querySelector('instagram-2fa')!;
      const submitCode = () => {
        const input = twoFactor.shadowRoot!.querySelector<HTMLInputElement>('input')!;
        input.value = '123456';
        input.dispatchEvent(new Event('input'));
        twoFactor.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      };
      const challenged = oneEvent(el, 'inbox-2fa-challenge');
      submitCode();
      await challenged;
      const connected = oneEvent(el, 'inbox-connected');
      await waitUntil(
        () => !twoFactor.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled,
      );
      submitCode();
      expect((await connected).detail.channel.username).to.equal('two_rounds');
      expect(steps).to.deep.equal(['credentials', 'verify', 'done']);
    });

    it('cancels from the sign-in form and from the verification step', async () => {
      await tenant.scenario({ instagram: '2fa' });
      const el = await mount(tenant);
      buttonByText(shadow(el), 'Instagram').click();
      await el.updateComplete;
      let cancelled = oneEvent(el, 'inbox-cancelled');
      buttonByText(shadow(el), 'Cancel').click();
      await cancelled;
      await el.updateComplete;
      expect(shadow(el).querySelectorAll('.channel-option')).to.have.length(3);

      buttonByText(shadow(el), 'Instagram').click();
      await fillInstagram(el, 'cancel_me', 'secret');
      submitButton(el).click();
      await waitUntil(() => shadow(el).querySelector('instagram-2fa'));
      cancelled = oneEvent(el, 'inbox-cancelled');
      buttonByText(shadow(el), 'Cancel').click();
      await cancelled;
      await el.updateComplete;
      expect(shadow(el).querySelector('instagram-2fa')).to.equal(null);
      expect(shadow(el).querySelectorAll('.channel-option')).to.have.length(3);
    });

    it('can be completed with the keyboard alone, verification code included', async () => {
      await tenant.scenario({ instagram: '2fa' });
      const el = await mount(tenant, 'instagram whatsapp');
      const focused = () => shadow(el).activeElement;
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused()?.textContent).to.contain('Instagram');
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => focused()?.classList.contains('step-heading'),
        'focus did not move to the new step',
      );
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused()?.getAttribute('name')).to.equal('username');
      await sendKeys({ type: 'keyboard_brand' });
      await sendKeys({ press: 'Tab' });
      expect(focused()?.getAttribute('name')).to.equal('password');
      await sendKeys({ type: 'secret-pass' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shadow(el).querySelector('instagram-2fa'), 'no 2FA step', { timeout: 8000 });
      const twoFactor = shadow(el).querySelector('instagram-2fa')!;
      await waitUntil(() => twoFactor.shadowRoot?.querySelector('input'), 'no code input');
      await waitUntil(
        () => twoFactor.shadowRoot!.activeElement?.tagName === 'INPUT',
        'focus did not move to the code field',
      );
      const connected = oneEvent(el, 'inbox-connected');
      await sendKeys({ type: '123456' });
      await sendKeys({ press: 'Enter' });
      const { detail } = await connected;
      expect(detail.channel.username).to.equal('keyboard_brand');
      await el.updateComplete;
      expect(heading(el)).to.equal('Instagram is linked');
      await expect(el).to.be.accessible();
    });

    it('picks WhatsApp with the keyboard alone', async () => {
      const el = await mount(tenant);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement?.textContent).to.contain('WhatsApp');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shadow(el).querySelector('qr-scanner'), 'no QR step');
      await waitUntil(async () => (await tenant.attempt('whatsapp'))?.qr_code, 'no attempt', {
        timeout: 8000,
      });
      const connected = oneEvent(el, 'inbox-connected');
      await tenant.scan((await tenant.attempt('whatsapp'))!.account_id);
      await connected;
    });
  });
});

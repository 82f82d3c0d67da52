import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import { nothing } from 'lit';
import '../../src/index.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { PhoneLogin } from '../../src/elements/phone-login/phone-login.component.js';
import { en } from '../../src/i18n/en.js';
import '../helpers/lit-warnings.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

async function mount(tenant: SandboxTenant, channels: string, socket = true): Promise<ChannelConnect> {
  return fixture<ChannelConnect>(
    html`<channel-connect
      base-url=${tenant.baseUrl}
      api-key=${tenant.apiKey}
      socket-url=${socket ? tenant.socketUrl : nothing}
      channels=${channels}
    ></channel-connect>`,
  );
}

function root(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function radio(el: ChannelConnect, method: 'qr' | 'phone'): HTMLInputElement {
  const found = root(el).querySelector<HTMLInputElement>(`input[name="method"][value="${method}"]`);
  if (!found) throw new Error(`no ${method} method`);
  return found;
}

async function phoneStep(el: ChannelConnect): Promise<PhoneLogin> {
  await waitUntil(() => root(el).querySelector('[part="phone-login"]'), 'the phone step never loaded');
  const step = root(el).querySelector('[part="phone-login"]') as PhoneLogin;
  await step.updateComplete;
  return step;
}

async function submitStep(step: PhoneLogin, value: string): Promise<void> {
  await step.updateComplete;
  const input = root(step).querySelector<HTMLInputElement>('[part~="input"]')!;
  input.value = value;
  root(step).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

async function telegramStatus(tenant: SandboxTenant): Promise<string> {
  const state = (await tenant.state()) as unknown as { telegram_auth: { status: string } };
  return state.telegram_auth.status;
}

describe('<channel-connect> linking by phone number', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('offers MAX among the default channels', async () => {
    const el = await fixture<ChannelConnect>(
      html`<channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>`,
    );
    const options = [...root(el).querySelectorAll('.channel-option')].map((option) => text(option));
    expect(options).to.have.length(4);
    expect(options[3]).to.contain('MAX').and.contain(en.channelPickHint('max'));
    expect(root(el).querySelectorAll('.channel-option svg.channel-icon')).to.have.length(4);
  });

  it('lets the user pick QR code or phone number for Telegram, and links by phone', async () => {
    const el = await mount(tenant, 'telegram');
    expect(text(root(el).querySelector('.methods legend'))).to.equal(en.connectMethodLegend('Telegram'));
    expect(radio(el, 'qr').checked).to.equal(true);
    expect(root(el).querySelector('[part="qr-scanner"]')).to.not.equal(null);
    await expect(el).to.be.accessible();

    const steps: string[] = [];
    el.addEventListener('inbox-step-change', (event) => steps.push(event.detail.step));
    radio(el, 'phone').click();
    const step = await phoneStep(el);
    expect(steps).to.deep.equal(['phone']);
    expect(root(el).querySelector('[part="qr-scanner"]')).to.equal(null);
    await waitUntil(() => step.phase === 'phone', 'the room never answered');
    await expect(el).to.be.accessible();

    await submitStep(step, '+966501234567');
    await waitUntil(() => step.phase === 'code', 'no code step');
    const connected = oneEvent(el, 'inbox-connected');
    await submitStep(step, '12345');
    const { detail } = await connected;
    expect(detail.channel.type).to.equal('telegram');
    await waitUntil(
      () => text(root(el).querySelector('.done')).includes('Telegram is linked'),
      'no done step',
    );
  });

  it('tells the room to forget a login left midway when the user goes back to the QR code', async () => {
    const el = await mount(tenant, 'telegram');
    radio(el, 'phone').click();
    const step = await phoneStep(el);
    await waitUntil(() => step.phase === 'phone', 'the room never answered');
    await submitStep(step, '+966501234567');
    await waitUntil(() => step.phase === 'code', 'no code step');
    radio(el, 'qr').click();
    await waitUntil(() => root(el).querySelector('[part="qr-scanner"]'), 'no QR step');
    await waitUntil(async () => (await telegramStatus(tenant)) === 'wait_phone', 'the room was not reset');
  });

  it('Cancel midway resets the room and returns to the start', async () => {
    const el = await mount(tenant, 'whatsapp telegram');
    root(el).querySelectorAll<HTMLButtonElement>('.channel-option')[1].click();
    await el.updateComplete;
    radio(el, 'phone').click();
    const step = await phoneStep(el);
    await waitUntil(() => step.phase === 'phone', 'the room never answered');
    await submitStep(step, '+966501234567');
    await waitUntil(() => step.phase === 'code', 'no code step');
    const cancelled = oneEvent(el, 'inbox-cancelled');
    [...root(el).querySelectorAll<HTMLButtonElement>('.header .cancel')][0].click();
    await cancelled;
    await el.updateComplete;
    expect(root(el).querySelector('.picker')).to.not.equal(null);
    await waitUntil(async () => (await telegramStatus(tenant)) === 'wait_phone', 'the room was not reset');
  });

  it('offers only the QR code for Telegram without a socket, and says why', async () => {
    const el = await mount(tenant, 'telegram', false);
    expect(root(el).querySelector('.methods')).to.equal(null);
    expect(text(root(el).querySelector('.method-note'))).to.equal(en.connectPhoneNeedsSocket('Telegram'));
    expect(root(el).querySelector('[part="qr-scanner"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('switches the method with the keyboard alone', async () => {
    const el = await mount(tenant, 'telegram');
    radio(el, 'qr').focus();
    await sendKeys({ press: 'ArrowRight' });
    const step = await phoneStep(el);
    expect(radio(el, 'phone').checked).to.equal(true);
    await waitUntil(() => step.phase === 'phone', 'the room never answered');
  });

  it('links MAX by phone and SMS code from the picker', async () => {
    const el = await mount(tenant, 'whatsapp max', false);
    root(el).querySelectorAll<HTMLButtonElement>('.channel-option')[1].click();
    const step = await phoneStep(el);
    expect(root(el).querySelector('.methods')).to.equal(null);
    expect(text(root(el).querySelector('.step-heading'))).to.equal(en.linkChannelHeading('MAX'));
    await expect(el).to.be.accessible();
    await submitStep(step, '79991112233');
    await waitUntil(() => step.phase === 'code', 'no code step');
    const connected = oneEvent(el, 'inbox-connected');
    await submitStep(step, '123456');
    const { detail } = await connected;
    expect(detail.channel).to.include({ type: 'max', username: '+79991112233' });
    await waitUntil(() => text(root(el).querySelector('.done')).includes('MAX is linked'), 'no done step');
    await expect(el).to.be.accessible();
  });

  it('Back from MAX midway closes the session', async () => {
    const el = await mount(tenant, 'whatsapp max', false);
    root(el).querySelectorAll<HTMLButtonElement>('.channel-option')[1].click();
    const step = await phoneStep(el);
    await submitStep(step, '79991112233');
    await waitUntil(() => step.phase === 'code', 'no code step');
    root(el).querySelector<HTMLButtonElement>('.header .back')!.click();
    await waitUntil(
      async () =>
        (await tenant.requests()).some((request) => request.path === '/api/v1/channels/max/close_session'),
      'no close_session',
    );
  });
});

describe('<accounts-list> with a MAX account', () => {
  it('shows it in a row of its own type, with its icon and name, and offers to add one', async () => {
    const tenant = new SandboxTenant();
    await tenant.addChannel({ type: 'max', username: '+79991112233' });
    await tenant.addChannel({ type: 'whatsapp' });
    const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(
      html`<accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></accounts-list>`,
    );
    await waitUntil(() => root(el).querySelectorAll('[part~="account"]').length === 2, 'no rows');
    const row = [...root(el).querySelectorAll('[part~="account"]')].find((node) =>
      text(node).includes('+79991112233'),
    );
    expect(row, 'no MAX row').to.not.equal(undefined);
    expect(text(row)).to.contain('MAX');
    expect(row!.querySelector('svg.channel-icon')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});

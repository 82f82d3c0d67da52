import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { Backend } from '../../src/api/backend.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import '../../src/elements/qr-scanner/qr-scanner.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import type { ConnectedDetail, ConnectFailedDetail, ManageRequestDetail } from '../../src/events/index.js';
import { waitUntil } from '../helpers/async.js';
import '../helpers/lit-warnings.js';
import { fastTimings, SandboxTenant, type LoggedRequest } from '../helpers/sandbox.js';

const PAIRING_PATH = '/api/v1/channels/whatsapp/pairing-code';
const PHONE = '+966501234567';

function shadow(el: QrScanner): ShadowRoot {
  return el.shadowRoot!;
}

function part(el: QrScanner, name: string): HTMLElement | null {
  return shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
}

function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function button(el: QrScanner, label: string): HTMLButtonElement {
  const all = [...shadow(el).querySelectorAll<HTMLButtonElement>('button')];
  const found = all.find((candidate) => text(candidate) === label);
  if (!found) throw new Error(`no "${label}" button among: ${all.map(text).join(' | ')}`);
  return found;
}

function phoneField(el: QrScanner): HTMLInputElement | null {
  return shadow(el).querySelector<HTMLInputElement>('#pairing-phone');
}

function liveRegion(el: QrScanner): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('[aria-live="polite"]')!;
}

/** The element's focus, through its shadow root. */
function focused(el: QrScanner): Element | null {
  return shadow(el).activeElement;
}

async function formShown(el: QrScanner): Promise<HTMLInputElement> {
  await waitUntil(() => phoneField(el) !== null, 'the phone number form did not show');
  return phoneField(el)!;
}

/** Types like a user: focus, then keys (the field formats as they type). */
async function typeNumber(el: QrScanner, number: string): Promise<void> {
  const field = await formShown(el);
  field.focus();
  await sendKeys({ type: number });
}

/** The pairing code on screen, as the backend sent it (the sandbox's state knows it too). */
async function codeShown(el: QrScanner, tenant: SandboxTenant): Promise<string> {
  await waitUntil(() => el.phase === 'waiting' && part(el, 'code') !== null, 'no pairing code shown');
  const shown = text(part(el, 'code')!.querySelector('.code')).replace('-', '');
  const { attempts } = await tenant.state();
  const attempt = attempts.find((candidate) => candidate.account_id === el.accountId) as
    { pairing_code?: string } | undefined;
  expect(shown.slice(0, 8)).to.equal(attempt?.pairing_code);
  return attempt!.pairing_code!;
}

async function requestsTo(tenant: SandboxTenant, path: string): Promise<LoggedRequest[]> {
  return (await tenant.requests()).filter((request) => request.path.split('?')[0] === path);
}

interface MountOptions {
  linkMethod?: string;
  backend?: Backend;
}

async function mount(tenant: SandboxTenant, { linkMethod = 'phone', backend }: MountOptions = {}) {
  const el = document.createElement('qr-scanner');
  el.pollInterval = 300;
  if (backend) el.backend = backend;
  else {
    el.baseUrl = tenant.baseUrl;
    el.apiKey = tenant.apiKey;
  }
  el.setAttribute('channel', 'whatsapp');
  if (linkMethod) el.setAttribute('link-method', linkMethod);
  el.setAttribute('default-country', 'SA');
  return fixture<QrScanner>(html`${el}`);
}

/** The sandbox's failure for the next pairing-code call. */
function pairingFailure(failure: Record<string, unknown>) {
  return { failures: [{ method: 'POST', path: PAIRING_PATH, ...failure }] };
}

describe('<qr-scanner> linking WhatsApp with a phone number', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => {
    sinon.restore();
  });

  it('checks the number as it is typed, shows the code in two groups of four, and links once it is entered', async () => {
    const el = await mount(tenant);
    const field = await formShown(el);
    expect(el.currentMethod).to.equal('phone');
    expect(field.type).to.equal('tel');
    expect(field.autocomplete).to.equal('tel');
    expect(text(part(el, 'switch'))).to.equal('Scan a QR code instead');
    expect(await requestsTo(tenant, '/api/v1/channels/whatsapp/connect')).to.deep.equal([]);
    await expect(el).to.be.accessible();

    await typeNumber(el, '0501234567');
    // The library reads it in the default country and says what will be sent.
    await waitUntil(() =>
      text(shadow(el).querySelector('#pairing-phone-check')).includes('+966 50 123 4567'),
    );

    await sendKeys({ press: 'Enter' });
    const code = await codeShown(el, tenant);
    expect(code).to.match(/^[A-Z0-9]{8}$/);
    const [first, second] = [...part(el, 'code')!.querySelectorAll('.code > [aria-hidden="true"]')].map(text);
    expect([first, second]).to.deep.equal([code.slice(0, 4), '-']);
    expect(text(part(el, 'code')!.querySelector('.code'))).to.contain(`${code.slice(0, 4)}-${code.slice(4)}`);
    expect(text(part(el, 'code')!.querySelector('.visually-hidden'))).to.equal(
      `${[...code.slice(0, 4)].join(' ')}, ${[...code.slice(4)].join(' ')}`,
    );
    const steps = text(part(el, 'steps'));
    for (const step of [
      'Open WhatsApp',
      'Linked devices',
      'Link with phone number instead',
      'Type this code',
    ]) {
      expect(steps).to.contain(step);
    }
    expect(text(part(el, 'status'))).to.match(/^Expires in \d+ s$/);
    expect(text(liveRegion(el))).to.contain('Pairing code ready');

    const [call] = await requestsTo(tenant, PAIRING_PATH);
    expect(call?.body).to.deep.equal({ phone_number: PHONE });
    await expect(el).to.be.accessible();

    const connected = oneEvent(el, 'inbox-connected');
    await tenant.control('POST', 'pair', { account_id: el.accountId, code });
    await waitUntil(() => el.phase === 'scanned' || el.phase === 'connected', 'the entry was not noticed');
    const { detail: linked } = (await connected) as CustomEvent<ConnectedDetail>;
    expect(linked.channel.type).to.equal('whatsapp');
    expect(linked.channel.username).to.equal(PHONE);
    expect(text(part(el, 'status'))).to.contain('WhatsApp is linked');
    expect(part(el, 'switch')).to.equal(null);
  });

  it('refuses an impossible number at the field, without asking the backend', async () => {
    const el = await mount(tenant);
    await formShown(el);
    button(el, 'Get a pairing code').click();
    await waitUntil(() => phoneField(el)!.getAttribute('aria-invalid') === 'true');
    expect(text(shadow(el).querySelector('.field-error'))).to.equal(
      'Enter your phone number with its country code.',
    );
    expect(focused(el)).to.equal(phoneField(el));

    await typeNumber(el, '+96612');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(shadow(el).querySelector('.field-error')).startsWith('This is not a valid'));
    expect(await requestsTo(tenant, PAIRING_PATH)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it("shows the backend's refusal of the number (422) at the field", async () => {
    const refusal = 'WhatsApp has no account with this number.';
    await tenant.scenario(
      pairingFailure({
        status: 422,
        body: { success: false, message: refusal, errors: { phone_number: [refusal] } },
      }),
    );
    const el = await mount(tenant);
    const failed = oneEvent(el, 'inbox-connect-failed');
    await typeNumber(el, PHONE);
    await sendKeys({ press: 'Enter' });
    const { detail } = (await failed) as CustomEvent<ConnectFailedDetail>;
    expect(detail.reason).to.equal('validation');
    await waitUntil(() => text(shadow(el).querySelector('.field-error')) === refusal, 'no field error');
    expect(phoneField(el)!.getAttribute('aria-invalid')).to.equal('true');
    expect(phoneField(el)!.value).to.equal('+966 50 123 4567');
    await waitUntil(() => focused(el) === phoneField(el), 'the field did not take the focus');
  });

  it('offers the linked account after a 409', async () => {
    await tenant.addChannel({ type: 'whatsapp', username: '+966500000000' });
    const el = await mount(tenant);
    await typeNumber(el, PHONE);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.phase === 'error', 'no conflict');
    expect(text(part(el, 'status'))).to.contain('This WhatsApp account is already linked.');
    const manage = oneEvent(el, 'inbox-manage-request');
    button(el, 'Open the linked account').click();
    expect(((await manage) as CustomEvent<ManageRequestDetail>).detail.channel).to.equal('whatsapp');
  });

  it('waits out a 429 as Retry-After says, then asks again for the same number', async () => {
    await tenant.scenario(pairingFailure({ retry_after: 2 }));
    const el = await mount(tenant);
    await typeNumber(el, PHONE);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.phase === 'error', 'no 429');
    const wait = shadow(el).querySelector<HTMLButtonElement>('[part~="actions"] button')!;
    expect(wait.disabled).to.equal(true);
    expect(text(wait)).to.match(/^Try again in [12] s$/);
    await waitUntil(() => !wait.disabled, 'the wait never ended', { timeout: 6000 });
    wait.click();
    await codeShown(el, tenant);
    const calls = await requestsTo(tenant, PAIRING_PATH);
    expect(calls.map((call) => call.body)).to.deep.equal([{ phone_number: PHONE }, { phone_number: PHONE }]);
  });

  for (const [name, failure] of [
    ['a server error', { status: 503 }],
    ['a network failure', { drop: true }],
  ] as const) {
    it(`says so after ${name} and tries again`, async () => {
      await tenant.scenario(pairingFailure(failure));
      const el = await mount(tenant);
      const failed = oneEvent(el, 'inbox-connect-failed');
      await typeNumber(el, PHONE);
      await sendKeys({ press: 'Enter' });
      const { detail } = (await failed) as CustomEvent<ConnectFailedDetail>;
      expect(detail.reason).to.equal('drop' in failure ? 'network' : 'server');
      expect(text(part(el, 'status'))).to.equal(detail.message);
      await expect(el).to.be.accessible();
      button(el, 'Try again').click();
      await codeShown(el, tenant);
    });
  }

  it('falls back to the QR code, and hides the option, when the backend answers 501', async () => {
    await tenant.scenario(
      pairingFailure({
        status: 501,
        body: { success: false, message: 'Linking WhatsApp by phone number is not supported.' },
      }),
    );
    const el = await mount(tenant);
    let failures = 0;
    el.addEventListener('inbox-connect-failed', () => failures++);
    await typeNumber(el, PHONE);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.qrCode !== null, 'no QR code after the 501');
    expect(el.currentMethod).to.equal('qr');
    expect(part(el, 'switch')).to.equal(null);
    expect(text(shadow(el).querySelector('[role="status"]'))).to.equal(
      'Linking with a phone number is not available here. Scan the QR code instead.',
    );
    await expect(el).to.be.accessible();
    expect(failures).to.equal(0);
  });

  it('hides the option with a backend that cannot link by phone number, whatever link-method says', async () => {
    const withoutPairing: Backend = createContractBackend({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
    delete withoutPairing.requestWhatsAppPairingCode;
    const el = await mount(tenant, { backend: withoutPairing });
    await waitUntil(() => el.qrCode !== null, 'no QR code');
    expect(el.currentMethod).to.equal('qr');
    expect(part(el, 'switch')).to.equal(null);
    expect(phoneField(el)).to.equal(null);
  });

  it('counts the code down, and offers a new one for the same number once it expired', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappPairingCodeMs: 2500 } });
    const el = await mount(tenant);
    await typeNumber(el, PHONE);
    await sendKeys({ press: 'Enter' });
    const first = await codeShown(el, tenant);
    const failed = oneEvent(el, 'inbox-connect-failed');
    await waitUntil(() => el.phase === 'expired', 'the code never expired', { timeout: 8000 });
    expect(((await failed) as CustomEvent<ConnectFailedDetail>).detail.message).to.equal(
      'This code expired.',
    );
    expect(text(part(el, 'status'))).to.contain('This code expired.');
    await waitUntil(
      () => focused(el) === button(el, 'Get a new code'),
      'focus did not go to the new-code button',
    );
    await sendKeys({ press: 'Enter' });
    const second = await codeShown(el, tenant);
    expect(second).to.not.equal(first);
    expect((await requestsTo(tenant, PAIRING_PATH)).map((call) => call.body)).to.deep.equal([
      { phone_number: PHONE },
      { phone_number: PHONE },
    ]);
  });

  it('goes back to the form for another number, abandoning the code at the backend', async () => {
    const el = await mount(tenant);
    await typeNumber(el, PHONE);
    await sendKeys({ press: 'Enter' });
    await codeShown(el, tenant);
    const accountId = el.accountId!;
    button(el, 'Use another number').click();
    await formShown(el);
    await waitUntil(() => focused(el) === phoneField(el), 'the field did not take the focus');
    await waitUntil(async () => (await tenant.attempt('whatsapp'))?.state === 'failed', 'not abandoned');
    const abandoned = await requestsTo(tenant, '/api/v1/channels/whatsapp/disconnect');
    expect(abandoned.map((call) => call.path)).to.deep.equal([
      `/api/v1/channels/whatsapp/disconnect?account_id=${accountId}`,
    ]);
  });

  it('copies the code', async () => {
    const writeText = sinon.stub(navigator.clipboard, 'writeText').resolves();
    const el = await mount(tenant);
    await typeNumber(el, PHONE);
    await sendKeys({ press: 'Enter' });
    const code = await codeShown(el, tenant);
    button(el, 'Copy code').click();
    await waitUntil(() => text(liveRegion(el)) === 'Code copied.', 'no confirmation');
    expect(writeText).to.have.been.calledOnceWith(code);
  });

  it('starts with the QR code on a wide or mouse-driven screen, and switches both ways with the keyboard', async () => {
    const el = await mount(tenant, { linkMethod: '' });
    await waitUntil(() => el.qrCode !== null, 'no QR code');
    const qrAttempt = el.accountId!;
    const toPhone = part(el, 'switch') as HTMLButtonElement;
    expect(text(toPhone)).to.equal('Link with phone number instead');
    toPhone.focus();
    await sendKeys({ press: 'Enter' });
    await formShown(el);
    expect(el.currentMethod).to.equal('phone');
    // The QR attempt is over at the backend too.
    await waitUntil(
      async () => (await tenant.state()).attempts.find((a) => a.account_id === qrAttempt)?.state === 'failed',
    );
    // Focus stays on the switch, which now leads back.
    expect(focused(el)).to.equal(part(el, 'switch'));
    expect(text(part(el, 'switch'))).to.equal('Scan a QR code instead');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.qrCode !== null && el.accountId !== qrAttempt, 'no new QR code');
  });

  it('starts with the phone number on a narrow touch screen', async () => {
    const media = window.matchMedia.bind(window);
    sinon
      .stub(window, 'matchMedia')
      .callsFake((query: string) =>
        query.includes('pointer: coarse')
          ? ({ matches: true, media: query } as MediaQueryList)
          : media(query),
      );
    const el = await mount(tenant, { linkMethod: 'auto' });
    await formShown(el);
    expect(el.currentMethod).to.equal('phone');
  });
});

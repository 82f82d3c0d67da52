import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import { nothing } from 'lit';
import { servicesFor } from '../../src/config/services.js';
import '../../src/elements/phone-login/phone-login.js';
import type { PhoneLogin } from '../../src/elements/phone-login/phone-login.component.js';
import { en } from '../../src/i18n/en.js';
import '../helpers/lit-warnings.js';
import { fastTimings, SandboxTenant, type LoggedRequest } from '../helpers/sandbox.js';

const TELEGRAM_CODE = '12345';
const MAX_CODE = '123456';
const MAX_PATHS = {
  phone: '/api/v1/channels/max/send_phone',
  code: '/api/v1/channels/max/send_code',
  close: '/api/v1/channels/max/close_session',
};

interface MountOptions {
  socket?: boolean;
  socketUrl?: string;
  hideCancel?: boolean;
}

async function mount(
  tenant: SandboxTenant,
  channel: 'telegram' | 'max',
  options: MountOptions = {},
): Promise<PhoneLogin> {
  const socketUrl = options.socketUrl ?? (options.socket === false ? undefined : tenant.socketUrl);
  return fixture<PhoneLogin>(html`
    <phone-login
      channel=${channel}
      base-url=${tenant.baseUrl}
      api-key=${tenant.apiKey}
      socket-url=${socketUrl ?? nothing}
      ?hide-cancel=${options.hideCancel ?? false}
    ></phone-login>
  `);
}

function root(el: PhoneLogin): ShadowRoot {
  return el.shadowRoot!;
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function entry(el: PhoneLogin): HTMLInputElement {
  const found = root(el).querySelector('[part~="input"]');
  if (!(found instanceof HTMLInputElement)) throw new Error(`no input in phase ${el.phase}`);
  return found;
}

function button(el: PhoneLogin, label: string): HTMLButtonElement {
  const buttons = [...root(el).querySelectorAll('button')];
  const found = buttons.find((candidate) => text(candidate).includes(label));
  if (!found) throw new Error(`no "${label}" button among: ${buttons.map((b) => text(b)).join(' | ')}`);
  return found;
}

function submitButton(el: PhoneLogin): HTMLButtonElement {
  return root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
}

function statusText(el: PhoneLogin): string {
  return [...root(el).querySelectorAll('[part~="status"]')].map((node) => text(node)).join(' ');
}

function fieldError(el: PhoneLogin): string {
  return text(root(el).querySelector('#entry-error'));
}

async function phase(el: PhoneLogin, expected: PhoneLogin['phase'], message?: string): Promise<void> {
  await waitUntil(() => el.phase === expected, message ?? `never reached ${expected} (at ${el.phase})`, {
    timeout: 8000,
  });
  await el.updateComplete;
}

async function submit(el: PhoneLogin, value: string): Promise<void> {
  await el.updateComplete;
  const input = entry(el);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  submitButton(el).click();
}

async function telegramStatus(tenant: SandboxTenant): Promise<string> {
  const state = (await tenant.state()) as unknown as { telegram_auth: { status: string } };
  return state.telegram_auth.status;
}

async function requestsTo(tenant: SandboxTenant, path: string): Promise<LoggedRequest[]> {
  return (await tenant.requests()).filter(
    (request) => request.method === 'POST' && request.path.split('?')[0] === path,
  );
}

/** Every string the element holds in its own fields (lit's reactive storage included), a few levels deep. */
function ownValues(el: PhoneLogin): string {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string' || typeof value === 'number') found.push(String(value));
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 3) return;
    if (value instanceof Node) return;
    seen.add(value);
    for (const key of Object.getOwnPropertyNames(value)) {
      visit((value as Record<string, unknown>)[key], depth + 1);
    }
  };
  for (const key of Object.getOwnPropertyNames(el)) {
    visit((el as unknown as Record<string, unknown>)[key], 0);
  }
  return found.join('\n');
}

function expectNowhere(el: PhoneLogin, secret: string): void {
  expect(ownValues(el), 'kept on the element').not.to.contain(secret);
  expect(root(el).innerHTML, 'kept in the shadow DOM').not.to.contain(secret);
  expect(el.outerHTML).not.to.contain(secret);
  for (const input of root(el).querySelectorAll('input')) expect(input.value).not.to.contain(secret);
  expect(location.href).not.to.contain(secret);
}

/** Compared as a boolean: chai would print both elements on a failure, services and socket included. */
function entryFocused(el: PhoneLogin): boolean {
  return root(el).activeElement === entry(el);
}

function successFocused(el: PhoneLogin): boolean {
  return root(el).activeElement?.classList.contains('success') ?? false;
}

describe('<phone-login> Telegram', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('links by phone and code, and reports the channel the sandbox made', async () => {
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    expect(text(root(el).querySelector('#explain'))).to.equal(en.phoneLoginPhoneExplain('telegram'));
    expect(entry(el).type).to.equal('tel');
    expect(entry(el).autocomplete).to.equal('tel');
    await expect(el).to.be.accessible();

    await submit(el, '+966 50 765 4321');
    await phase(el, 'code');
    expect(text(root(el).querySelector('#explain'))).to.contain('+966507654321');
    expect(entry(el).autocomplete).to.equal('one-time-code');
    expect(entryFocused(el), 'focus on the input').to.equal(true);
    await expect(el).to.be.accessible();

    const connected = oneEvent(el, 'inbox-connected');
    await submit(el, TELEGRAM_CODE);
    const { detail } = await connected;
    expect(detail.channel).to.include({ type: 'telegram', username: '+966507654321', is_connected: true });
    await phase(el, 'connected');
    expect(statusText(el)).to.contain(en.phoneLoginConnected('Telegram', '+966507654321'));
    expect(successFocused(el), 'focus on the success message').to.equal(true);
    const services = servicesFor({
      baseUrl: tenant.baseUrl,
      socketUrl: tenant.socketUrl,
      apiKey: tenant.apiKey,
    });
    expect(Object.values(services!.channels.channels.get()).map((channel) => channel.id)).to.include(
      detail.channel.id,
    );
    await expect(el).to.be.accessible();
  });

  it('asks for the cloud password when the account has one, and keeps code and password nowhere', async () => {
    await tenant.scenario({ telegram_password: true });
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '+966507654321');
    await phase(el, 'code');
    await submit(el, TELEGRAM_CODE);
    expect(entry(el).value, 'the code is cleared as it is sent').to.equal('');
    await phase(el, 'password');
    expectNowhere(el, TELEGRAM_CODE);
    expect(entry(el).type).to.equal('password');
    expect(entry(el).autocomplete).to.equal('current-password');
    expect(text(root(el).querySelector('#explain'))).to.equal(en.phoneLoginPasswordExplain);
    await expect(el).to.be.accessible();

    const password = 'correct horse battery';
    const connected = oneEvent(el, 'inbox-connected');
    await submit(el, password);
    expect(entry(el).value, 'the password is cleared as it is sent').to.equal('');
    expectNowhere(el, password);
    await connected;
    await phase(el, 'connected');
    expectNowhere(el, password);
    expectNowhere(el, TELEGRAM_CODE);
  });

  it('shows the 422 for an invalid phone at the phone field', async () => {
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '0501234567');
    await waitUntil(() => fieldError(el) !== '', 'no field error');
    expect(fieldError(el)).to.equal(en.phoneLoginPhoneRejected);
    expect(entry(el).getAttribute('aria-invalid')).to.equal('true');
    expect(entry(el).getAttribute('aria-describedby')).to.contain('entry-error');
    expect(entry(el).value, 'the number stays to be corrected').to.equal('0501234567');
    expect(entryFocused(el), 'focus on the input').to.equal(true);
    expect(el.phase).to.equal('phone');
    await expect(el).to.be.accessible();
  });

  it('says what is wrong with empty or malformed input without sending anything', async () => {
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '');
    await el.updateComplete;
    expect(fieldError(el)).to.equal(en.phoneLoginPhoneRequired);
    await submit(el, '12ab');
    await el.updateComplete;
    expect(fieldError(el)).to.equal(en.phoneLoginPhoneMalformed);
    expect(await telegramStatus(tenant)).to.equal('wait_phone');
  });

  it('says a wrong code and a wrong password at the field, cleared, and accepts the right ones', async () => {
    await tenant.scenario({ telegram_password: true });
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '+966507654321');
    await phase(el, 'code');

    await submit(el, '99999');
    await waitUntil(() => fieldError(el) !== '', 'no error for the wrong code');
    expect(fieldError(el)).to.equal(en.phoneLoginCodeRejected);
    expect(entry(el).value).to.equal('');
    expect(entryFocused(el), 'focus on the input').to.equal(true);
    await submit(el, TELEGRAM_CODE);
    await phase(el, 'password');

    await submit(el, 'wrong');
    await waitUntil(() => fieldError(el) !== '', 'no error for the wrong password');
    expect(fieldError(el)).to.equal(en.phoneLoginPasswordRejected);
    expect(entry(el).value).to.equal('');
    // The sandbox's wrong password is the word "wrong", which some strings contain: only inputs are checked.
    for (const input of root(el).querySelectorAll('input')) expect(input.value).to.equal('');
    await expect(el).to.be.accessible();
    const connected = oneEvent(el, 'inbox-connected');
    await submit(el, 'right one');
    await connected;
  });

  it('starts over with another number (reset) from the code step', async () => {
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '+966507654321');
    await phase(el, 'code');
    button(el, en.phoneLoginUseAnotherNumber).click();
    await phase(el, 'phone');
    expect(await telegramStatus(tenant)).to.equal('wait_phone');
    expect(entryFocused(el), 'focus on the input').to.equal(true);
  });

  it('Cancel midway tells the room to forget the login and fires inbox-cancelled', async () => {
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '+966507654321');
    await phase(el, 'code');
    expect(await telegramStatus(tenant)).to.equal('wait_code');
    const cancelled = oneEvent(el, 'inbox-cancelled');
    button(el, en.phoneLoginCancel).click();
    const event = await cancelled;
    expect(event.bubbles && event.composed).to.equal(true);
    await waitUntil(async () => (await telegramStatus(tenant)) === 'wait_phone', 'the room was not reset');
  });

  it('holds the form while the socket is down and resumes at the same step after it is back', async () => {
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '+966507654321');
    await phase(el, 'code');

    await tenant.control('POST', 'socket/drop');
    await waitUntil(() => statusText(el).includes(en.phoneLoginReconnecting), 'no reconnecting notice');
    expect(submitButton(el).disabled, 'no sending while down').to.equal(true);
    await expect(el).to.be.accessible();

    await waitUntil(() => !statusText(el).includes(en.phoneLoginReconnecting), 'never reconnected', {
      timeout: 15_000,
    });
    expect(el.phase).to.equal('code');
    expect(submitButton(el).disabled).to.equal(false);
    const connected = oneEvent(el, 'inbox-connected');
    await submit(el, TELEGRAM_CODE);
    await connected;
  });

  it('counts a 429 down before the next try', async () => {
    await tenant.scenario({ telegram_auth_failures: [{ event: 'send_phone', code: 429, retry_after: 2 }] });
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '+966507654321');
    await waitUntil(() => statusText(el).includes(en.errorRateLimited(2)), 'no rate-limit notice');
    expect(submitButton(el).disabled).to.equal(true);
    expect(text(submitButton(el))).to.match(/^Wait \d s$/);
    await waitUntil(() => !submitButton(el).disabled, 'never re-enabled', { timeout: 5000 });
    submitButton(el).click();
    await phase(el, 'code');
  });

  it('explains a server failure and lets the user send again', async () => {
    await tenant.scenario({ telegram_auth_failures: [{ event: 'send_code', code: 500 }] });
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await submit(el, '+966507654321');
    await phase(el, 'code');
    await submit(el, TELEGRAM_CODE);
    await waitUntil(() => statusText(el).includes(en.errorServer), 'no server-error notice');
    expect(entry(el).value).to.equal('');
    expect(el.phase).to.equal('code');
    const connected = oneEvent(el, 'inbox-connected');
    await submit(el, TELEGRAM_CODE);
    await connected;
  });

  it('says it cannot reach the service while the socket cannot connect', async () => {
    const el = await mount(tenant, 'telegram', { socketUrl: 'ws://127.0.0.1:9/socket' });
    await waitUntil(() => statusText(el).includes(en.phoneLoginReconnecting), 'no notice', {
      timeout: 8000,
    });
    expect(el.phase).to.equal('starting');
    expect(root(el).querySelector('input')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('is not offered without a socket, and says why', async () => {
    const el = await mount(tenant, 'telegram', { socket: false });
    expect(el.phase).to.equal('unavailable');
    expect(statusText(el)).to.equal(en.phoneLoginNeedsSocket('Telegram'));
    await expect(el).to.be.accessible();
  });

  it('says an account is already linked when the room is authorized before anything was sent', async () => {
    const first = await mount(tenant, 'telegram');
    await phase(first, 'phone');
    await submit(first, '+966507654321');
    await phase(first, 'code');
    await submit(first, TELEGRAM_CODE);
    await phase(first, 'connected');

    const failed = oneEvent(document.body, 'inbox-connect-failed');
    const el = await mount(tenant, 'telegram');
    expect((await failed).detail.reason).to.equal('conflict');
    await phase(el, 'conflict');
    const manage = oneEvent(el, 'inbox-manage-request');
    button(el, en.phoneLoginManage).click();
    expect((await manage).detail.channel).to.equal('telegram');
  });

  it('can be completed with the keyboard alone', async () => {
    const el = await mount(tenant, 'telegram');
    await phase(el, 'phone');
    await sendKeys({ press: 'Tab' });
    expect(entryFocused(el), 'Tab reaches the phone input first').to.equal(true);
    await sendKeys({ type: '+966507654321' });
    await sendKeys({ press: 'Enter' });
    await phase(el, 'code');
    expect(entryFocused(el), 'focus on the input').to.equal(true);
    await sendKeys({ type: TELEGRAM_CODE });
    const connected = oneEvent(el, 'inbox-connected');
    await sendKeys({ press: 'Enter' });
    await connected;
  });
});

describe('<phone-login> MAX', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('links by phone and SMS code, without a socket, and keeps the code nowhere', async () => {
    const el = await mount(tenant, 'max', { socket: false });
    expect(el.phase).to.equal('phone');
    expect(text(root(el).querySelector('#explain'))).to.equal(en.phoneLoginPhoneExplain('max'));
    await expect(el).to.be.accessible();
    await submit(el, '+7 999 111-22-33');
    await phase(el, 'code');
    const [phoneCall] = await requestsTo(tenant, MAX_PATHS.phone);
    expect(phoneCall?.body).to.deep.equal({ phone: '79991112233' });
    expect(text(root(el).querySelector('#explain'))).to.equal(
      en.phoneLoginCodeExplain('max', '+79991112233'),
    );
    await expect(el).to.be.accessible();

    await tenant.scenario({ failures: [{ method: 'POST', path: MAX_PATHS.code, delay_ms: 800 }] });
    const connected = oneEvent(el, 'inbox-connected');
    await submit(el, MAX_CODE);
    await el.updateComplete;
    expect(submitButton(el).disabled, 'disabled while sending').to.equal(true);
    expectNowhere(el, MAX_CODE);
    const { detail } = await connected;
    expect(detail.channel).to.include({ type: 'max', username: '+79991112233', is_connected: true });
    await phase(el, 'connected');
    expectNowhere(el, MAX_CODE);
    const [codeCall] = await requestsTo(tenant, MAX_PATHS.code);
    expect(codeCall?.body, 'the sandbox log masks it').to.deep.equal({ code: '***' });
  });

  it('explains each documented 422 of send_phone at the field', async () => {
    const el = await mount(tenant, 'max', { socket: false });
    await submit(el, '12345678');
    await waitUntil(() => fieldError(el) !== '', 'no error for the invalid format');
    expect(fieldError(el)).to.equal(en.phoneLoginPhoneFormat);
    expect(entry(el).getAttribute('aria-invalid')).to.equal('true');

    const blank = "Phone number can't be blank";
    await tenant.scenario({
      failures: [
        {
          method: 'POST',
          path: MAX_PATHS.phone,
          status: 422,
          body: { success: false, message: blank, errors: { phone: [blank] } },
        },
      ],
    });
    await submit(el, '79991112233');
    await waitUntil(() => fieldError(el) === en.phoneLoginPhoneRequired, 'no error for the blank phone');
    await expect(el).to.be.accessible();
  });

  it('explains each documented 422 of send_code at the field', async () => {
    const el = await mount(tenant, 'max', { socket: false });
    await submit(el, '79991112233');
    await phase(el, 'code');
    await submit(el, '654321');
    await waitUntil(() => fieldError(el) !== '', 'no error for the wrong code');
    expect(fieldError(el)).to.equal(en.phoneLoginCodeRejected);
    expect(entry(el).value).to.equal('');

    const blank = "code can't be blank";
    await tenant.scenario({
      failures: [
        {
          method: 'POST',
          path: MAX_PATHS.code,
          status: 422,
          body: { success: false, message: blank, errors: { code: [blank] } },
        },
      ],
    });
    await submit(el, MAX_CODE);
    await waitUntil(() => fieldError(el) === en.phoneLoginCodeRequired, 'no error for the blank code');
    const connected = oneEvent(el, 'inbox-connected');
    await submit(el, MAX_CODE);
    await connected;
  });

  it('starts over with another number (close_session), also when the session had already ended', async () => {
    const el = await mount(tenant, 'max', { socket: false });
    await submit(el, '79991112233');
    await phase(el, 'code');
    button(el, en.phoneLoginUseAnotherNumber).click();
    await phase(el, 'phone');
    expect(await requestsTo(tenant, MAX_PATHS.close)).to.have.length(1);
    expect(entry(el).value).to.equal('79991112233');

    await submit(el, '79991112244');
    await phase(el, 'code');
    const gone = 'max_session_closer session_not_found';
    await tenant.scenario({
      failures: [
        {
          method: 'POST',
          path: MAX_PATHS.close,
          status: 422,
          body: { success: false, message: gone, errors: { max_session_closer: [gone] } },
        },
      ],
    });
    button(el, en.phoneLoginUseAnotherNumber).click();
    await phase(el, 'phone');
    expect(statusText(el)).to.contain(en.phoneLoginSessionGone);
  });

  it('Cancel at the code step closes the session and fires inbox-cancelled', async () => {
    const el = await mount(tenant, 'max', { socket: false });
    await submit(el, '79991112233');
    await phase(el, 'code');
    const cancelled = oneEvent(el, 'inbox-cancelled');
    button(el, en.phoneLoginCancel).click();
    await cancelled;
    await waitUntil(async () => (await requestsTo(tenant, MAX_PATHS.close)).length === 1, 'no close_session');
  });

  it('goes back to the number when no sign-in waits for the code any more (404)', async () => {
    const el = await mount(tenant, 'max', { socket: false });
    await submit(el, '79991112233');
    await phase(el, 'code');
    await tenant.control('POST', 'reset');
    await tenant.scenario({ timings: fastTimings });
    await submit(el, MAX_CODE);
    await waitUntil(() => el.phase === 'phone', 'did not go back to the number');
    await el.updateComplete;
    expect(statusText(el)).to.contain(en.phoneLoginCodeExpired);
  });

  it('counts a 429 down from Retry-After', async () => {
    await tenant.scenario({ failures: [{ method: 'POST', path: MAX_PATHS.phone, retry_after: 2 }] });
    const el = await mount(tenant, 'max', { socket: false });
    await submit(el, '79991112233');
    await waitUntil(() => statusText(el).includes(en.errorRateLimited(2)), 'no rate-limit notice');
    expect(submitButton(el).disabled).to.equal(true);
    await waitUntil(() => !submitButton(el).disabled, 'never re-enabled', { timeout: 5000 });
    submitButton(el).click();
    await phase(el, 'code');
  });

  it('explains a server error and a dropped connection, and lets the user try again', async () => {
    await tenant.scenario({
      failures: [
        { method: 'POST', path: MAX_PATHS.code, status: 503 },
        { method: 'POST', path: MAX_PATHS.code, drop: true },
      ],
    });
    const el = await mount(tenant, 'max', { socket: false });
    await submit(el, '79991112233');
    await phase(el, 'code');
    await submit(el, MAX_CODE);
    await waitUntil(() => statusText(el).includes(en.errorServer), 'no server-error notice');
    await tenant.scenario({ failures: [{ method: 'POST', path: MAX_PATHS.code, drop: true }] });
    await submit(el, MAX_CODE);
    await waitUntil(() => statusText(el).includes(en.errorNetwork), 'no network notice');
    expect(el.phase).to.equal('code');
    const connected = oneEvent(el, 'inbox-connected');
    await submit(el, MAX_CODE);
    await connected;
  });

  it('says an account is already linked (409) and offers to manage it', async () => {
    await tenant.addChannel({ type: 'max' });
    const el = await mount(tenant, 'max', { socket: false });
    const failed = oneEvent(el, 'inbox-connect-failed');
    await submit(el, '79991112233');
    expect((await failed).detail.reason).to.equal('conflict');
    await phase(el, 'conflict');
    expect(statusText(el)).to.equal(en.phoneLoginAlreadyLinked('MAX'));
    await expect(el).to.be.accessible();
  });

  it('can be completed with the keyboard alone', async () => {
    const el = await mount(tenant, 'max', { socket: false });
    await sendKeys({ press: 'Tab' });
    expect(entryFocused(el), 'focus on the input').to.equal(true);
    await sendKeys({ type: '79991112233' });
    await sendKeys({ press: 'Enter' });
    await phase(el, 'code');
    expect(entryFocused(el), 'focus on the input').to.equal(true);
    await sendKeys({ type: MAX_CODE });
    const connected = oneEvent(el, 'inbox-connected');
    await sendKeys({ press: 'Enter' });
    await connected;
  });
});

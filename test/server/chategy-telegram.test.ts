import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { PhoneLogin } from '../../src/elements/phone-login/phone-login.component.js';
import { en } from '../../src/i18n/en.js';
import {
  CHATEGY_SERVER,
  CHATEGY_SOCKET,
  chategyControl,
  chategyInstance,
  chategyServerReady,
  newChategyCustomer,
  text,
  type ChategyCustomer,
} from '../helpers/chategy-server.js';

/** The flavour's Telegram login code (sandbox/chategy/README.md); its wrong password is `wrong`. */
const TELEGRAM_CODE = '12345';

/** Each customer is a signed-in identity of its own, so its elements never share another's socket. */
async function mount(customer: ChategyCustomer): Promise<ChannelConnect> {
  return fixture<ChannelConnect>(
    html`<channel-connect
      base-url=${CHATEGY_SERVER}
      socket-url=${CHATEGY_SOCKET}
      .getToken=${customer.getToken}
      identity=${customer.id}
      channels="telegram"
    ></channel-connect>`,
  );
}

/** Chooses "phone number" among Telegram's two ways in and waits for the room's first step. */
async function phoneStep(el: ChannelConnect): Promise<PhoneLogin> {
  const radio = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="method"][value="phone"]');
  if (!radio) throw new Error('channel-connect offers no phone number for Telegram');
  radio.click();
  await waitUntil(() => el.shadowRoot!.querySelector('[part="phone-login"]'), 'the phone step never loaded');
  const step = el.shadowRoot!.querySelector('[part="phone-login"]') as PhoneLogin;
  await waitUntil(() => step.phase === 'phone', `the room never asked for the phone (at ${step.phase})`, {
    timeout: 10000,
  });
  await step.updateComplete;
  return step;
}

function entry(step: PhoneLogin): HTMLInputElement {
  const input = step.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]');
  if (!input) throw new Error(`no input in phase ${step.phase}`);
  return input;
}

async function submit(step: PhoneLogin, value: string): Promise<void> {
  await step.updateComplete;
  const input = entry(step);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  step.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

async function reach(step: PhoneLogin, phase: PhoneLogin['phase']): Promise<void> {
  await waitUntil(() => step.phase === phase, `never reached ${phase} (at ${step.phase})`, {
    timeout: 10000,
  });
  await step.updateComplete;
}

/** The refusal shown under the field, once the server relayed the room's 422. */
async function fieldError(step: PhoneLogin): Promise<string> {
  await waitUntil(
    () => step.shadowRoot!.querySelector('#entry-error'),
    `no error at the field (phase ${step.phase}: ${text(step.shadowRoot)})`,
    { timeout: 10000 },
  );
  return text(step.shadowRoot!.querySelector('#entry-error'));
}

async function telegramStatus(customer: ChategyCustomer): Promise<string | undefined> {
  return (await chategyInstance(customer))?.telegram_status;
}

async function askForPassword(required: boolean): Promise<void> {
  const answer = await chategyControl('scenario', { telegram_password: required });
  expect(answer.status).to.equal(200);
}

describe('Telegram by phone: elements → inbox-elements-server → Chategy sandbox flavour', function () {
  // A cap, not a wait: each test goes through two servers and checks axe twice; on a loaded machine
  // that outlasts mocha's 20 s, while every step waits on its own condition.
  this.timeout(60_000);

  before(async function () {
    this.timeout(60_000);
    await chategyServerReady();
  });

  after(() => askForPassword(false));

  it('links by phone, code and cloud password typed at the keyboard, and the account is the customer’s', async () => {
    await askForPassword(true);
    const customer = newChategyCustomer();
    const el = await mount(customer);
    const step = await phoneStep(el);

    entry(step).focus();
    await sendKeys({ type: '+966 50 123 4567' });
    await sendKeys({ press: 'Enter' });
    await reach(step, 'code');
    expect(text(step.shadowRoot!.querySelector('#explain'))).to.equal(
      en.phoneLoginCodeExplain('telegram', '+966501234567'),
    );
    expect(await telegramStatus(customer)).to.equal('wait_code');

    await waitUntil(() => step.shadowRoot!.activeElement === entry(step), 'focus did not move to the code');
    await sendKeys({ type: TELEGRAM_CODE });
    await sendKeys({ press: 'Enter' });
    await reach(step, 'password');
    expect(text(step.shadowRoot!.querySelector('#explain'))).to.equal(en.phoneLoginPasswordExplain);

    const connected = oneEvent(el, 'inbox-connected');
    await waitUntil(
      () => step.shadowRoot!.activeElement === entry(step),
      'focus did not move to the password',
    );
    await sendKeys({ type: 'correct horse' });
    await sendKeys({ press: 'Enter' });
    const { detail } = await connected;
    expect(detail.channel.type).to.equal('telegram');
    expect(detail.channel.username).to.equal('+966501234567');
    await waitUntil(
      () => text(el.shadowRoot!.querySelector('.done')).includes('Telegram is linked'),
      'channel-connect did not say the account is linked',
    );
    expect(await telegramStatus(customer)).to.equal('authorized');

    const listed = await fetch(`${CHATEGY_SERVER}/api/v1/channels`, {
      headers: { Authorization: `Bearer ${await customer.getToken()}` },
    });
    const channels = ((await listed.json()) as { data: { type: string; username: string }[] }).data;
    expect(channels.map(({ type, username }) => `${type} ${username}`)).to.deep.equal([
      'telegram +966501234567',
    ]);
    const stranger = await fetch(`${CHATEGY_SERVER}/api/v1/channels`, {
      headers: { Authorization: `Bearer ${await newChategyCustomer().getToken()}` },
    });
    expect(((await stranger.json()) as { data: unknown[] }).data).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows Telegram’s 422 for an invalid phone at the field, and the number can be corrected', async () => {
    await askForPassword(false);
    const customer = newChategyCustomer();
    const el = await mount(customer);
    const step = await phoneStep(el);

    // Seven to fifteen digits passes the element's own check; Telegram refuses a local number.
    await submit(step, '+0501234567');
    expect(await fieldError(step)).to.equal(en.phoneLoginPhoneRejected);
    expect(step.phase).to.equal('phone');
    const input = entry(step);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('entry-error');
    expect(step.shadowRoot!.activeElement).to.equal(input);
    expect(await telegramStatus(customer)).to.equal('wait_phone');
    await expect(el).to.be.accessible();
    await expect(step).to.be.accessible();

    await submit(step, '+966501234568');
    await reach(step, 'code');
    expect(step.shadowRoot!.querySelector('#entry-error')).to.equal(null);
    expect(await telegramStatus(customer)).to.equal('wait_code');
  });

  it('says a wrong code is not right and keeps the code step; the right code then links', async () => {
    await askForPassword(false);
    const customer = newChategyCustomer();
    const el = await mount(customer);
    const step = await phoneStep(el);
    await submit(step, '+966501234569');
    await reach(step, 'code');

    await submit(step, '99999');
    expect(await fieldError(step)).to.equal(en.phoneLoginCodeRejected);
    expect(step.phase).to.equal('code');
    expect(entry(step).value).to.equal('');
    expect(await telegramStatus(customer)).to.equal('wait_code');

    const connected = oneEvent(el, 'inbox-connected');
    await submit(step, TELEGRAM_CODE);
    const { detail } = await connected;
    expect(detail.channel.username).to.equal('+966501234569');
    expect(await telegramStatus(customer)).to.equal('authorized');
  });

  it('says a wrong cloud password is not right and clears it; the right one then links', async () => {
    await askForPassword(true);
    const customer = newChategyCustomer();
    const el = await mount(customer);
    const step = await phoneStep(el);
    await submit(step, '+966501234570');
    await reach(step, 'code');
    await submit(step, TELEGRAM_CODE);
    await reach(step, 'password');

    await submit(step, 'wrong');
    expect(await fieldError(step)).to.equal(en.phoneLoginPasswordRejected);
    expect(step.phase).to.equal('password');
    expect(entry(step).value).to.equal('');
    expect(await telegramStatus(customer)).to.equal('wait_password');

    const connected = oneEvent(el, 'inbox-connected');
    await submit(step, 'the right one');
    await connected;
    expect(await telegramStatus(customer)).to.equal('authorized');
  });
});

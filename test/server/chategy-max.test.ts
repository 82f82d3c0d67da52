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
  buttonByText,
  chategyControl,
  chategyInstance,
  chategyRequests,
  chategyServerReady,
  newChategyCustomer,
  text,
  uniquePhone,
  type ChategyCustomer,
} from '../helpers/chategy-server.js';

/** The flavour's MAX SMS code (sandbox/chategy/README.md). */
const MAX_CODE = '848158';

/** Chategy's 422 envelope, word for word as its documentation gives it. */
function documented422(field: string, message: string) {
  return {
    meta: {
      code: 422,
      message: 'Unprocessable Entity',
      status: 'fail',
      errors: { [field]: [message] },
      status_id: null,
    },
  };
}

/** The flavour answers the next call to `path` with that documented 422, whatever was sent. */
async function refuseNext(path: string, field: string, message: string): Promise<void> {
  const answer = await chategyControl('scenario', {
    failures: [{ method: 'POST', path, status: 422, body: documented422(field, message) }],
  });
  expect(answer.status).to.equal(200);
}

async function mount(customer: ChategyCustomer): Promise<PhoneLogin> {
  return fixture<PhoneLogin>(
    html`<phone-login
      channel="max"
      base-url=${CHATEGY_SERVER}
      .getToken=${customer.getToken}
      identity=${customer.id}
    ></phone-login>`,
  );
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

async function fieldError(step: PhoneLogin): Promise<string> {
  await waitUntil(
    () => step.shadowRoot!.querySelector('#entry-error'),
    `no error at the field (phase ${step.phase}: ${text(step.shadowRoot)})`,
    { timeout: 10000 },
  );
  return text(step.shadowRoot!.querySelector('#entry-error'));
}

/** The server's answer to one of its MAX calls, made with the customer's session token. */
async function callServer(customer: ChategyCustomer, path: string, body: unknown): Promise<Response> {
  return fetch(`${CHATEGY_SERVER}/api/v1/channels/max/${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await customer.getToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function sentPhones(): Promise<unknown[]> {
  return (await chategyRequests())
    .filter(({ method, path }) => method === 'POST' && path.startsWith('/api/v1/max/send_phone'))
    .map(({ params }) => params['phone']);
}

describe('MAX by phone and SMS code: elements → inbox-elements-server → Chategy sandbox flavour', () => {
  before(async function () {
    this.timeout(60_000);
    await chategyServerReady();
  });

  it('<channel-connect> links MAX by phone and SMS code typed at the keyboard', async () => {
    const customer = newChategyCustomer();
    const phone = uniquePhone();
    const el = await fixture<ChannelConnect>(
      html`<channel-connect
        base-url=${CHATEGY_SERVER}
        .getToken=${customer.getToken}
        identity=${customer.id}
        channels="max"
      ></channel-connect>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="phone-login"]'), 'no phone step');
    const step = el.shadowRoot!.querySelector('[part="phone-login"]') as PhoneLogin;
    await reach(step, 'phone');
    expect(text(step.shadowRoot!.querySelector('#explain'))).to.equal(en.phoneLoginPhoneExplain('max'));

    entry(step).focus();
    await sendKeys({ type: `+${phone}` });
    await sendKeys({ press: 'Enter' });
    await reach(step, 'code');
    expect(text(step.shadowRoot!.querySelector('#explain'))).to.equal(
      en.phoneLoginCodeExplain('max', `+${phone}`),
    );
    expect(await sentPhones()).to.include(phone);
    expect((await chategyInstance(customer))?.max_session).to.equal('code_sent');

    const connected = oneEvent(el, 'inbox-connected');
    await waitUntil(() => step.shadowRoot!.activeElement === entry(step), 'focus did not move to the code');
    await sendKeys({ type: MAX_CODE });
    await sendKeys({ press: 'Enter' });
    const { detail } = await connected;
    expect(detail.channel.type).to.equal('max');
    expect(detail.channel.username).to.equal(`+${phone}`);
    await waitUntil(
      () => text(el.shadowRoot!.querySelector('.done')).includes('MAX is linked'),
      'channel-connect did not say the account is linked',
    );
    expect((await chategyInstance(customer))?.max_session).to.equal('authorized');
    await expect(el).to.be.accessible();
  });

  it('“Phone number has invalid format”: said in words at the field', async () => {
    const customer = newChategyCustomer();
    const step = await mount(customer);
    await reach(step, 'phone');
    // Seven digits passes the element's own check; Chategy wants eight to fifteen.
    await submit(step, '+1234567');
    expect(await fieldError(step)).to.equal(en.phoneLoginPhoneFormat);
    expect(step.phase).to.equal('phone');
    expect(entry(step).getAttribute('aria-invalid')).to.equal('true');
    expect(step.shadowRoot!.activeElement).to.equal(entry(step));
    expect((await chategyInstance(customer))?.max_session).to.equal('none');
    await expect(step).to.be.accessible();

    const answer = await callServer(customer, 'send_phone', { phone: '1234567' });
    expect(answer.status).to.equal(422);
    const body = (await answer.json()) as { errors: Record<string, string[]> };
    expect(body.errors).to.deep.equal({ phone: ['Phone number has invalid format'] });
  });

  it('“Phone number can’t be blank”: the server passes it on, and the element says it in words', async () => {
    const customer = newChategyCustomer();
    const answer = await callServer(customer, 'send_phone', { phone: '' });
    expect(answer.status).to.equal(422);
    const body = (await answer.json()) as { errors: Record<string, string[]> };
    expect(body.errors).to.deep.equal({ phone: ["Phone number can't be blank"] });

    const step = await mount(customer);
    await reach(step, 'phone');
    const before = (await sentPhones()).length;
    await submit(step, '');
    expect(await fieldError(step)).to.equal(en.phoneLoginPhoneRequired);
    expect((await sentPhones()).length, 'an empty number is not sent').to.equal(before);

    await refuseNext('/api/v1/max/send_phone', 'phone', "Phone number can't be blank");
    await submit(step, `+${uniquePhone()}`);
    expect(await fieldError(step)).to.equal(en.phoneLoginPhoneRequired);
    expect(step.phase).to.equal('phone');
  });

  it('“confirmation code invalid”: said at the field, and the right code then links', async () => {
    const customer = newChategyCustomer();
    const phone = uniquePhone();
    const step = await mount(customer);
    await reach(step, 'phone');
    await submit(step, `+${phone}`);
    await reach(step, 'code');

    await submit(step, '111111');
    expect(await fieldError(step)).to.equal(en.phoneLoginCodeRejected);
    expect(step.phase).to.equal('code');
    expect(entry(step).value).to.equal('');
    expect((await chategyInstance(customer))?.max_session).to.equal('code_sent');

    const connected = oneEvent(step, 'inbox-connected');
    await submit(step, MAX_CODE);
    const { detail } = await connected;
    expect(detail.channel.username).to.equal(`+${phone}`);
    await waitUntil(
      () => text(step.shadowRoot!.querySelector('.success')) === en.phoneLoginConnected('MAX', `+${phone}`),
      'the element did not say MAX is linked',
    );
  });

  it('“code can’t be blank”: the server passes it on, and the element says it in words', async () => {
    const customer = newChategyCustomer();
    const step = await mount(customer);
    await reach(step, 'phone');
    await submit(step, `+${uniquePhone()}`);
    await reach(step, 'code');

    const answer = await callServer(customer, 'send_code', { code: '' });
    expect(answer.status).to.equal(422);
    const body = (await answer.json()) as { errors: Record<string, string[]> };
    expect(body.errors).to.deep.equal({ code: ["code can't be blank"] });

    await refuseNext('/api/v1/max/send_code', 'code', "code can't be blank");
    await submit(step, MAX_CODE);
    expect(await fieldError(step)).to.equal(en.phoneLoginCodeRequired);
    expect(step.phase).to.equal('code');
    expect((await chategyInstance(customer))?.max_session).to.equal('code_sent');
  });

  it('“max_session_closer session_not_found”: “Use another number” after the sign-in ended says so and asks again', async () => {
    const customer = newChategyCustomer();
    const step = await mount(customer);
    await reach(step, 'phone');
    await submit(step, `+${uniquePhone()}`);
    await reach(step, 'code');
    // The sign-in ends behind the page's back (another tab of the same customer closed it).
    expect((await callServer(customer, 'close_session', {})).status).to.equal(204);
    expect((await chategyInstance(customer))?.max_session).to.equal('none');

    buttonByText(step.shadowRoot!, en.phoneLoginUseAnotherNumber).click();
    await reach(step, 'phone');
    await waitUntil(
      () => text(step.shadowRoot!.querySelector('.notice')) === en.phoneLoginSessionGone,
      `the element did not say the sign-in had ended: ${text(step.shadowRoot)}`,
    );
    const again = await callServer(customer, 'close_session', {});
    expect(again.status).to.equal(422);
    const body = (await again.json()) as { errors: Record<string, string[]> };
    expect(body.errors).to.deep.equal({ max_session_closer: ['max_session_closer session_not_found'] });
    await expect(step).to.be.accessible();
  });
});

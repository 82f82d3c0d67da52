import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import type { Channel } from '../../src/api/types.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  apiCalls,
  conversationButtons,
  focusedIn,
  isOutgoing,
  listReady,
  mount,
  rowsWith,
  rowWith,
  shadow,
  text,
  UUID,
  WIDE,
} from '../helpers/conversation-view.js';

const START_PATH = '/api/v1/conversations';

function newConversationButton(el: ConversationView): HTMLButtonElement | null {
  return shadow(el).querySelector<HTMLButtonElement>('[part="new-conversation"]');
}

function form(el: ConversationView): HTMLFormElement | null {
  return shadow(el).querySelector<HTMLFormElement>('[part="new-conversation-form"]');
}

function field<E extends HTMLElement>(el: ConversationView, label: string): E {
  const found = [...shadow(el).querySelectorAll('[part="new-conversation-form"] label')].find(
    (item) => text(item) === label,
  );
  const control = found && shadow(el).getElementById(found.getAttribute('for') ?? '');
  if (!control) throw new Error(`no field labelled "${label}"`);
  return control as E;
}

/** What the form says under the recipient field (its check or its error). */
function recipientNote(el: ConversationView): string {
  const input = field<HTMLInputElement>(el, en.newConversationPhone);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return text(shadow(el).getElementById(ids.at(-1)!));
}

function threadTitle(el: ConversationView): string {
  return text(shadow(el).querySelector('#thread-title'));
}

/** Whether one of the element's live regions says `words`. */
function announced(el: ConversationView, words: string): boolean {
  return [...shadow(el).querySelectorAll('[aria-live]')].some((region) => text(region).includes(words));
}

async function startCalls(tenant: SandboxTenant) {
  return apiCalls(tenant, 'POST', START_PATH);
}

/** Opens the form with the button, as a pointer does, and waits for the phone check to be ready. */
async function openForm(el: ConversationView): Promise<void> {
  await waitUntil(() => newConversationButton(el), 'no "New conversation" button');
  newConversationButton(el)!.click();
  await waitUntil(() => form(el), 'the form did not open');
}

async function typeInto(control: HTMLElement, value: string): Promise<void> {
  control.focus();
  await sendKeys({ type: value });
}

describe('<conversation-view> new conversation', () => {
  let tenant: SandboxTenant;
  let whatsapp: Channel;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    whatsapp = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
  });

  it('sends the first message to a phone number and opens its thread with that message', async () => {
    const el = await mount(tenant);
    await listReady(el);
    await openForm(el);
    expect(newConversationButton(el)!.getAttribute('aria-expanded')).to.equal('true');
    await typeInto(field(el, en.newConversationPhone), '+966501234567');
    await waitUntil(
      () => recipientNote(el) === en.newConversationPhoneValid('+966 50 123 4567'),
      'the valid number is not confirmed',
    );
    await typeInto(field(el, en.newConversationMessage), 'Your order is ready');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => rowsWith(el, 'Your order is ready').length === 1, 'the thread does not show it');
    expect(isOutgoing(rowWith(el, 'Your order is ready'))).to.equal(true);
    expect(form(el)).to.equal(null);
    const calls = await startCalls(tenant);
    expect(calls).to.have.length(1);
    const body = calls[0].body as Record<string, unknown>;
    expect(body).to.deep.include({
      channel_id: whatsapp.id,
      to: { phone: '+966501234567' },
      text: 'Your order is ready',
    });
    expect(body['external_id']).to.match(UUID);
    await waitUntil(() => conversationButtons(el).length === 1, 'the conversation is not listed');
    expect(text(conversationButtons(el)[0])).to.include('+966501234567');
    expect(threadTitle(el)).to.include('+966501234567');
    expect(announced(el, en.newConversationOpened('+966501234567'))).to.equal(true);
    await waitUntil(() => focusedIn(el)?.tagName === 'TEXTAREA', 'the composer is not focused');
    await expect(el).to.be.accessible();
  });

  it("opens the contact's existing conversation instead of making a second one", async () => {
    const existing = await tenant.createConversation({
      channel_id: whatsapp.id,
      contact: { name: 'Sara', phone: '+966501112233' },
      messages: 3,
    });
    const el = await mount(tenant);
    await listReady(el);
    await openForm(el);
    await typeInto(field(el, en.newConversationPhone), '+966 50 111 2233');
    await typeInto(field(el, en.newConversationMessage), 'Hello again');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => rowsWith(el, 'Hello again').length === 1, 'the message is not in the thread');
    expect(threadTitle(el)).to.include('Sara');
    expect(conversationButtons(el).map((button) => button.dataset.id)).to.deep.equal([existing.id]);
    expect(conversationButtons(el)[0].getAttribute('aria-current')).to.equal('true');
    const { conversations } = await tenant.state();
    expect(conversations).to.have.length(1);
  });

  it('flags an impossible number while it is typed and sends nothing', async () => {
    const el = await mount(tenant);
    await listReady(el);
    await openForm(el);
    const input = field<HTMLInputElement>(el, en.newConversationPhone);
    await typeInto(input, '+96650');
    // Too short yet, not wrong: more digits can make it a number.
    await waitUntil(() => recipientNote(el) === '', 'a number being typed is flagged');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    await sendKeys({ type: '12345678901' });
    await waitUntil(
      () => recipientNote(el) === en.newConversationPhoneInvalid,
      'a number too long is not flagged while typing',
    );
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await typeInto(field(el, en.newConversationMessage), 'Hi');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focusedIn(el) === input, 'the focus did not go to the wrong number');
    expect(await startCalls(tenant)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it("shows the backend's refusal of the number at the field and keeps what was typed", async () => {
    const el = await mount(tenant);
    await listReady(el);
    await openForm(el);
    const input = field<HTMLInputElement>(el, en.newConversationPhone);
    await typeInto(input, '+966501230000');
    await typeInto(field(el, en.newConversationMessage), 'Are you there?');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });

    await waitUntil(
      () => recipientNote(el) === 'This number is not on WhatsApp.',
      'the 422 is not at the field',
    );
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(focusedIn(el)).to.equal(input);
    expect(input.value).to.equal('+966501230000');
    expect(field<HTMLTextAreaElement>(el, en.newConversationMessage).value).to.equal('Are you there?');
    expect(await startCalls(tenant)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('reaches a Telegram contact by username; an unknown one is refused at the field', async () => {
    const telegram = await tenant.addChannel({ type: 'telegram', username: '+966500000002' });
    const el = await mount(tenant);
    await listReady(el);
    await openForm(el);
    const account = field<HTMLSelectElement>(el, en.newConversationAccount);
    account.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => account.value === String(telegram.id), 'the Telegram account is not chosen');
    const input = field<HTMLInputElement>(el, en.newConversationPhoneOrUsername);
    await typeInto(input, '@unknown_person');
    await typeInto(field(el, en.newConversationMessage), 'Hi!');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () =>
        text(shadow(el).getElementById('new-conversation-to-check')) ===
        'No Telegram user has this username.',
      'the unknown username is not refused at the field',
    );

    input.select();
    await sendKeys({ type: '@sara_k' });
    field(el, en.newConversationMessage).focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, 'Hi!').length === 1, 'the thread does not show the message');
    const bodies = (await startCalls(tenant)).map((call) => call.body as { channel_id: number; to: unknown });
    expect(bodies.map(({ channel_id, to }) => ({ channel_id, to }))).to.deep.equal([
      { channel_id: telegram.id, to: { username: 'unknown_person' } },
      { channel_id: telegram.id, to: { username: 'sara_k' } },
    ]);
  });

  it('keeps what was typed after a server failure and sends it once on Try again', async () => {
    await tenant.scenario({ failures: [{ method: 'POST', path: START_PATH, status: 500, times: 3 }] });
    const el = await mount(tenant);
    await listReady(el);
    await openForm(el);
    await typeInto(field(el, en.newConversationPhone), '+966501234567');
    await typeInto(field(el, en.newConversationMessage), 'Second try');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });

    const alert = () => text(form(el)?.querySelector('[role="alert"]'));
    await waitUntil(() => alert() === en.newConversationFailed(en.errorServer), 'the failure is not said', {
      timeout: 15_000,
    });
    expect(field<HTMLInputElement>(el, en.newConversationPhone).value).to.equal('+966501234567');
    expect(field<HTMLTextAreaElement>(el, en.newConversationMessage).value).to.equal('Second try');
    await expect(el).to.be.accessible();
    const retry = [...form(el)!.querySelectorAll('button')].find(
      (button) => text(button) === en.newConversationRetry,
    )!;
    retry.focus();
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => rowsWith(el, 'Second try').length === 1, 'the retry did not open the thread');
    const ids = (await startCalls(tenant)).map((call) => (call.body as { external_id: string }).external_id);
    expect(ids).to.have.length(4);
    expect(new Set(ids).size).to.equal(1);
    const { conversations } = await tenant.state();
    expect(conversations).to.have.length(1);
  });

  it('hides itself once the backend answers 501', async () => {
    await tenant.scenario({
      failures: [
        {
          method: 'POST',
          path: START_PATH,
          status: 501,
          body: { success: false, message: 'Starting conversations is not supported.' },
          times: -1,
        },
      ],
    });
    const el = await mount(tenant);
    await listReady(el);
    await openForm(el);
    await typeInto(field(el, en.newConversationPhone), '+966501234567');
    await typeInto(field(el, en.newConversationMessage), 'Hello');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => newConversationButton(el) === null, 'the button is still offered');
    expect(form(el)).to.equal(null);
    await waitUntil(() => announced(el, en.newConversationUnavailable), 'the change is not announced');
    await waitUntil(() => focusedIn(el)?.id === 'search', 'the focus was lost');
    await expect(el).to.be.accessible();
  });

  it('is not offered by a host backend without startConversation, nor without an account that can start one', async () => {
    const { startConversation, ...backend } = createContractBackend({
      baseUrl: tenant.baseUrl,
      apiKey: tenant.apiKey,
    });
    expect(startConversation).to.be.a('function');
    await tenant.addChannel({ type: 'telegram', username: '+966500000002' });
    const without = await fixture<ConversationView>(
      html`<conversation-view .backend=${backend} style=${WIDE} .pollInterval=${60_000}></conversation-view>`,
    );
    await listReady(without);
    // The type filter shows once the accounts are known, which is when the button would show.
    await waitUntil(() => shadow(without).querySelector('#channel-type'), 'the accounts did not load');
    expect(newConversationButton(without)).to.equal(null);

    const other = new SandboxTenant();
    await other.addChannel({ type: 'instagram', username: 'shop' });
    await other.addChannel({ type: 'whatsapp', username: '+966500000003', is_connected: false });
    const el = await mount(other);
    await listReady(el);
    await waitUntil(() => shadow(el).querySelector('#channel-type'), 'the accounts did not load');
    expect(newConversationButton(el)).to.equal(null);
  });

  it('works from the keyboard alone, and Escape closes it with the focus back on the button', async () => {
    const el = await mount(tenant);
    await listReady(el);
    await waitUntil(() => newConversationButton(el), 'no "New conversation" button');
    newConversationButton(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => focusedIn(el) === field(el, en.newConversationAccount),
      'the form did not open with the focus in it',
    );
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => form(el) === null, 'Escape did not close the form');
    await waitUntil(() => focusedIn(el) === newConversationButton(el), 'the focus did not go back');
    expect(newConversationButton(el)!.getAttribute('aria-expanded')).to.equal('false');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focusedIn(el) === field(el, en.newConversationAccount), 'not opened again');
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(el)).to.equal(field(el, en.newConversationPhone));
    await sendKeys({ type: '+966507654321' });
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(el)).to.equal(field(el, en.newConversationMessage));
    await sendKeys({ type: 'Typed, never clicked' });
    await sendKeys({ press: 'Tab' });
    expect(text(focusedIn(el))).to.equal(en.newConversationSend);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, 'Typed, never clicked').length === 1, 'not sent from the keyboard');
    await waitUntil(() => focusedIn(el)?.tagName === 'TEXTAREA', 'the composer is not focused');
  });
});

/**
 * <conversation-view>'s filters, unread total, notifications, typing and presence against the sandbox.
 * Notifications: Chromium's permission prompt cannot be answered from a page, so these tests put a stand-in
 * `Notification` on the page (recording what was asked and shown) and report the page hidden through
 * `document.visibilityState`.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../helpers/async.js';
import '../helpers/lit-warnings.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  apiCalls,
  conversationButton,
  conversationButtons,
  listReady,
  mount,
  open,
  shadow,
  text,
} from '../helpers/conversation-view.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';

/** Waits until the socket delivers: a message from the contact shows as the conversation's preview. */
async function socketJoined(el: ConversationView, tenant: SandboxTenant, conversationId: string) {
  const marker = `marker ${crypto.randomUUID().slice(0, 8)}`;
  await tenant.incoming(conversationId, { text: marker });
  await waitUntil(
    () => text(conversationButton(el, conversationId)).includes(marker),
    'the socket did not bring the marker',
  );
}

function threadHeader(el: ConversationView): string {
  return text(shadow(el).querySelector('[part="thread-header"]'));
}

interface ShownNotification {
  title: string;
  body: string | undefined;
  closed?: true;
}

/** A stand-in for the browser's Notification, answering `answer` when asked. */
function fakeNotifications(answer: NotificationPermission) {
  const record = { asked: 0, shown: [] as ShownNotification[] };
  class FakeNotification extends EventTarget {
    static permission: NotificationPermission = 'default';
    static requestPermission(): Promise<NotificationPermission> {
      record.asked += 1;
      FakeNotification.permission = answer;
      return Promise.resolve(answer);
    }
    private readonly shown: ShownNotification;
    constructor(title: string, options?: NotificationOptions) {
      super();
      this.shown = { title, body: options?.body };
      record.shown.push(this.shown);
    }
    close(): void {
      this.shown.closed = true;
    }
  }
  const original = Object.getOwnPropertyDescriptor(window, 'Notification');
  Object.defineProperty(window, 'Notification', {
    configurable: true,
    writable: true,
    value: FakeNotification,
  });
  return {
    record,
    restore: () => {
      if (original) Object.defineProperty(window, 'Notification', original);
    },
  };
}

describe('<conversation-view> filters, unread total and presence', () => {
  let tenant: SandboxTenant;
  let restore: (() => void) | undefined;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => {
    restore?.();
    restore = undefined;
    Reflect.deleteProperty(document, 'visibilityState');
  });

  it('shows only the unread conversations, and only one channel type, through the server', async () => {
    const read = await tenant.createConversation({
      channel: 'whatsapp',
      contact: { name: 'Read Rana' },
      messages: 2,
    });
    const unread = await tenant.createConversation({
      channel: 'whatsapp',
      contact: { name: 'Unread Umar' },
      messages: 2,
    });
    await tenant.incoming(unread.id, { text: 'ping' });
    const telegram = await tenant.createConversation({
      channel: 'telegram',
      contact: { name: 'Tariq' },
      messages: 2,
    });
    await tenant.incoming(telegram.id, { text: 'hello' });
    const el = await mount(tenant);
    await listReady(el);
    await waitUntil(() => conversationButtons(el).length === 3, 'not all conversations listed');

    const unreadOnly = shadow(el).querySelector<HTMLInputElement>('[role="group"] input[type="checkbox"]')!;
    unreadOnly.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(
      () => conversationButtons(el).length === 2 && !conversationButton(el, read.id),
      'the read conversation is still listed',
    );
    const type = shadow(el).querySelector<HTMLSelectElement>('#channel-type')!;
    expect([...type.options].map((option) => option.value)).to.deep.equal(['', 'telegram', 'whatsapp']);
    type.value = 'telegram';
    type.dispatchEvent(new Event('change'));
    await waitUntil(
      () =>
        conversationButtons(el)
          .map((button) => button.dataset.id)
          .join() === telegram.id,
      'the type filter did not narrow the list',
    );
    const calls = await apiCalls(tenant, 'GET', '/api/v1/conversations');
    expect(
      calls.some((call) => call.path.includes('unread=true') && call.path.includes('channel=telegram')),
    ).to.equal(true);
    await expect(el).to.be.accessible();

    // Read, the one conversation left no longer matches: said, with a way back.
    await open(el, telegram.id);
    await waitUntil(
      async () => (await apiCalls(tenant, 'POST', `/api/v1/conversations/${telegram.id}/read`)).length === 1,
      'the conversation was not marked read',
    );
    unreadOnly.click();
    await waitUntil(() => conversationButtons(el).length === 1, 'the unread filter did not turn off');
    unreadOnly.click();
    await waitUntil(
      () =>
        text(shadow(el).querySelector('[part="conversations"]')).includes(
          'No conversations match these filters.',
        ),
      'no empty state for the filters',
    );
    await expect(el).to.be.accessible();
    const clear = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="conversations"] button')].find(
      (button) => text(button) === 'Clear search and filters',
    )!;
    clear.click();
    await waitUntil(
      () => conversationButtons(el).length === 3,
      'clearing did not bring every conversation back',
    );
    expect(unreadOnly.checked).to.equal(false);
  });

  it('keeps the unread total across the inbox, as a property and an event', async () => {
    const first = await tenant.createConversation({ contact: { name: 'Aya' }, messages: 2 });
    await tenant.incoming(first.id, { text: 'one' });
    await tenant.incoming(first.id, { text: 'two' });
    const second = await tenant.createConversation({ contact: { name: 'Bilal' }, messages: 2 });
    await tenant.incoming(second.id, { text: 'three' });
    const totals: number[] = [];
    const el = await mount(tenant, { socket: true });
    el.addEventListener('inbox-unread-change', (event) => totals.push(event.detail.total));
    await listReady(el);
    await waitUntil(() => totals.at(-1) === 3, `totals: ${totals.join()}`);
    expect(el.unreadTotal).to.equal(3);
    await socketJoined(el, tenant, second.id);
    await waitUntil(() => totals.at(-1) === 4, `totals after a message: ${totals.join()}`);
    await open(el, first.id);
    await waitUntil(() => totals.at(-1) === 2, `totals after reading: ${totals.join()}`);
    expect(el.unreadTotal).to.equal(2);
    // With the unread filter on, the total still counts the whole inbox.
    shadow(el).querySelector<HTMLInputElement>('[role="group"] input[type="checkbox"]')!.click();
    await waitUntil(() => conversationButtons(el).length === 1, 'the unread filter did not apply');
    expect(el.unreadTotal).to.equal(2);
  });

  it('counts a conversation no loaded page held once, when the socket reports it and when its page loads', async () => {
    const far = await tenant.createConversation({ contact: { name: 'Far Away' }, messages: 2 });
    await tenant.incoming(far.id, { text: 'one' });
    await tenant.incoming(far.id, { text: 'two' });
    // Conversations with newer activity push it off the first page (30).
    const later = new Date(Date.now() + 60_000).getTime();
    await Promise.all(
      Array.from({ length: 31 }, (_, index) =>
        tenant.createConversation({ messages: 1, newest_at: new Date(later + index * 1000).toISOString() }),
      ),
    );
    const totals: number[] = [];
    const el = await mount(tenant, { socket: true });
    el.addEventListener('inbox-unread-change', (event) => totals.push(event.detail.total));
    await listReady(el);
    expect(conversationButton(el, far.id) === null, 'it is on the first page').to.equal(true);
    await socketJoined(el, tenant, conversationButtons(el)[0].dataset.id!);
    const backendTotal = async () => {
      const response = await fetch('/api/v1/conversations?limit=1', {
        headers: { 'X-Api-Key': tenant.apiKey },
      });
      return ((await response.json()) as { data: { unread_total: number } }).data.unread_total;
    };
    const before = await backendTotal();
    await waitUntil(() => el.unreadTotal === before, `total ${el.unreadTotal}, the backend's ${before}`);

    await tenant.incoming(far.id, { text: 'three' });
    await waitUntil(() => conversationButton(el, far.id), 'the socket did not bring the far conversation');
    const after = await backendTotal();
    expect(after).to.equal(before + 1);
    await waitUntil(() => el.unreadTotal === after, `the total did not become the backend's ${after}`);
    expect(totals.at(-1)).to.equal(after);
    // The first page again, then its own page (Show more): still counted once.
    await el.reload();
    await el.updateComplete;
    expect(el.unreadTotal).to.equal(after);
    const more = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="conversations"] button')].find(
      (button) => text(button) === 'Show more',
    )!;
    more.click();
    await waitUntil(() => conversationButtons(el).length === 32, 'Show more did not bring the rest');
    expect(el.unreadTotal).to.equal(after);
  });

  it('counts the loaded conversations when the backend gives no unread_total', async () => {
    const first = await tenant.createConversation({ messages: 2 });
    await tenant.incoming(first.id, { text: 'one' });
    const second = await tenant.createConversation({ messages: 2 });
    await tenant.incoming(second.id, { text: 'two' });
    await tenant.incoming(second.id, { text: 'three' });
    const response = await fetch('/api/v1/conversations', { headers: { 'X-Api-Key': tenant.apiKey } });
    const { data } = (await response.json()) as { data: Record<string, unknown> };
    delete data['unread_total'];
    await tenant.scenario({
      failures: [
        {
          method: 'GET',
          path: '/api/v1/conversations',
          times: -1,
          status: 200,
          body: { success: true, data },
        },
      ],
    });
    const totals: number[] = [];
    const el = await mount(tenant);
    el.addEventListener('inbox-unread-change', (event) => totals.push(event.detail.total));
    await listReady(el);
    await waitUntil(() => totals.at(-1) === 3, `totals: ${totals.join()}`);
    expect(el.unreadTotal).to.equal(3);
  });

  it('asks for notification permission only when the user turns them on, and explains a refusal', async () => {
    const fake = fakeNotifications('denied');
    restore = fake.restore;
    await tenant.createConversation({ contact: { name: 'Dina' }, messages: 2 });
    const el = await mount(tenant);
    el.setAttribute('notifications', '');
    await listReady(el);
    await waitUntil(() => shadow(el).querySelector('[part="notify"]'), 'no switch');
    const toggle = shadow(el).querySelector<HTMLInputElement>('[part="notify"]')!;
    expect(fake.record.asked).to.equal(0);
    toggle.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => shadow(el).querySelector('#notify-reason'), 'the refusal is not explained');
    expect(text(shadow(el).querySelector('#notify-reason'))).to.include(
      'Notifications are blocked for this site',
    );
    expect(fake.record.asked).to.equal(1);
    expect(shadow(el).querySelector<HTMLInputElement>('[part="notify"]')!.checked).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('notifies of a message that arrives while the page is hidden, once the user allowed it', async () => {
    const fake = fakeNotifications('granted');
    restore = fake.restore;
    const conversation = await tenant.createConversation({ contact: { name: 'Faris' }, messages: 2 });
    const el = await mount(tenant, { socket: true });
    el.notificationsOffered = true;
    await listReady(el);
    await socketJoined(el, tenant, conversation.id);
    await waitUntil(() => shadow(el).querySelector('[part="notify"]'), 'no switch');
    shadow(el).querySelector<HTMLInputElement>('[part="notify"]')!.click();
    await waitUntil(
      () => shadow(el).querySelector<HTMLInputElement>('[part="notify"]')?.checked,
      'not turned on',
    );
    // Visible: no notification.
    await socketJoined(el, tenant, conversation.id);
    expect(fake.record.shown).to.have.length(0);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    await tenant.incoming(conversation.id, { text: 'Are you there?' });
    await waitUntil(() => fake.record.shown.length === 1, 'no notification while hidden');
    expect(fake.record.shown[0]).to.deep.equal({ title: 'New message from Faris', body: 'Are you there?' });

    // Removed from the page (or signed out): what it showed goes with it, and it is off when back.
    el.remove();
    expect(fake.record.shown[0].closed).to.equal(true);
    document.body.append(el);
    await el.updateComplete;
    expect(shadow(el).querySelector<HTMLInputElement>('[part="notify"]')?.checked).to.equal(false);
  });

  it('shows the next signed-in user nothing of the last one’s search hit, search, typing or presence', async () => {
    const conversation = await tenant.createConversation({
      contact: { name: 'Previous Patron' },
      messages: 3,
    });
    const hit = await tenant.incoming(conversation.id, { text: 'the walrus plan' });
    const el = await mount(tenant, { socket: true });
    await listReady(el);
    const searchBox = shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    searchBox.focus();
    await sendKeys({ type: 'walrus' });
    await waitUntil(() => shadow(el).querySelector('[part="search-hit"]'), 'no message hit');
    shadow(el).querySelector<HTMLButtonElement>('[part="search-hit"]')!.click();
    await waitUntil(
      () => shadow(el).querySelector(`[part="messages"] [data-key="${hit.id}"][aria-current="true"]`),
      'the hit did not open',
    );
    await socketJoined(el, tenant, conversation.id);
    await tenant.control('POST', 'typing', { conversation_id: conversation.id, for_ms: 60_000 });
    await tenant.control('POST', 'presence', { conversation_id: conversation.id, online: true });
    await waitUntil(
      () =>
        threadHeader(el).includes('typing…') &&
        conversationButton(el, conversation.id)?.querySelector('[part="presence"]'),
      'typing and presence are not shown',
    );

    // Another user signs in on the same page: another backend key.
    const next = new SandboxTenant();
    await next.createConversation({ contact: { name: 'Next Patron' }, messages: 2 });
    el.setAttribute('api-key', next.apiKey);
    await waitUntil(
      () => conversationButtons(el).some((button) => text(button).includes('Next Patron')),
      'the next user’s conversations are not listed',
    );
    await el.updateComplete;
    const shown = text(shadow(el));
    expect(shown).to.not.include('Previous Patron');
    expect(shown).to.not.include('walrus');
    expect(shown).to.not.include('typing…');
    expect(searchBox.value).to.equal('');
    expect(
      shadow(el).querySelector('[part="typing"], [part="presence"], [part="search-hit"]') === null,
    ).to.equal(true);
    expect(shadow(el).querySelector('[part="messages"] [aria-current="true"]') === null).to.equal(true);
  });

  it('offers no notification switch unless the host asks for it', async () => {
    await tenant.createConversation({ messages: 2 });
    const el = await mount(tenant);
    await listReady(el);
    expect(shadow(el).querySelector('[part="notify"]')).to.equal(null);
  });

  it('shows typing and presence where the backend reports them, in the list and the thread header', async () => {
    const conversation = await tenant.createConversation({ contact: { name: 'Hala' }, messages: 3 });
    const el = await mount(tenant, { socket: true });
    await open(el, conversation.id);
    await socketJoined(el, tenant, conversation.id);
    // Nothing reported yet: nothing shown.
    expect(shadow(el).querySelector('[part="typing"], [part="presence"]')).to.equal(null);

    await tenant.control('POST', 'typing', { conversation_id: conversation.id, for_ms: 60_000 });
    await waitUntil(
      () =>
        conversationButton(el, conversation.id)?.querySelector('[part="typing"]') &&
        threadHeader(el).includes('typing…'),
      'typing is not shown',
    );
    // A message from the contact ends it.
    await tenant.incoming(conversation.id, { text: 'done typing' });
    await waitUntil(() => !threadHeader(el).includes('typing…'), 'typing did not end with the message');

    await tenant.control('POST', 'typing', { conversation_id: conversation.id, for_ms: 400 });
    await waitUntil(() => threadHeader(el).includes('typing…'), 'typing is not shown again');
    await waitUntil(() => !threadHeader(el).includes('typing…'), 'typing did not end by itself');

    await tenant.control('POST', 'presence', { conversation_id: conversation.id, online: true });
    await waitUntil(
      () =>
        conversationButton(el, conversation.id)?.querySelector('[part="presence"]') &&
        threadHeader(el).includes('online'),
      'online is not shown',
    );
    await tenant.control('POST', 'presence', {
      conversation_id: conversation.id,
      online: false,
      last_seen_ms_ago: 60_000,
    });
    await waitUntil(() => threadHeader(el).includes('last seen'), 'last seen is not shown');
    expect(conversationButton(el, conversation.id)?.querySelector('[part="presence"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

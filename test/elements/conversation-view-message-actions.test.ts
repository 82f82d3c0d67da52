import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import type { Conversation, Message } from '../../src/api/types.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  apiCalls,
  bubbleOf,
  focusedIn,
  mount,
  open,
  rowsWith,
  rowWith,
  shadow,
  text,
  typeAndSend,
  WIDE,
} from '../helpers/conversation-view.js';

function action(row: HTMLElement, label: string): HTMLButtonElement | null {
  return row.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
}

function liveRegion(el: ConversationView): string {
  return text(shadow(el).querySelector('[role="status"][aria-live="polite"]'));
}

/** Replaces the page's Clipboard API for one test; returns what was written, and a way back. */
function stubClipboard(write: (text: string) => Promise<void>): () => void {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: write } });
  return () => {
    delete (navigator as { clipboard?: unknown }).clipboard;
    Object.defineProperty(Navigator.prototype, 'clipboard', original);
  };
}

describe('<conversation-view> copy, edit and forward', () => {
  let tenant: SandboxTenant;
  let conversation: Conversation;
  let incoming: Message;

  beforeEach(async () => {
    localStorage.clear();
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    conversation = await tenant.createConversation({ contact: { name: 'Amal' }, messages: 2 });
    incoming = await tenant.incoming(conversation.id, { text: 'Order 5521 arrived' });
  });

  afterEach(() => localStorage.clear());

  async function mountOpen(): Promise<ConversationView> {
    const el = await mount(tenant);
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, 'Order 5521').length === 1, 'the message is not shown');
    return el;
  }

  /** Sends a text from here and waits for the server's copy (the one Edit is offered on). */
  async function sent(el: ConversationView, words: string): Promise<HTMLElement> {
    await typeAndSend(el, words);
    await waitUntil(
      () => rowsWith(el, words).length === 1 && action(rowWith(el, words), en.messageEdit),
      'not sent',
    );
    return rowWith(el, words);
  }

  it('Copy writes the text to the clipboard and says so', async () => {
    const written: string[] = [];
    const restore = stubClipboard((words) => {
      written.push(words);
      return Promise.resolve();
    });
    try {
      const el = await mountOpen();
      action(rowWith(el, 'Order 5521'), en.messageCopy)!.click();
      await waitUntil(() => written.length === 1, 'nothing was copied');
      expect(written).to.deep.equal(['Order 5521 arrived']);
      await waitUntil(() => liveRegion(el) === en.messageCopied, 'the copy was not announced');
    } finally {
      restore();
    }
  });

  it('Copy refused by the browser leaves a note under the message', async () => {
    const restore = stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    try {
      const el = await mountOpen();
      action(rowWith(el, 'Order 5521'), en.messageCopy)!.click();
      await waitUntil(
        () => text(rowWith(el, 'Order 5521').querySelector('[role="alert"]')) === en.messageCopyRefused,
        'no note',
      );
      await expect(el).to.be.accessible();
    } finally {
      restore();
    }
  });

  it('Edit changes a sent text in place and marks it edited; Escape keeps it', async () => {
    const el = await mountOpen();
    let row = await sent(el, 'See you at ten');
    expect(action(rowWith(el, 'Order 5521'), en.messageEdit)).to.equal(null);
    action(row, en.messageEdit)!.click();
    await waitUntil(
      () => focusedIn(el)?.tagName === 'TEXTAREA' && focusedIn(el)?.closest('[part="bubble"]'),
      'no editor',
    );
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focusedIn(el) === action(rowWith(el, 'See you at ten'), en.messageEdit), 'Escape');
    expect(row.querySelector('textarea')).to.equal(null);

    action(rowWith(el, 'See you at ten'), en.messageEdit)!.click();
    await waitUntil(() => focusedIn(el)?.tagName === 'TEXTAREA', 'no editor');
    const editor = focusedIn(el) as HTMLTextAreaElement;
    editor.select();
    await sendKeys({ type: 'See you at eleven' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, 'See you at eleven').length === 1, 'the text did not change');
    row = rowWith(el, 'See you at eleven');
    expect(text(bubbleOf(row))).to.contain(en.messageEdited);
    expect(rowsWith(el, 'See you at ten')).to.deep.equal([]);
    const patches = (await tenant.requests()).filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => request.body)).to.deep.equal([{ text: 'See you at eleven' }]);
  });

  it('Edit on a backend that cannot edit (501) says so and stops offering it', async () => {
    const el = await mountOpen();
    const row = await sent(el, 'Typo here');
    const messageId = row.dataset.key!;
    await tenant.scenario({
      failures: [
        {
          method: 'PATCH',
          path: `/api/v1/conversations/${conversation.id}/messages/${messageId}`,
          status: 501,
          body: { success: false, message: 'Editing messages is not supported.' },
          times: -1,
        },
      ],
    });
    action(row, en.messageEdit)!.click();
    await waitUntil(() => focusedIn(el)?.tagName === 'TEXTAREA', 'no editor');
    (focusedIn(el) as HTMLTextAreaElement).select();
    await sendKeys({ type: 'Fixed' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => text(rowWith(el, 'Typo here').querySelector('[role="alert"]')) === en.messageEditUnsupported,
      'no note',
    );
    expect(action(rowWith(el, 'Typo here'), en.messageEdit)).to.equal(null);
  });

  it('Forward sends the text to the chosen conversation', async () => {
    const other = await tenant.createConversation({ contact: { name: 'Basma' }, messages: 1 });
    const el = await mountOpen();
    action(rowWith(el, 'Order 5521'), en.messageForward)!.click();
    await waitUntil(() => focusedIn(el)?.tagName === 'SELECT', 'no list of conversations');
    const select = focusedIn(el) as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).to.include(other.id);
    select.value = other.id;
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => liveRegion(el) === en.messageForwarded, 'the forward was not announced');
    const calls = await apiCalls(
      tenant,
      'POST',
      `/api/v1/conversations/${conversation.id}/messages/${incoming.id}/forward`,
    );
    expect(calls).to.have.length(1);
    expect((calls[0].body as { conversation_id: string }).conversation_id).to.equal(other.id);
    await open(el, other.id);
    await waitUntil(() => rowsWith(el, 'Order 5521 arrived').length === 1, 'not in the other conversation');
  });

  it('a failed forward (500) is explained under the message', async () => {
    await tenant.scenario({
      failures: [
        {
          method: 'POST',
          path: `/api/v1/conversations/${conversation.id}/messages/${incoming.id}/forward`,
          status: 500,
          times: -1,
        },
      ],
    });
    const el = await mountOpen();
    action(rowWith(el, 'Order 5521'), en.messageForward)!.click();
    await waitUntil(() => focusedIn(el)?.tagName === 'SELECT', 'no list of conversations');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () =>
        text(rowWith(el, 'Order 5521').querySelector('[role="alert"]')) ===
        en.messageForwardFailed(en.errorServer),
      'no note',
    );
    expect(action(rowWith(el, 'Order 5521'), en.messageForward)).not.to.equal(null);
  });

  it('a double submit forwards once, and a retry after a failure is the same forward to the server', async () => {
    const other = await tenant.createConversation({ contact: { name: 'Basma' }, messages: 1 });
    const path = `/api/v1/conversations/${conversation.id}/messages/${incoming.id}/forward`;
    await tenant.scenario({ failures: [{ method: 'POST', path, status: 500, times: -1 }] });
    const el = await mountOpen();
    action(rowWith(el, 'Order 5521'), en.messageForward)!.click();
    await waitUntil(() => focusedIn(el)?.tagName === 'SELECT', 'no list of conversations');
    (focusedIn(el) as HTMLSelectElement).value = other.id;
    const form = rowWith(el, 'Order 5521').querySelector<HTMLFormElement>('.message-form')!;
    form.requestSubmit();
    form.requestSubmit();
    await waitUntil(
      () =>
        text(rowWith(el, 'Order 5521').querySelector('[role="alert"]')) ===
        en.messageForwardFailed(en.errorServer),
      'no note',
    );
    const externalIds = async () =>
      (await apiCalls(tenant, 'POST', path)).map(
        (call) => (call.body as { external_id: string }).external_id,
      );
    // The client's own retries of the 500 carry the same id; a second submit would have made a new one.
    const failed = await externalIds();
    expect(failed[0]).to.be.a('string');
    expect(new Set(failed)).to.have.property('size', 1);

    await tenant.scenario({ failures: [] });
    form.requestSubmit();
    await waitUntil(() => liveRegion(el) === en.messageForwarded, 'the forward was not announced');
    const all = await externalIds();
    expect(all.length).to.be.greaterThan(failed.length);
    expect(new Set(all)).to.have.property('size', 1);
    await open(el, other.id);
    await waitUntil(() => rowsWith(el, 'Order 5521 arrived').length === 1, 'not in the other conversation');
  });

  it('a host backend without editMessage and forwardMessage offers Copy only', async () => {
    const contract = createContractBackend({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
    const { editMessage, forwardMessage, ...backend } = contract;
    expect([typeof editMessage, typeof forwardMessage]).to.deep.equal(['function', 'function']);
    const el = await fixture<ConversationView>(
      html`<conversation-view .backend=${backend} style=${WIDE} .pollInterval=${60_000}></conversation-view>`,
    );
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, 'Order 5521').length === 1, 'the message is not shown');
    const row = rowWith(el, 'Order 5521');
    expect(action(row, en.messageCopy)).not.to.equal(null);
    expect(action(row, en.messageForward)).to.equal(null);
  });
});

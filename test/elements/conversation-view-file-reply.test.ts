/**
 * <conversation-view>: a file sent while replying answers that message. The upload carries
 * `reply_to_message_id`, the sandbox stores it, the thread quotes the message on the file from the moment
 * it is sent, and a send held up on its way out (kept in IndexedDB) goes again with its reply.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createStore, values } from 'idb-keyval';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import type { Conversation, Message } from '../../src/api/types.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import type { OutboxEntry } from '../../src/stores/outbox.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  apiCalls,
  attachmentChip,
  focusedIn,
  mount,
  open,
  replyChip,
  rowsWith,
  rowWith,
  shadow,
  statusOf,
  text,
  textarea,
} from '../helpers/conversation-view.js';

const QUESTION = 'Can you send me the receipt?';

function filesPath(conversation: Conversation): string {
  return `/api/v1/conversations/${conversation.id}/files`;
}

/** Picks `file` in the composer's file input, as the file dialog does. */
function pickFile(el: ConversationView, file: File): void {
  const input = shadow(el).querySelector<HTMLInputElement>('[part="composer"] input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Replies to the message showing `content` with the keyboard (R on the focused message). */
async function replyByKeyboard(el: ConversationView, content: string): Promise<void> {
  rowWith(el, content).focus();
  await sendKeys({ press: 'r' });
  await waitUntil(() => replyChip(el), 'R did not start a reply');
}

/** The conversation's messages as the sandbox stored them. */
async function storedMessages(tenant: SandboxTenant, conversationId: string): Promise<Message[]> {
  const backend = createContractBackend({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
  return (await backend.listMessages(conversationId, { limit: 100 })).items;
}

/** Whether the server took the message (the sandbox's receipts may already have moved it on). */
function wentOut(row: HTMLElement): boolean {
  return ['Sent', 'Delivered', 'Read'].includes(statusOf(row) ?? '');
}

function quoteOf(row: HTMLElement): string {
  return text(row.querySelector('blockquote'));
}

describe('<conversation-view> a file that answers a message', () => {
  let tenant: SandboxTenant;
  let conversation: Conversation;
  let asked: { id: string };

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    conversation = await tenant.createConversation({ messages: 2 });
    asked = await tenant.incoming(conversation.id, { text: QUESTION });
  });

  it('sends the file with the reply: the sandbox stores reply_to_message_id and the thread quotes the message', async () => {
    const el = await mount(tenant);
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, QUESTION).length === 1, 'the question is not shown');
    await replyByKeyboard(el, QUESTION);
    expect(focusedIn(el)).to.equal(textarea(el));

    pickFile(el, new File(['%PDF-1.4 receipt'], 'receipt.pdf', { type: 'application/pdf' }));
    await waitUntil(() => attachmentChip(el), 'the file was not attached');
    expect(text(replyChip(el)), 'attaching the file dropped the reply').to.contain(QUESTION);
    await expect(el).to.be.accessible();

    textarea(el).focus();
    await sendKeys({ type: 'Here it is' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, 'Here it is').length === 1, 'the file message is not shown');
    expect(quoteOf(rowWith(el, 'Here it is')), 'no quote while sending').to.contain(QUESTION);
    expect(replyChip(el)).to.equal(null);
    expect(attachmentChip(el)).to.equal(null);
    await waitUntil(() => wentOut(rowWith(el, 'Here it is')), 'not sent');
    expect(quoteOf(rowWith(el, 'Here it is')), 'no quote once sent').to.contain(QUESTION);

    const uploads = await apiCalls(tenant, 'POST', filesPath(conversation));
    expect(uploads).to.have.length(1);
    expect(uploads[0].body).to.include({ reply_to_message_id: asked.id, caption: 'Here it is' });
    const stored = (await storedMessages(tenant, conversation.id)).filter(
      (message) => message.file?.name === 'receipt.pdf',
    );
    expect(stored).to.have.length(1);
    expect(stored[0].reply_to_message_id).to.equal(asked.id);
    await expect(el).to.be.accessible();
  });

  it('keeps the reply on a file send held up on its way out (stored for a reload) and sent again', async () => {
    const path = filesPath(conversation);
    await tenant.scenario({ failures: [{ method: 'POST', path, drop: true, times: -1 }] });
    const el = await mount(tenant);
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, QUESTION).length === 1, 'the question is not shown');
    await replyByKeyboard(el, QUESTION);
    pickFile(el, new File(['%PDF-1.4 receipt'], 'receipt.pdf', { type: 'application/pdf' }));
    await waitUntil(() => attachmentChip(el), 'the file was not attached');
    textarea(el).focus();
    await sendKeys({ type: 'Second try' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await apiCalls(tenant, 'POST', path)).length > 0, 'no upload was tried');

    let kept: OutboxEntry | undefined;
    await waitUntil(async () => {
      const entries = await values<OutboxEntry>(createStore('inbox-elements', 'outbox'));
      kept = entries.find((entry) => entry.file?.caption === 'Second try');
      return kept;
    }, 'the held-up file is not kept');
    expect(kept?.reply_to_message_id).to.equal(asked.id);

    await tenant.scenario({ failures: [] });
    await waitUntil(() => wentOut(rowWith(el, 'Second try')), 'the held-up file was not sent again', {
      timeout: 15_000,
    });
    const uploads = await apiCalls(tenant, 'POST', path);
    expect(uploads.length).to.be.greaterThan(1);
    for (const upload of uploads) expect(upload.body).to.include({ reply_to_message_id: asked.id });
    expect(quoteOf(rowWith(el, 'Second try'))).to.contain(QUESTION);
    const stored = (await storedMessages(tenant, conversation.id)).find(
      (message) => message.file?.caption === 'Second try',
    );
    expect(stored?.reply_to_message_id).to.equal(asked.id);
  });
});

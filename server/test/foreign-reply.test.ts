import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Message, MessagePage } from '../src/contract.js';
import { webhookProvider, type WebhookProviderControl } from './fixtures/webhook-provider.js';
import { customer } from './drivers.js';
import { checked, dataOf, startServer, type TestServer } from './harness.js';

async function incoming(
  server: TestServer,
  who: string,
  chat: string,
  id: string,
  text: string,
): Promise<void> {
  const response = await fetch(`${server.url}${new URL(server.server.webhookUrl!).pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ customer: who, account: `wa-${who}`, chat, message: { id, text } }),
  });
  assert.equal(response.status, 200);
}

async function sendFileReply(
  server: TestServer,
  token: string,
  conversationId: string,
  replyTo: string,
): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob(['%PDF-1.4 invoice'], { type: 'application/pdf' }), 'invoice.pdf');
  form.set('external_id', `file-${replyTo}`);
  form.set('reply_to_message_id', replyTo);
  const path = `/api/v1/conversations/${conversationId}/files`;
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  return checked('POST', path, response);
}

async function assertForeignReplyRefused(response: Response): Promise<void> {
  assert.equal(response.status, 422);
  const body = (await response.json()) as { success: boolean; errors?: Record<string, string[]> };
  assert.equal(body.success, false);
  assert.deepEqual(body.errors, {
    reply_to_message_id: ['The message replied to is not in this conversation.'],
  });
}

describe('a reply to a message outside the conversation (webhook-fed provider, as Chategy is)', () => {
  let fixture: WebhookProviderControl;
  let server: TestServer;

  before(async () => {
    fixture = webhookProvider();
    server = await startServer({ provider: fixture.provider, publicUrl: 'http://127.0.0.1' });
  });
  after(() => server.close());

  it('answers 422 on reply_to_message_id for a text or a file, and stores and sends nothing', async () => {
    const rosa = customer('rosa');
    const stranger = customer('stranger');
    await incoming(server, rosa, 'c1', 'here', 'Are you open today?');
    await incoming(server, rosa, 'c2', 'there', 'A message of another chat');
    await incoming(server, stranger, 'c1', 'theirs', "Another customer's message");
    const token = await server.token(rosa);
    const conversations = (
      await dataOf<{ items: Conversation[] }>(await server.api(token, 'GET', 'conversations'))
    ).items;
    const here = conversations.find((item) => item.last_message?.text === 'Are you open today?')!;
    const there = conversations.find((item) => item.last_message?.text === 'A message of another chat')!;
    const strangerToken = await server.token(stranger);
    const [theirs] = (
      await dataOf<{ items: Conversation[] }>(await server.api(strangerToken, 'GET', 'conversations'))
    ).items;

    for (const foreign of [there.last_message!.id, theirs.last_message!.id, 'msg_unknown']) {
      const text = await server.api(token, 'POST', `conversations/${here.id}/messages`, {
        text: 'Yes, until six.',
        external_id: `text-${foreign}`,
        reply_to_message_id: foreign,
      });
      await assertForeignReplyRefused(text);
      await assertForeignReplyRefused(await sendFileReply(server, token, here.id, foreign));
    }
    const stored = await dataOf<MessagePage>(
      await server.api(token, 'GET', `conversations/${here.id}/messages`),
    );
    assert.deepEqual(
      stored.items.map((item: Message) => item.text),
      ['Are you open today?'],
    );
    assert.equal(fixture.deliveries.length, 0);

    const answered = await server.api(token, 'POST', `conversations/${here.id}/messages`, {
      text: 'Yes, until six.',
      external_id: 'text-answer',
      reply_to_message_id: here.last_message!.id,
    });
    assert.equal(answered.status, 200);
    assert.equal((await dataOf<Message>(answered)).reply_to_message_id, here.last_message!.id);
  });
});

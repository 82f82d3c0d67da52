import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Channel, Conversation, InboxEvent, Message, MessagePage } from '../src/contract.js';
import { webhookProvider, type TestWebhook } from './fixtures/webhook-provider.js';
import { customer } from './drivers.js';
import {
  dataOf,
  startSandboxHarness,
  startServer,
  waitFor,
  type SandboxHarness,
  type TestServer,
} from './harness.js';

type Pushed = { event: string; payload: unknown };

/** The channel or conversation a pushed event is about. */
function aboutOf(pushed: Pushed): { channel?: number; conversation?: string } {
  const event = { event: pushed.event, payload: pushed.payload } as InboxEvent;
  switch (event.event) {
    case 'channel:status':
      return { channel: event.payload.channel.id };
    case 'conversation:updated':
      return { channel: event.payload.conversation.channel_id, conversation: event.payload.conversation.id };
    case 'message:new':
      return { conversation: event.payload.message.conversation_id };
    case 'message:status':
    case 'message:deleted':
    case 'typing':
    case 'presence':
      return { conversation: event.payload.conversation_id };
  }
}

function isAbout(pushed: Pushed, channelId: number, conversationId: string): boolean {
  const about = aboutOf(pushed);
  return about.channel === channelId || about.conversation === conversationId;
}

/** Every REST way into a conversation; each must answer 404 to a session without its channel. */
async function refusedEverywhere(
  server: TestServer,
  token: string,
  conversation: Conversation,
  lastMessageId: string,
): Promise<void> {
  const read = await server.api(token, 'GET', `conversations/${conversation.id}/messages`);
  assert.equal(read.status, 404, 'reading the messages');
  const catchUp = await server.api(
    token,
    'GET',
    `conversations/${conversation.id}/messages?after=${lastMessageId}`,
  );
  assert.equal(catchUp.status, 404, 'catching up');
  const send = await server.api(token, 'POST', `conversations/${conversation.id}/messages`, {
    text: 'not on this channel',
    external_id: `scoped-${conversation.id}`,
  });
  assert.equal(send.status, 404, 'sending');
  const form = new FormData();
  form.set('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'x.pdf');
  form.set('external_id', `scoped-file-${conversation.id}`);
  const upload = await fetch(`${server.url}/api/v1/conversations/${conversation.id}/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  assert.equal(upload.status, 404, 'sending a file');
  const mark = await server.api(token, 'POST', `conversations/${conversation.id}/read`, {
    up_to_message_id: lastMessageId,
  });
  assert.equal(mark.status, 404, 'marking read');
}

describe('a session limited to some channels (webhook-fed provider)', () => {
  let server: TestServer;
  let post: (hook: TestWebhook) => Promise<void>;

  before(async () => {
    server = await startServer({ provider: webhookProvider().provider, publicUrl: 'http://127.0.0.1' });
    const path = new URL(server.server.webhookUrl!).pathname;
    post = async (hook) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(hook),
      });
      assert.equal(response.status, 200);
    };
  });
  after(() => server.close());

  it("gets none of the other channels' events on the socket, and none of their conversations through REST", async () => {
    const nia = customer('nia');
    const hook = (account: string, id: string, text: string): TestWebhook => ({
      customer: nia,
      account: `${account}-${nia}`,
      chat: `chat-${account}`,
      message: { id, text },
    });
    await post(hook('shop', 'a1', 'to the shop'));
    await post(hook('private', 'b1', 'to the private number'));
    const full = await server.token(nia);
    const conversations = (
      await dataOf<{ items: Conversation[] }>(await server.api(full, 'GET', 'conversations'))
    ).items;
    const shop = conversations.find((item) => item.last_message?.text === 'to the shop')!;
    const other = conversations.find((item) => item.last_message?.text === 'to the private number')!;

    const limited = await server.token(nia, [shop.channel_id]);
    const { events } = await server.socket(limited);
    const everything = await server.socket(full);
    await post(hook('private', 'b2', 'private again'));
    await post({ customer: nia, status: { id: 'b2', status: 'read' } });
    await post(hook('shop', 'a2', 'shop again'));
    await waitFor(
      () =>
        everything.events.some(
          (event) => event.event === 'message:status' && isAbout(event, other.channel_id, other.id),
        ) && events.some((event) => event.event === 'message:new'),
      'the events of both channels',
    );
    const newShop = await waitFor(
      () =>
        events.find(
          (event) =>
            event.event === 'message:new' &&
            (event.payload as { message: Message }).message.text === 'shop again',
        ),
      "the shop's message",
    );
    assert.ok(newShop);
    assert.deepEqual(
      events.filter((event) => isAbout(event, other.channel_id, other.id)),
      [],
      'an event of the other channel reached the limited socket',
    );
    assert.ok(events.some((event) => event.event === 'conversation:updated'));

    const page = await dataOf<{ items: Conversation[] }>(await server.api(limited, 'GET', 'conversations'));
    assert.deepEqual(
      page.items.map((item) => item.id),
      [shop.id],
    );
    const shopMessages = await dataOf<MessagePage>(
      await server.api(limited, 'GET', `conversations/${shop.id}/messages`),
    );
    assert.equal(shopMessages.items.length, 2);
    await refusedEverywhere(server, limited, other, other.last_message!.id);
  });
});

describe('a session limited to some channels (sandbox provider, an upstream that speaks the contract)', () => {
  let harness: SandboxHarness;

  before(async () => {
    harness = await startSandboxHarness();
  });
  after(() => harness.close());

  it("gets none of the other channels' events on the socket, and none of their conversations through REST", async () => {
    const oli = customer('oli');
    const whatsapp = await dataOf<Conversation>(
      await harness.control(oli, 'POST', 'conversations', { channel: 'whatsapp', messages: 2 }),
    );
    const telegram = await dataOf<Conversation>(
      await harness.control(oli, 'POST', 'conversations', { channel: 'telegram', messages: 2 }),
    );
    assert.notEqual(whatsapp.channel_id, telegram.channel_id);
    const full = await harness.token(oli);
    const limited = await harness.token(oli, [whatsapp.channel_id]);
    const channels = await dataOf<Channel[]>(await harness.api(limited, 'GET', 'channels'));
    assert.deepEqual(
      channels.map((channel) => channel.id),
      [whatsapp.channel_id],
    );

    const { events } = await harness.socket(limited);
    const everything = await harness.socket(full);
    await harness.control(oli, 'POST', 'incoming', { conversation_id: telegram.id, text: 'on telegram' });
    await harness.control(oli, 'POST', 'incoming', { conversation_id: whatsapp.id, text: 'on whatsapp' });
    await waitFor(
      () =>
        everything.events.some(
          (event) =>
            event.event === 'message:new' &&
            (event.payload as { message: Message }).message.text === 'on whatsapp',
        ),
      'both messages on the full socket',
    );
    await waitFor(
      () =>
        events.find(
          (event) =>
            event.event === 'message:new' &&
            (event.payload as { message: Message }).message.text === 'on whatsapp',
        ),
      'the whatsapp message on the limited socket',
    );
    assert.ok(everything.events.some((event) => isAbout(event, telegram.channel_id, telegram.id)));
    assert.deepEqual(
      events.filter((event) => isAbout(event, telegram.channel_id, telegram.id)),
      [],
      'an event of the telegram channel reached the limited socket',
    );

    const read = await harness.api(limited, 'GET', `conversations/${whatsapp.id}/messages`);
    assert.equal(read.status, 200);
    await refusedEverywhere(harness, limited, telegram, telegram.last_message!.id);
    const telegramMessages = await dataOf<MessagePage>(
      await harness.api(full, 'GET', `conversations/${telegram.id}/messages`),
    );
    assert.ok(!telegramMessages.items.some((message) => message.external_id?.startsWith('scoped-')));

    const send = async (token: string, conversationId: string, externalId: string) =>
      dataOf<Message>(
        await harness.api(token, 'POST', `conversations/${conversationId}/messages`, {
          text: 'a message to delete',
          external_id: externalId,
        }),
      );
    // The sandbox, like the providers, deletes only a delivered message.
    const delivered = (token: string, message: Message) =>
      waitFor(async () => {
        const page = await dataOf<MessagePage>(
          await harness.api(token, 'GET', `conversations/${message.conversation_id}/messages`),
        );
        const status = page.items.find((item) => item.id === message.id)?.status;
        return status === 'delivered' || status === 'read';
      }, `${message.id} delivered`);
    const sentOnTelegram = await send(full, telegram.id, `full-${oli}`);
    const sentOnWhatsapp = await send(limited, whatsapp.id, `limited-${oli}`);
    await delivered(full, sentOnTelegram);
    await delivered(limited, sentOnWhatsapp);
    const deletion = await harness.api(limited, 'DELETE', `messages/${sentOnTelegram.id}`);
    assert.equal(deletion.status, 422, 'deleting a message of the other channel');
    const ownDeletion = await harness.api(limited, 'DELETE', `messages/${sentOnWhatsapp.id}`);
    assert.equal(ownDeletion.status, 204, await ownDeletion.clone().text());
    const fullDeletion = await harness.api(full, 'DELETE', `messages/${sentOnTelegram.id}`);
    assert.equal(fullDeletion.status, 204, 'the full session deletes it');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Channel, Conversation, Message, MessagePage } from '../src/contract.js';
import { customer } from './drivers.js';
import { dataOf, startSandboxHarness, waitFor, type SandboxHarness } from './harness.js';

/** Unique per run: a PostgreSQL test database keeps what earlier runs recorded. */
const ALICE = customer('alice');
const BOB = customer('bob');
const CAROL = customer('carol');

describe('a customer reaches only their own accounts, conversations and files (sandbox provider)', () => {
  let harness: SandboxHarness;
  let aliceToken: string;
  let bobToken: string;
  let bobConversation: Conversation;
  let bobChannel: Channel;

  before(async () => {
    harness = await startSandboxHarness();
    aliceToken = await harness.token(ALICE);
    bobToken = await harness.token(BOB);
    bobConversation = await dataOf<Conversation>(
      await harness.control(BOB, 'POST', 'conversations', { messages: 5 }),
    );
    bobChannel = (await dataOf<Channel[]>(await harness.api(bobToken, 'GET', 'channels')))[0]!;
  });
  after(() => harness.close());

  it('serves bob his conversation and messages', async () => {
    const page = await dataOf<{ items: Conversation[] }>(await harness.api(bobToken, 'GET', 'conversations'));
    assert.deepEqual(
      page.items.map((item) => item.id),
      [bobConversation.id],
    );
    const messages = await dataOf<MessagePage>(
      await harness.api(bobToken, 'GET', `conversations/${bobConversation.id}/messages`),
    );
    assert.equal(messages.items.length, 5);
  });

  it("gives alice none of bob's channels or conversations", async () => {
    assert.deepEqual(await dataOf(await harness.api(aliceToken, 'GET', 'channels')), []);
    assert.deepEqual(
      (await dataOf<{ items: unknown[] }>(await harness.api(aliceToken, 'GET', 'conversations'))).items,
      [],
    );
    const filtered = await harness.api(aliceToken, 'GET', `conversations?channel_id=${bobChannel.id}`);
    assert.deepEqual((await dataOf<{ items: unknown[] }>(filtered)).items, []);
  });

  it("refuses alice reading, writing to, reading out or deleting in bob's conversation", async () => {
    const read = await harness.api(aliceToken, 'GET', `conversations/${bobConversation.id}/messages`);
    assert.equal(read.status, 404);
    const send = await harness.api(aliceToken, 'POST', `conversations/${bobConversation.id}/messages`, {
      text: 'hijack',
      external_id: 'alice-1',
    });
    assert.equal(send.status, 404);
    const mark = await harness.api(aliceToken, 'POST', `conversations/${bobConversation.id}/read`, {
      up_to_message_id: bobConversation.last_message!.id,
    });
    assert.equal(mark.status, 404);
    const form = new FormData();
    form.set('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'x.pdf');
    form.set('external_id', 'alice-file-1');
    const upload = await fetch(`${harness.url}/api/v1/conversations/${bobConversation.id}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${aliceToken}` },
      body: form,
    });
    assert.equal(upload.status, 404);
    const deletion = await harness.api(aliceToken, 'DELETE', `messages/${bobConversation.last_message!.id}`);
    assert.equal(deletion.status, 422);
    const bobMessages = await dataOf<MessagePage>(
      await harness.api(bobToken, 'GET', `conversations/${bobConversation.id}/messages`),
    );
    assert.equal(bobMessages.items.length, 5, 'nothing was added to bob');
    assert.ok(!bobMessages.items.some((message) => message.deleted));
  });

  it("refuses alice refreshing or disconnecting bob's channel", async () => {
    const refresh = await harness.api(aliceToken, 'POST', 'channels/whatsapp/refresh', { id: bobChannel.id });
    assert.equal(refresh.status, 404);
    const disconnect = await harness.api(aliceToken, 'POST', 'channels/whatsapp/disconnect', {
      id: bobChannel.id,
    });
    assert.equal(disconnect.status, 404);
    const channels = await dataOf<Channel[]>(await harness.api(bobToken, 'GET', 'channels'));
    assert.equal(channels[0]?.is_connected, true);
  });

  it("keeps bob's live events off alice's socket", async () => {
    const alice = await harness.socket(aliceToken);
    const bob = await harness.socket(bobToken);
    await harness.control(BOB, 'POST', 'incoming', {
      conversation_id: bobConversation.id,
      text: 'for bob only',
    });
    await waitFor(() => bob.events.find((event) => event.event === 'message:new'), "bob's message:new");
    const aliceTopics = await harness.socket(aliceToken);
    assert.equal(alice.events.length + aliceTopics.events.length, 0);
  });

  it('keeps a session limited to some channels within them', async () => {
    const limited = await harness.token(BOB, [bobChannel.id + 1000]);
    assert.deepEqual(await dataOf(await harness.api(limited, 'GET', 'channels')), []);
    const page = await dataOf<{ items: unknown[] }>(await harness.api(limited, 'GET', 'conversations'));
    assert.deepEqual(page.items, []);
    const other = await harness.api(limited, 'GET', `conversations?channel_id=${bobChannel.id}`);
    assert.equal(other.status, 403);
    const disconnect = await harness.api(limited, 'POST', 'channels/whatsapp/disconnect', {
      id: bobChannel.id,
    });
    assert.equal(disconnect.status, 403);
  });

  it("joins only the customer's own WhatsApp auth room", async () => {
    const start = await dataOf<{ account_id: string }>(
      await harness.api(bobToken, 'POST', 'channels/telegram/connect'),
    );
    const room = `room:v1:whats_app:auth:${start.account_id}`;
    await assert.rejects(harness.socket(aliceToken, room), /refused/);
    const bobQr = await dataOf<{ account_id: string }>(
      await harness.api(await harness.token(CAROL), 'POST', 'channels/whatsapp/connect'),
    );
    const joined = await harness.socket(
      await harness.token(CAROL),
      `room:v1:whats_app:auth:${bobQr.account_id}`,
    );
    await waitFor(() => joined.events.find((event) => event.event === 'auth_state'), 'auth_state');
    await assert.rejects(harness.socket(aliceToken, `room:v1:whats_app:auth:${bobQr.account_id}`), /refused/);
  });

  it('sends once per external id, relays the echo, and keeps the message', async () => {
    const bob = await harness.socket(bobToken);
    const body = { text: 'hello from the server', external_id: 'bob-send-1' };
    const first = await dataOf<Message>(
      await harness.api(bobToken, 'POST', `conversations/${bobConversation.id}/messages`, body),
    );
    const again = await dataOf<Message>(
      await harness.api(bobToken, 'POST', `conversations/${bobConversation.id}/messages`, body),
    );
    assert.equal(again.id, first.id);
    await waitFor(
      () =>
        bob.events.find(
          (event) =>
            event.event === 'message:new' && (event.payload as { message: Message }).message.id === first.id,
        ),
      'the echo',
    );
    const messages = await dataOf<MessagePage>(
      await harness.api(bobToken, 'GET', `conversations/${bobConversation.id}/messages`),
    );
    assert.equal(messages.items.filter((message) => message.external_id === 'bob-send-1').length, 1);
  });
});

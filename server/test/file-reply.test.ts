import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Message } from '../src/contract.js';
import { webhookProvider, type WebhookProviderControl } from './fixtures/webhook-provider.js';
import { customer } from './drivers.js';
import { incomingMessage, messagesOf, uploadFile } from './fixtures/inbox-calls.js';
import { dataOf, startSandboxHarness, startServer, type SandboxHarness, type TestServer } from './harness.js';

describe('a file that answers a message keeps its reply (webhook-fed provider, as Chategy is)', () => {
  let fixture: WebhookProviderControl;
  let server: TestServer;

  before(async () => {
    fixture = webhookProvider();
    server = await startServer({ provider: fixture.provider, publicUrl: 'http://127.0.0.1' });
  });
  after(() => server.close());

  it('hands the provider the message replied to, and stores and answers reply_to_message_id', async () => {
    const pia = customer('pia');
    await incomingMessage(server, pia, 'c1', 'asked', 'Send the invoice');
    const token = await server.token(pia);
    const [conversation] = (
      await dataOf<{ items: Conversation[] }>(await server.api(token, 'GET', 'conversations'))
    ).items;
    const asked = conversation.last_message!;
    const response = await uploadFile(server, token, conversation.id, {
      externalId: `file-${pia}`,
      caption: 'The invoice',
      replyTo: asked.id,
    });
    assert.equal(response.status, 200);
    const sent = await dataOf<Message>(response);
    assert.equal(sent.reply_to_message_id, asked.id);
    const delivery = fixture.deliveries.find((item) => item.externalId === `file-${pia}`);
    assert.equal(delivery?.replyTo?.id, asked.id);
    assert.equal(delivery?.replyTo?.providerMessageId, 'asked');
    const stored = (await messagesOf(server, token, conversation.id)).find((item) => item.id === sent.id);
    assert.equal(stored?.reply_to_message_id, asked.id);
    assert.equal(stored?.type, 'document');
  });
});

describe('a file that answers a message keeps its reply (sandbox provider)', () => {
  let harness: SandboxHarness;

  before(async () => {
    harness = await startSandboxHarness();
  });
  after(() => harness.close());

  it('sends the reply upstream, and the sent message answers with it', async () => {
    const quin = customer('quin');
    const conversation = await dataOf<Conversation>(
      await harness.control(quin, 'POST', 'conversations', { messages: 2 }),
    );
    const token = await harness.token(quin);
    const asked = conversation.last_message!;
    const response = await uploadFile(harness, token, conversation.id, {
      externalId: `file-${quin}`,
      caption: 'The invoice',
      replyTo: asked.id,
    });
    assert.equal(response.status, 200);
    const sent = await dataOf<Message>(response);
    assert.equal(sent.reply_to_message_id, asked.id);
    const upstream = (await messagesOf(harness, token, conversation.id)).find((item) => item.id === sent.id);
    assert.equal(upstream?.reply_to_message_id, asked.id);
    assert.equal(upstream?.file?.caption, 'The invoice');

    const elsewhere = await uploadFile(harness, token, conversation.id, {
      externalId: `file-2-${quin}`,
      caption: 'The invoice',
      replyTo: 'msg_not_here',
    });
    assert.equal(elsewhere.status, 422);
  });
});

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import type { Channel, StartedConversation } from '../src/contract.js';
import { skylightProvider } from '../src/providers/skylight/skylight-provider.js';
import { customer } from './drivers.js';
import { dataOf, startSandboxHarness, startServer, type SandboxHarness, type TestServer } from './harness.js';

describe('starting a conversation through an upstream that speaks the contract (the sandbox)', () => {
  let harness: SandboxHarness;

  before(async () => {
    harness = await startSandboxHarness();
  });
  after(() => harness.close());

  async function whatsappOf(customerId: string): Promise<Channel> {
    const response = await harness.control(customerId, 'POST', 'channels', {
      type: 'whatsapp',
      username: '+966500000001',
    });
    return ((await response.json()) as { data: Channel }).data;
  }

  it('forwards the call and answers the conversation with its message; a repeat answers the same', async () => {
    const id = customer('start');
    const channel = await whatsappOf(id);
    const token = await harness.token(id);
    const start = {
      channel_id: channel.id,
      to: { phone: '+966501234567' },
      text: 'Your order is ready',
      external_id: 'start-upstream-1',
    };
    const started = await dataOf<StartedConversation>(
      await harness.api(token, 'POST', 'conversations', start),
    );
    assert.equal(started.conversation.contact.phone, '+966501234567');
    assert.equal(started.message.conversation_id, started.conversation.id);
    assert.equal(started.message.text, 'Your order is ready');
    const again = await dataOf<StartedConversation>(await harness.api(token, 'POST', 'conversations', start));
    assert.equal(again.conversation.id, started.conversation.id);
    assert.equal(again.message.id, started.message.id);
    // The conversation is the session's now: its messages can be read through the server.
    const page = await harness.api(token, 'GET', `conversations/${started.conversation.id}/messages`);
    assert.equal(page.status, 200);
  });

  it("passes the upstream's refusal of the number on with its field, and keeps other accounts out", async () => {
    const id = customer('refused');
    const channel = await whatsappOf(id);
    const token = await harness.token(id);
    const refused = await harness.api(token, 'POST', 'conversations', {
      channel_id: channel.id,
      to: { phone: '+966501230000' },
      text: 'Hi',
      external_id: 'start-upstream-2',
    });
    assert.equal(refused.status, 422);
    const body = (await refused.json()) as { errors: Record<string, string[]> };
    assert.deepEqual(body.errors['to.phone'], ['This number is not on WhatsApp.']);

    const limited = await harness.token(id, [channel.id + 1000]);
    const outside = await harness.api(limited, 'POST', 'conversations', {
      channel_id: channel.id,
      to: { phone: '+966501234567' },
      text: 'Hi',
      external_id: 'start-upstream-3',
    });
    assert.equal(outside.status, 404);
    const malformed = await harness.api(token, 'POST', 'conversations', {
      channel_id: channel.id,
      to: { phone: '+966501234567', username: 'sara_k' },
      text: '',
      external_id: 'start-upstream-4',
    });
    assert.equal(malformed.status, 422);
    const errors = ((await malformed.json()) as { errors: Record<string, string[]> }).errors;
    assert.deepEqual(Object.keys(errors).sort(), ['text', 'to']);
  });
});

describe('starting a conversation with SkylightChat', () => {
  let sandbox: Sandbox;
  let server: TestServer;

  before(async () => {
    sandbox = createSandbox();
    const sandboxUrl = `http://127.0.0.1:${((await sandbox.listen(0)).address() as AddressInfo).port}`;
    server = await startServer({ provider: skylightProvider({ apiKey: 'skylight-start', url: sandboxUrl }) });
  });
  after(async () => {
    await server.close();
    sandbox.close();
  });

  it('answers 501: its API has no call that writes to a new number', async () => {
    const token = await server.token(customer('skylight'));
    const response = await server.api(token, 'POST', 'conversations', {
      channel_id: 1,
      to: { phone: '+966501234567' },
      text: 'Hi',
      external_id: 'start-skylight',
    });
    assert.equal(response.status, 501);
  });
});

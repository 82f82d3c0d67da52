import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation } from '../src/contract.js';
import { customer } from './drivers.js';
import { dataOf, startSandboxHarness, type SandboxHarness } from './harness.js';

/** Calls on one message that the server's providers cannot make answer 501 (docs/openapi.yaml). */
describe('server: message actions its providers lack', () => {
  let harness: SandboxHarness;

  before(async () => {
    harness = await startSandboxHarness({ corsOrigins: ['https://host.example'] });
  });

  after(async () => {
    await harness.close();
  });

  it('answers 501 to a reaction, as documented, for a message of the customer', async () => {
    const alice = customer('reactions-alice');
    const token = await harness.token(alice);
    const created = await harness.control(alice, 'POST', 'conversations', { messages: 2 });
    const conversation = await dataOf<Conversation>(created);
    const answer = await harness.api(
      token,
      'POST',
      `conversations/${conversation.id}/messages/${conversation.last_message!.id}/reactions`,
      { emoji: '👍' },
    );
    assert.equal(answer.status, 501);
    assert.deepEqual(await answer.json(), { success: false, message: 'Reactions are not supported.' });
  });

  it('answers 501 to an edit and a forward, and allows PATCH across origins', async () => {
    const bob = customer('edit-bob');
    const token = await harness.token(bob);
    const conversation = await dataOf<Conversation>(
      await harness.control(bob, 'POST', 'conversations', { messages: 2 }),
    );
    const path = `conversations/${conversation.id}/messages/${conversation.last_message!.id}`;
    const edit = await harness.api(token, 'PATCH', path, { text: 'changed' });
    assert.equal(edit.status, 501);
    assert.deepEqual(await edit.json(), { success: false, message: 'Editing messages is not supported.' });
    const forward = await harness.api(token, 'POST', `${path}/forward`, {
      conversation_id: conversation.id,
      external_id: 'forward-1',
    });
    assert.equal(forward.status, 501);
    assert.deepEqual(await forward.json(), {
      success: false,
      message: 'Forwarding messages is not supported.',
    });
    const preflight = await fetch(`${harness.url}/api/v1/${path}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://host.example', 'Access-Control-Request-Method': 'PATCH' },
    });
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PATCH/);
  });
});

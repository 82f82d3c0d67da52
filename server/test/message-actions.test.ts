import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation } from '../src/contract.js';
import { customer } from './drivers.js';
import { dataOf, startSandboxHarness, type SandboxHarness } from './harness.js';

/** Calls on one message that the server's providers cannot make answer 501 (docs/openapi.yaml). */
describe('server: message actions its providers lack', () => {
  let harness: SandboxHarness;

  before(async () => {
    harness = await startSandboxHarness();
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
});

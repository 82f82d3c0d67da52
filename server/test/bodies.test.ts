import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, MessagePage } from '../src/contract.js';
import { dataOf, startSandboxHarness, type SandboxHarness } from './harness.js';

describe('bad request bodies get a clear 4xx and store nothing', () => {
  let harness: SandboxHarness;
  let token: string;
  let conversation: Conversation;

  before(async () => {
    harness = await startSandboxHarness();
    token = await harness.token('dana');
    conversation = await dataOf<Conversation>(
      await harness.control('dana', 'POST', 'conversations', { messages: 2 }),
    );
  });
  after(() => harness.close());

  const post = (path: string, body: string | Uint8Array, type = 'application/json') =>
    fetch(`${harness.url}/api/v1/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
      body,
    });

  it('refuses malformed, non-object, oversized and invalid bodies', async () => {
    const path = `conversations/${conversation.id}/messages`;
    const cases: [string | Uint8Array, number, string?][] = [
      ['{"text": "unterminated', 400],
      ['[1, 2, 3]', 400],
      ['"just a string"', 400],
      [new Uint8Array(200 * 1024).fill(0x20), 413],
      [JSON.stringify({ text: 'x'.repeat(70_000), external_id: 'big' }), 413],
      [JSON.stringify({ external_id: 'no-text' }), 422],
      [JSON.stringify({ text: 'no external id' }), 422],
      [JSON.stringify({ text: 42, external_id: 'typed' }), 422],
      [JSON.stringify({ text: 'x'.repeat(4097), external_id: 'long' }), 422],
    ];
    for (const [body, status] of cases) {
      const response = await post(path, body);
      assert.equal(response.status, status, String(body).slice(0, 40));
      const answer = (await response.json()) as { success: boolean; message: string };
      assert.equal(answer.success, false);
      assert.ok(answer.message.length > 0);
    }
    const upload = await post(
      `conversations/${conversation.id}/files`,
      'not multipart',
      'multipart/form-data; boundary=x',
    );
    assert.equal(upload.status, 400);
    const messages = await dataOf<MessagePage>(
      await harness.api(token, 'GET', `conversations/${conversation.id}/messages`),
    );
    assert.equal(messages.items.length, 2, 'nothing was sent');
  });

  it('refuses bad query values', async () => {
    assert.equal((await harness.api(token, 'GET', 'conversations?limit=0')).status, 422);
    assert.equal((await harness.api(token, 'GET', 'conversations?limit=abc')).status, 422);
    assert.equal((await harness.api(token, 'GET', 'conversations?channel_id=1e3')).status, 422);
    const both = await harness.api(
      token,
      'GET',
      `conversations/${conversation.id}/messages?before=a&after=b`,
    );
    assert.equal(both.status, 422);
  });
});

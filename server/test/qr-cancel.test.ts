import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Channel, QrAttemptStatus, QrConnectStart } from '../src/contract.js';
import { customer } from './drivers.js';
import { dataOf, startSandboxHarness, waitFor, type SandboxHarness } from './harness.js';

/** Cancelling a QR login: `POST /channels/{type}/disconnect?account_id=` names the attempt (docs/openapi.yaml). */
describe('server: abandoning a QR attempt by its account_id', () => {
  let harness: SandboxHarness;

  before(async () => {
    harness = await startSandboxHarness();
  });

  after(async () => {
    await harness.close();
  });

  /** Every answer is checked against docs/openapi.yaml by the harness. */
  function call(token: string, method: string, path: string): Promise<Response> {
    return harness.api(token, method, path);
  }

  async function started(token: string, type: string): Promise<string> {
    const start = await dataOf<QrConnectStart>(await call(token, 'POST', `channels/${type}/connect`));
    return start.account_id;
  }

  async function attempt(token: string, type: string, accountId: string): Promise<QrAttemptStatus> {
    return dataOf(await call(token, 'GET', `channels/${type}/status?account_id=${accountId}`));
  }

  it('ends a pending attempt and leaves the linked accounts alone', async () => {
    const alice = customer('qr-cancel-alice');
    const token = await harness.token(alice);
    const linking = await started(token, 'whatsapp');
    await harness.control(alice, 'POST', 'scan', { account_id: linking });
    await waitFor(async () => (await attempt(token, 'whatsapp', linking)).completed, 'WhatsApp linked');

    const pending = await started(token, 'telegram');
    assert.equal((await attempt(token, 'telegram', pending)).in_progress, true);
    const cancelled = await call(token, 'POST', `channels/telegram/disconnect?account_id=${pending}`);
    assert.equal(cancelled.status, 204);

    const after = await attempt(token, 'telegram', pending);
    assert.equal(after.in_progress, false);
    assert.equal(after.completed, false);
    const scan = await harness.control(alice, 'POST', 'scan', { account_id: pending });
    assert.equal(scan.status, 409, 'the abandoned attempt can no longer be scanned');
    const channels = await dataOf<Channel[]>(await call(token, 'GET', 'channels'));
    assert.deepEqual(
      channels.map((channel) => channel.type),
      ['whatsapp'],
    );
  });

  it("refuses another customer's attempt with a 404, and that attempt keeps running", async () => {
    const alice = customer('qr-cancel-owner');
    const aliceToken = await harness.token(alice);
    const bobToken = await harness.token(customer('qr-cancel-other'));
    const pending = await started(aliceToken, 'whatsapp');

    const refused = await call(bobToken, 'POST', `channels/whatsapp/disconnect?account_id=${pending}`);
    assert.equal(refused.status, 404);
    assert.equal((await attempt(aliceToken, 'whatsapp', pending)).in_progress, true);
  });
});

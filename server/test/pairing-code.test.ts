import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import type { PairingCodeStart, QrAttemptStatus, QrConnectStart } from '../src/contract.js';
import { skylightProvider } from '../src/providers/skylight/skylight-provider.js';
import { customer } from './drivers.js';
import {
  dataOf,
  startSandboxHarness,
  startServer,
  waitFor,
  type SandboxHarness,
  type TestServer,
} from './harness.js';

const PHONE = '+966501234567';

/** Linking WhatsApp by phone number: `POST /channels/whatsapp/pairing-code` (docs/openapi.yaml). */
describe('server: WhatsApp pairing code', () => {
  let harness: SandboxHarness;

  before(async () => {
    harness = await startSandboxHarness();
  });

  after(async () => {
    await harness.close();
  });

  /** Every answer is checked against docs/openapi.yaml by the harness. */
  const pairingCode = (token: string, body: unknown) =>
    harness.api(token, 'POST', 'channels/whatsapp/pairing-code', body);

  const status = async (token: string, accountId: string) =>
    dataOf<QrAttemptStatus>(
      await harness.api(token, 'GET', `channels/whatsapp/status?account_id=${accountId}`),
    );

  it('answers a code, and the attempt links once the code is entered on the phone', async () => {
    const alice = customer('pairing-alice');
    const token = await harness.token(alice);
    const answer = await pairingCode(token, { phone_number: PHONE });
    assert.equal(answer.status, 200);
    const start = await dataOf<PairingCodeStart>(answer);
    assert.match(start.pairing_code, /^[A-Z0-9]{8}$/);
    assert.ok(Date.parse(start.expires_at) > Date.now());
    assert.equal((await status(token, start.account_id)).pairing_code, start.pairing_code);

    const wrong = await harness.control(alice, 'POST', 'pair', {
      account_id: start.account_id,
      code: 'AAAA0000',
    });
    assert.equal(wrong.status, 422);
    const entered = await harness.control(alice, 'POST', 'pair', {
      account_id: start.account_id,
      code: `${start.pairing_code.slice(0, 4)}-${start.pairing_code.slice(4)}`,
    });
    assert.equal(entered.status, 200);
    const linked = await waitFor(async () => {
      const now = await status(token, start.account_id);
      return now.completed ? now : undefined;
    }, 'the attempt to complete');
    assert.equal(linked.username, PHONE);

    const again = await pairingCode(token, { phone_number: PHONE });
    assert.equal(again.status, 409, 'WhatsApp is linked now');
  });

  it('links an unfinished QR attempt by code instead, keeping its account_id', async () => {
    const token = await harness.token(customer('pairing-switch'));
    const qr = await dataOf<QrConnectStart>(await harness.api(token, 'POST', 'channels/whatsapp/connect'));
    const start = await dataOf<PairingCodeStart>(
      await pairingCode(token, { phone_number: PHONE, account_id: qr.account_id }),
    );
    assert.equal(start.account_id, qr.account_id);
    const now = await status(token, qr.account_id);
    assert.equal(now.in_progress, true);
    assert.equal(now.qr_code, undefined, 'a code-linked attempt shows no QR code');
  });

  it('refuses a malformed number (422 naming phone_number) and an unknown attempt (404)', async () => {
    const token = await harness.token(customer('pairing-refusals'));
    for (const phone of ['0501234567', '+0501234567', '', '+9665012345678901']) {
      const refused = await pairingCode(token, { phone_number: phone });
      assert.equal(refused.status, 422, phone);
      const body = (await refused.json()) as { errors?: Record<string, string[]> };
      assert.ok(body.errors?.['phone_number']?.length, phone);
    }
    const unknown = await pairingCode(token, { phone_number: PHONE, account_id: 'wa_nobody' });
    assert.equal(unknown.status, 404);
  });

  it("does not let a customer take over another customer's attempt", async () => {
    const ownerToken = await harness.token(customer('pairing-owner'));
    const otherToken = await harness.token(customer('pairing-other'));
    const qr = await dataOf<QrConnectStart>(
      await harness.api(ownerToken, 'POST', 'channels/whatsapp/connect'),
    );
    const refused = await pairingCode(otherToken, { phone_number: PHONE, account_id: qr.account_id });
    assert.equal(refused.status, 404);
    assert.equal(typeof (await status(ownerToken, qr.account_id)).qr_code, 'string', 'still a QR attempt');
  });
});

describe('server: a provider that cannot link WhatsApp by phone number', () => {
  let sandbox: Sandbox;
  let server: TestServer;

  before(async () => {
    sandbox = createSandbox();
    const url = `http://127.0.0.1:${((await sandbox.listen(0)).address() as AddressInfo).port}`;
    server = await startServer({ provider: skylightProvider({ apiKey: 'pairing-skylight', url }) });
  });

  after(async () => {
    await server.close();
    sandbox.close();
  });

  it('answers 501 "not supported", whatever the body', async () => {
    const token = await server.token('pairing-skylight-customer');
    for (const body of [{ phone_number: PHONE }, {}]) {
      const answer = await server.api(token, 'POST', 'channels/whatsapp/pairing-code', body);
      assert.equal(answer.status, 501);
      const envelope = (await answer.json()) as { success: boolean; message: string };
      assert.equal(envelope.success, false);
      assert.match(envelope.message, /not supported/);
    }
  });
});

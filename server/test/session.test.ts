import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { SessionTokens } from '../src/auth/session-tokens.js';
import { SECRET, checked, startSandboxHarness, type SandboxHarness } from './harness.js';

const quiet = () => undefined;

describe('session tokens', () => {
  it('mints a customer-scoped token that verifies, with its channels', async () => {
    const tokens = new SessionTokens(SECRET, 600, quiet);
    const { token, expires_at } = await tokens.mint({ customerId: 'alice', channelIds: [3, 4] });
    assert.deepEqual(await tokens.verify(token), {
      customerId: 'alice',
      channelIds: [3, 4],
      expiresAt: Date.parse(expires_at),
    });
    const lifetime = Date.parse(expires_at) - Date.now();
    assert.ok(lifetime > 590_000 && lifetime <= 600_000, `lives ${lifetime} ms`);
  });

  it('refuses an expired token, one of another key, a tampered one and an unsigned one', async () => {
    const tokens = new SessionTokens(SECRET, 60, quiet);
    const minted = await tokens.mint({ customerId: 'alice', channelIds: undefined }, Date.now() - 61_000);
    assert.equal(await tokens.verify(minted.token), null);
    const other = await new SessionTokens('another-secret-of-at-least-32-bytes!!', 60, quiet).mint({
      customerId: 'alice',
      channelIds: undefined,
    });
    assert.equal(await tokens.verify(other.token), null);
    const good = (await tokens.mint({ customerId: 'alice', channelIds: undefined })).token;
    const [header, , signature] = good.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ sub: 'bob', exp: 9999999999, iss: 'inbox-elements-server', aud: 'inbox-elements' }),
    ).toString('base64url');
    assert.equal(await tokens.verify(`${header}.${forgedPayload}.${signature}`), null);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forgedPayload}.`;
    assert.equal(await tokens.verify(unsigned), null);
  });

  it('refuses a short secret, and warns when it has to make one up', () => {
    assert.throws(() => new SessionTokens('short', 60, quiet), /at least 32 bytes/);
    const warnings: string[] = [];
    new SessionTokens(undefined, 60, (message) => warnings.push(message));
    assert.equal(warnings.length, 1);
  });
});

describe('session endpoint and token checks', () => {
  let harness: SandboxHarness;
  before(async () => {
    harness = await startSandboxHarness();
  });
  after(() => harness.close());

  it('mints only for a user the host recognises, and only through POST', async () => {
    const refused = await fetch(`${harness.url}/inbox/session`, { method: 'POST' });
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { success: boolean }).success, false);
    const get = await fetch(`${harness.url}/inbox/session`, { headers: { 'x-customer': 'alice' } });
    assert.equal(get.status, 405);
  });

  it('answers 401 with the error envelope for a missing, forged, expired or foreign token', async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('inbox-elements-server')
      .setAudience('inbox-elements')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 700)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 100)
      .sign(new TextEncoder().encode(SECRET));
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('inbox-elements-server')
      .setAudience('inbox-elements')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-guess-at-the-secret-32-bytes-long!!'));
    for (const authorization of [
      undefined,
      `Bearer ${expired}`,
      `Bearer ${forged}`,
      'Bearer not-a-jwt',
      'Basic YWxpY2U6eA==',
    ]) {
      const response = await checked(
        'GET',
        '/api/v1/channels',
        await fetch(`${harness.url}/api/v1/channels`, {
          headers: authorization ? { Authorization: authorization } : {},
        }),
      );
      assert.equal(response.status, 401, String(authorization));
      assert.deepEqual(await response.json(), {
        success: false,
        message: 'The session token is missing, invalid or expired.',
      });
    }
    const apiKey = await fetch(`${harness.url}/api/v1/channels`, {
      headers: { 'X-Api-Key': 'server-test:alice' },
    });
    assert.equal(apiKey.status, 401, 'the provider key is not a way in');
  });

  it('refuses a socket without a valid token, and takes one in the subprotocol header', async () => {
    const { UpstreamSocket } = await import('../src/realtime/phoenix-client.js');
    const refused = new UpstreamSocket({
      url: `${harness.url.replace('http', 'ws')}/socket/websocket`,
      token: 'forged',
      tokenIn: 'protocol',
    });
    await assert.rejects(
      refused.join('inbox', () => undefined),
      /403/,
    );
    refused.close();
    const inQuery = new UpstreamSocket({
      url: `${harness.url.replace('http', 'ws')}/socket/websocket`,
      token: await harness.token('alice'),
      tokenIn: 'query',
    });
    await assert.rejects(
      inQuery.join('inbox', () => undefined),
      /403/,
      '?token= is off unless allowed',
    );
    inQuery.close();
    const { socket } = await harness.socket(await harness.token('alice'));
    socket.close();
  });
});

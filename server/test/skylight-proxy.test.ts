import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import type { Channel, QrAttemptStatus } from '../src/contract.js';
import { skylightProvider } from '../src/providers/skylight/skylight-provider.js';
import { dataOf, startServer, waitFor, type TestServer } from './harness.js';

/** The sandbox stands in for SkylightChat: one workspace key, shared by every customer of the host. */
const WORKSPACE_KEY = 'skylight-workspace-key';

/** A request sent as written: fetch would resolve `..` before sending, a hostile client does not. */
function rawRequest(
  base: string,
  method: string,
  path: string,
  token: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const request = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { Authorization: `Bearer ${token}` } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

interface LoggedRequest {
  method: string;
  path: string;
}

describe('SkylightChat provider: the workspace key stays on the server, behind an allow-list', () => {
  let sandbox: Sandbox;
  let sandboxUrl: string;
  let server: TestServer;
  let alice: string;
  let bob: string;

  const upstreamRequests = async () => {
    const response = await fetch(`${sandboxUrl}/__sandbox/requests`, {
      headers: { 'X-Api-Key': WORKSPACE_KEY },
    });
    return (await response.json()) as { data: LoggedRequest[] };
  };
  const clearUpstreamRequests = () =>
    fetch(`${sandboxUrl}/__sandbox/requests`, { method: 'DELETE', headers: { 'X-Api-Key': WORKSPACE_KEY } });

  before(async () => {
    sandbox = createSandbox({ timings: { scanToCompleteMs: 50, connectingToOkMs: 50 } });
    sandboxUrl = `http://127.0.0.1:${((await sandbox.listen(0)).address() as AddressInfo).port}`;
    server = await startServer({ provider: skylightProvider({ apiKey: WORKSPACE_KEY, url: sandboxUrl }) });
    alice = await server.token('alice');
    bob = await server.token('bob');
  });
  after(async () => {
    await server.close();
    sandbox.close();
  });

  it('links the account a customer connected to that customer only', async () => {
    const start = await dataOf<{ account_id: string }>(
      await server.api(alice, 'POST', 'channels/whatsapp/connect'),
    );
    const bobPolls = await server.api(bob, 'GET', `channels/whatsapp/status?account_id=${start.account_id}`);
    assert.equal(bobPolls.status, 404, "bob cannot follow alice's attempt");
    await fetch(`${sandboxUrl}/__sandbox/scan`, {
      method: 'POST',
      headers: { 'X-Api-Key': WORKSPACE_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ account_id: start.account_id }),
    });
    const done = await waitFor(async () => {
      const status = await dataOf<QrAttemptStatus>(
        await server.api(alice, 'GET', `channels/whatsapp/status?account_id=${start.account_id}`),
      );
      return status.completed && status;
    }, 'the link');
    const aliceChannels = await dataOf<Channel[]>(await server.api(alice, 'GET', 'channels'));
    assert.deepEqual(
      aliceChannels.map((channel) => channel.id),
      [done.id],
    );
    assert.deepEqual(await dataOf(await server.api(bob, 'GET', 'channels')), []);
    assert.equal((await server.api(bob, 'GET', 'channels/whatsapp/status')).status, 404);
    assert.equal((await server.api(bob, 'POST', 'channels/whatsapp/refresh')).status, 404);
    assert.equal((await server.api(bob, 'POST', 'channels/whatsapp/disconnect')).status, 404);
    assert.equal(
      (await dataOf<Channel>(await server.api(alice, 'GET', 'channels/whatsapp/status'))).id,
      done.id,
    );
  });

  it('sends the workspace key upstream and never takes one from the browser', async () => {
    await clearUpstreamRequests();
    const withKey = await fetch(`${server.url}/api/v1/channels`, { headers: { 'X-Api-Key': WORKSPACE_KEY } });
    assert.equal(withKey.status, 401);
    await server.api(alice, 'GET', 'channels');
    const { data } = await upstreamRequests();
    assert.deepEqual(
      data.map(({ method, path }) => `${method} ${path}`),
      ['GET /api/v1/channels'],
    );
  });

  it('answers path tricks and other methods with a 4xx and sends nothing upstream', async () => {
    await clearUpstreamRequests();
    const tricks: [string, string][] = [
      ['GET', 'channels/whatsapp/../../../__sandbox/state'],
      ['GET', 'channels/%2e%2e/%2e%2e/__sandbox/state'],
      ['GET', 'channels/whatsapp%2F..%2F..%2F__sandbox%2Fstate/status'],
      ['GET', 'channels/whatsapp%5C..%5Cstate/status'],
      ['GET', 'channels/whatsapp%00/status'],
      ['GET', 'channels//status'],
      ['GET', 'channels/WHATSAPP/status'],
      ['GET', 'channels/signal/status'],
      ['PUT', 'channels/whatsapp/refresh'],
      ['PATCH', 'channels'],
      ['DELETE', 'channels/whatsapp/disconnect'],
      ['GET', 'channels/whatsapp/disconnect'],
      ['GET', 'account'],
      ['GET', 'webhooks'],
    ];
    for (const [method, path] of tricks) {
      const { status, body } = await rawRequest(server.url, method, `/api/v1/${path}`, alice);
      assert.ok(status >= 400 && status < 500, `${method} ${path} → ${status}`);
      assert.equal((JSON.parse(body) as { success: boolean }).success, false);
    }
    assert.deepEqual((await upstreamRequests()).data, []);
  });
});

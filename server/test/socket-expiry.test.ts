import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { TOKEN_EXPIRED_CLOSE } from '../src/server.js';
import { webhookProvider } from './fixtures/webhook-provider.js';
import { customer } from './drivers.js';
import { dataOf, startServer, waitFor, type TestServer } from './harness.js';

const TOKEN_TTL_SECONDS = 2;

interface OpenSocket {
  ws: WebSocket;
  frames: unknown[][];
  closed: Promise<{ code: number; reason: string; at: number }>;
}

/** A socket as the elements open it: the token in `Sec-WebSocket-Protocol`, joined to `inbox`. */
async function openInbox(server: TestServer, token: string): Promise<OpenSocket> {
  const encoded = Buffer.from(token).toString('base64').replace(/=+$/, '');
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/socket/websocket?vsn=2.0.0`, [
    'phoenix',
    `base64url.bearer.phx.${encoded}`,
  ]);
  const frames: unknown[][] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as unknown[]));
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8'), at: Date.now() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify(['1', '1', 'inbox', 'phx_join', {}]));
  await waitFor(() => frames.find((frame) => frame[1] === '1' && frame[3] === 'phx_reply'), 'the join reply');
  return { ws, frames, closed };
}

async function session(server: TestServer, customerId: string) {
  const response = await fetch(`${server.url}/inbox/session`, {
    method: 'POST',
    headers: { 'x-customer': customerId },
  });
  return dataOf<{ token: string; expires_at: string }>(response);
}

describe('a live socket ends with its session token', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({
      provider: webhookProvider().provider,
      tokenTtlSeconds: TOKEN_TTL_SECONDS,
    });
  });
  after(() => server.close());

  it('closes the socket when the token expires, saying why, and a new token connects again', async () => {
    const who = customer('lea');
    const first = await session(server, who);
    const socket = await openInbox(server, first.token);
    const close = await Promise.race([
      socket.closed,
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), (TOKEN_TTL_SECONDS + 5) * 1000),
      ),
    ]);
    assert.ok(close, 'the socket stayed open after its token expired');
    assert.equal(close.code, TOKEN_EXPIRED_CLOSE.code);
    assert.equal(close.reason, TOKEN_EXPIRED_CLOSE.reason);
    assert.ok(
      close.at >= Date.parse(first.expires_at),
      `closed ${Date.parse(first.expires_at) - close.at} ms before the token expired`,
    );

    const renewed = await session(server, who);
    const again = await openInbox(server, renewed.token);
    const reply = again.frames.find((frame) => frame[1] === '1')!;
    assert.deepEqual(reply[4], { status: 'ok', response: {} });
    again.ws.close();
  });

  it('refuses the expired token when the socket reconnects with it', async () => {
    const who = customer('max');
    const expired = await session(server, who);
    const socket = await openInbox(server, expired.token);
    await socket.closed;
    const status = await new Promise<number>((resolve) => {
      const encoded = Buffer.from(expired.token).toString('base64').replace(/=+$/, '');
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/socket/websocket?vsn=2.0.0`, [
        'phoenix',
        `base64url.bearer.phx.${encoded}`,
      ]);
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    assert.equal(status, 403);
  });
});

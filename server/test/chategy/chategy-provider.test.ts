import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createChategySandbox, type ChategySandbox } from '../../../sandbox/chategy/chategy-sandbox.js';
import { PhoenixTestClient } from '../../../sandbox/chategy/test-clients.js';
import { createInboxServer, type InboxServer } from '../../src/index.js';
import { chategyProvider } from '../../src/providers/chategy/chategy-provider.js';

const SECRET = 'chategy-test-secret-of-at-least-32-bytes';
const API_KEY = 'chategy-provider-test';

type Json = Record<string, any>;

let sandbox: ChategySandbox;
let sandboxUrl = '';
let server: InboxServer;
let serverUrl = '';
let customerNumber = 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

/** A new customer of the host, with a session token. */
async function customer() {
  const id = `customer-${++customerNumber}`;
  const minted = await json(
    await fetch(`${serverUrl}/inbox/session`, { method: 'POST', headers: { 'x-customer': id } }),
  );
  const token = String(minted['data']['token']);
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${serverUrl}/api/v1/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? {} : await json(response) };
  };
  const socket = () =>
    PhoenixTestClient.connect(`${serverUrl.replace('http', 'ws')}/socket/websocket?vsn=2.0.0`, [
      'phoenix',
      `base64url.bearer.phx.${Buffer.from(token).toString('base64').replace(/=+$/, '')}`,
    ]);
  return { id, token, api, socket };
}

async function control(method: string, path: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${sandboxUrl}/__chategy/${path}`, {
    method,
    headers: { Authorization: API_KEY, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return json(response);
}

/** The Chategy instance the server made for our customer. */
async function instanceOf(customerId: string): Promise<Json> {
  const listed = await json(
    await fetch(`${sandboxUrl}/developer/v1/instances?external_id=${customerId}`, {
      headers: { Authorization: API_KEY },
    }),
  );
  return listed['instances'][0] as Json;
}

async function linkWhatsapp(who: Awaited<ReturnType<typeof customer>>) {
  const started = await who.api('POST', 'channels/whatsapp/connect');
  assert.equal(started.status, 200);
  const instance = await instanceOf(who.id);
  await control('POST', 'whatsapp/scan', { customer_id: instance['customer_id'], phone: '966500000001' });
  const channel = await pollFor(async () => {
    const { body } = await who.api('GET', 'channels');
    return (body['data'] as Json[]).find(
      (item) => item['type'] === 'whatsapp' && item['is_connected'] === true,
    );
  }, 'the linked WhatsApp channel');
  return { instance, channel };
}

async function pollFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

before(async () => {
  sandbox = createChategySandbox({
    timings: {
      qrMs: 2000,
      authStateIntervalMs: 50,
      scanToAuthMs: 50,
      echoMs: 30,
      deliveredMs: 150,
      readMs: 300,
      webhookRetryMs: 100,
      webhookAttempts: 5,
    },
  });
  sandboxUrl = `http://127.0.0.1:${((await sandbox.listen(0)).address() as AddressInfo).port}`;
  const port = await freePort();
  serverUrl = `http://127.0.0.1:${port}`;
  server = await createInboxServer({
    provider: chategyProvider({ apiUrl: sandboxUrl, apiKey: API_KEY, unwatchedLoginMs: 200 }),
    authorize: (request) => {
      const id = request.headers.get('x-customer');
      return id ? { customerId: id } : null;
    },
    sessionSecret: SECRET,
    publicUrl: serverUrl,
    log: { info: () => undefined, warn: () => undefined },
  });
  await server.listen(port);
});

after(async () => {
  await server.close();
  sandbox.close();
});

describe('Chategy provider: linking', () => {
  it('makes one instance per customer on first link, with our customer id as its external_id', async () => {
    const who = await customer();
    assert.equal(await instanceOf(who.id), undefined);
    await who.api('POST', 'channels/whatsapp/connect');
    await who.api('POST', 'channels/whatsapp/connect');
    const listed = await json(
      await fetch(`${sandboxUrl}/developer/v1/instances?external_id=${who.id}`, {
        headers: { Authorization: API_KEY },
      }),
    );
    assert.equal(listed['meta']['total_count'], 1);
  });

  it('relays the WhatsApp QR room to the customer and links the account after the scan', async () => {
    const who = await customer();
    const started = await who.api('POST', 'channels/whatsapp/connect');
    const accountId = String(started.body['data']['account_id']);
    assert.match(String(started.body['data']['qr_code']), /^2@/);
    const socket = await who.socket();
    const topic = `room:v1:whats_app:auth:${accountId}`;
    assert.deepEqual(await socket.push(topic, 'phx_join'), { status: 'ok', response: {} });
    await socket.waitForEvent(topic, 'auth_state', (p) => typeof p['qr_code'] === 'string', 'a code');
    const other = await customer();
    const otherSocket = await other.socket();
    assert.deepEqual(await otherSocket.push(topic, 'phx_join'), {
      status: 'error',
      response: { reason: 'unauthorized' },
    });
    const instance = await instanceOf(who.id);
    await control('POST', 'whatsapp/scan', { customer_id: instance['customer_id'], phone: '966500000077' });
    await socket.waitForEvent(topic, 'auth_state', (p) => p['auth'] === true, 'auth: true');
    const status = await pollFor(async () => {
      const { body } = await who.api('GET', `channels/whatsapp/status?account_id=${accountId}`);
      return body['data']?.['completed'] === true ? (body['data'] as Json) : undefined;
    }, 'completed');
    assert.equal(status['username'], '+966500000077');
    assert.equal(status['is_connected'], true);
    socket.close();
    otherSocket.close();
  });

  it('interrupts the upstream login when the customer cancels', async () => {
    const who = await customer();
    const started = await who.api('POST', 'channels/whatsapp/connect');
    const accountId = String(started.body['data']['account_id']);
    const cancelled = await who.api('POST', `channels/whatsapp/disconnect?account_id=${accountId}`);
    assert.equal(cancelled.status, 204);
    const instance = await instanceOf(who.id);
    const state = await control('GET', 'state');
    const upstream = (state['instances'] as Json[]).find(
      (item) => item['customer_id'] === instance['customer_id'],
    );
    assert.equal(upstream?.['whatsapp_state'], 'failed');
    const { body } = await who.api('GET', `channels/whatsapp/status?account_id=${accountId}`);
    assert.equal(body['data']['sync_status'], 'CREATION_FAIL');
  });

  it('interrupts the upstream login when the last room on it closes, and not while one stays open', async () => {
    const who = await customer();
    const started = await who.api('POST', 'channels/whatsapp/connect');
    const topic = `room:v1:whats_app:auth:${String(started.body['data']['account_id'])}`;
    const first = await who.socket();
    const second = await who.socket();
    await first.push(topic, 'phx_join');
    await second.push(topic, 'phx_join');
    const instance = await instanceOf(who.id);
    const upstreamState = async (): Promise<unknown> =>
      ((await control('GET', 'state'))['instances'] as Json[]).find(
        (item) => item['customer_id'] === instance['customer_id'],
      )?.['whatsapp_state'];
    await first.push(topic, 'phx_leave');
    const stillWatched = Date.now() + 600;
    while (Date.now() < stillWatched) {
      assert.equal(await upstreamState(), 'waiting');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await second.push(topic, 'phx_leave');
    await pollFor(async () => ((await upstreamState()) === 'failed' ? true : undefined), 'the interrupt');
    first.close();
    second.close();
  });

  it('links Telegram by phone, code and password through the relayed room, with the 422 at the phone', async () => {
    const who = await customer();
    await control('POST', 'scenario', { telegram_password: true });
    const socket = await who.socket();
    const topic = 'room:v1:telegram:auth';
    assert.deepEqual(await socket.push(topic, 'phx_join'), { status: 'ok', response: {} });
    await socket.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'wait_phone', 'wait_phone');
    const bad = await socket.push(topic, 'send_phone', { phone: '12' });
    assert.equal(bad['status'], 'error');
    assert.deepEqual(bad['response']['meta']['errors'], { base: ['invalid phone'] });
    assert.equal((await socket.push(topic, 'send_phone', { phone: '+995598464533' }))['status'], 'ok');
    await socket.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'wait_code', 'wait_code');
    assert.equal((await socket.push(topic, 'send_code', { code: '12345' }))['status'], 'ok');
    await socket.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'wait_password', 'wait_password');
    assert.equal((await socket.push(topic, 'send_password', { password: 'cloud' }))['status'], 'ok');
    await socket.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'authorized', 'authorized');
    const channel = await pollFor(async () => {
      const { body } = await who.api('GET', 'channels');
      return (body['data'] as Json[]).find((item) => item['type'] === 'telegram');
    }, 'the Telegram channel');
    assert.equal(channel['username'], '+995598464533');
    await control('POST', 'scenario', { telegram_password: false });
    socket.close();
  });

  it('links MAX by phone and SMS code, with each documented 422 in words, and closes the session', async () => {
    const who = await customer();
    const blank = await who.api('POST', 'channels/max/send_phone', { phone: '' });
    assert.equal(blank.status, 422);
    assert.deepEqual(blank.body['errors'], { phone: ["Phone number can't be blank"] });
    const invalid = await who.api('POST', 'channels/max/send_phone', { phone: 'abc' });
    assert.deepEqual(invalid.body['errors'], { phone: ['Phone number has invalid format'] });
    assert.equal((await who.api('POST', 'channels/max/send_phone', { phone: '79811597745' })).status, 200);
    const wrong = await who.api('POST', 'channels/max/send_code', { code: '000000' });
    assert.deepEqual(wrong.body['errors'], { confirmation_code: ['confirmation code invalid'] });
    const linked = await who.api('POST', 'channels/max/send_code', { code: '848158' });
    assert.equal(linked.status, 200);
    assert.equal(linked.body['data']['type'], 'max');
    assert.equal(linked.body['data']['username'], '+79811597745');
    assert.equal((await who.api('POST', 'channels/max/close_session')).status, 204);
    const { body } = await who.api('GET', 'channels');
    assert.deepEqual(
      (body['data'] as Json[]).filter((item) => item['type'] === 'max'),
      [],
    );
    const again = await who.api('POST', 'channels/max/close_session');
    assert.deepEqual(again.body['errors'], { max_session_closer: ['max_session_closer session_not_found'] });
  });
});

describe('Chategy provider: webhooks in', () => {
  it('stores an incoming message once however often it is posted, and pushes it to the socket', async () => {
    const who = await customer();
    const { instance } = await linkWhatsapp(who);
    const socket = await who.socket();
    await socket.push('inbox', 'phx_join');
    const sent = await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      text: 'Where is my order?',
      from: { phone: '966501234567', name: 'Omar' },
    });
    const pushed = await socket.waitForEvent(
      'inbox',
      'message:new',
      (p) => p['message']['text'] === 'Where is my order?',
      'message:new',
    );
    assert.equal(pushed['message']['direction'], 'incoming');
    const log = (await control('GET', 'webhooks'))['deliveries'] as Json[];
    const delivery = log.find(
      (item) =>
        item['body']['payload']?.['new_message']?.['message']?.['id'] ===
        sent['webhook']['payload']['new_message']['message']['id'],
    );
    await control('POST', `webhooks/${String(delivery?.['id'])}/repeat`);
    await sandbox.webhooksSettled();
    const conversations = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
    const conversation = conversations.find((item) => item['contact']['phone'] === '+966501234567');
    assert.equal(conversation?.['contact']['name'], 'Omar');
    const messages = (await who.api('GET', `conversations/${String(conversation?.['id'])}/messages`)).body[
      'data'
    ]['items'] as Json[];
    assert.equal(messages.filter((item) => item['text'] === 'Where is my order?').length, 1);
    socket.close();
  });

  it('answers a webhook of an unknown instance without storing it, and a malformed one with a 400', async () => {
    const url = server.webhookUrl!;
    const unknown = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'whatsapp_incoming_msg',
        payload: { instance: { id: 1, customer_id: 1 }, new_message: {} },
      }),
    });
    assert.equal(unknown.status, 200);
    assert.match(JSON.stringify(await unknown.json()), /ignored/);
    const malformed = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type": 1',
    });
    assert.equal(malformed.status, 400);
  });

  it('turns log_out into a disconnected channel and calls into call messages', async () => {
    const who = await customer();
    const { instance } = await linkWhatsapp(who);
    await control('POST', 'calls', { customer_id: instance['customer_id'], from: { phone: '966501111111' } });
    await control('POST', 'whatsapp/log_out', { customer_id: instance['customer_id'] });
    await sandbox.webhooksSettled();
    const channel = await pollFor(async () => {
      const { body } = await who.api('GET', 'channels');
      return (body['data'] as Json[]).find(
        (item) => item['type'] === 'whatsapp' && item['is_connected'] === false,
      );
    }, 'the logged-out channel');
    assert.equal(channel['sync_status'], 'STOPPED');
    const conversations = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
    assert.equal(conversations[0]?.['last_message']?.['type'], 'call');
  });
});

describe('Chategy provider: sending', () => {
  it('sends text with our external_id and a valid checksum, stores the echo once, follows statuses to read, then deletes', async () => {
    const who = await customer();
    const { instance } = await linkWhatsapp(who);
    const incoming = await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      text: 'Hi',
      from: { phone: '966502222222' },
    });
    await sandbox.webhooksSettled();
    const conversation = await pollFor(async () => {
      const items = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
      return items.find((item) => item['contact']['phone'] === '+966502222222');
    }, 'the conversation');
    const incomingMessage = (await who.api('GET', `conversations/${String(conversation['id'])}/messages`))
      .body['data']['items'][0] as Json;
    const sent = await who.api('POST', `conversations/${String(conversation['id'])}/messages`, {
      text: 'Your order shipped',
      external_id: 'ext-1',
      reply_to_message_id: incomingMessage['id'],
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const requests = (await control('GET', 'requests'))['requests'] as Json[];
    const delivery = requests.find(
      (item) => item['path'] === '/api/v1/delivery' && item['params']['external_id'] === 'ext-1',
    );
    assert.equal(delivery?.['checksum'], 'valid');
    assert.deepEqual(delivery?.['params']['dispatch_routing'], ['whatsapp']);
    assert.equal(
      delivery?.['params']['reply_to_message_id'],
      incoming['webhook']['payload']['new_message']['message']['id'],
    );
    const read = await pollFor(async () => {
      const items = (await who.api('GET', `conversations/${String(conversation['id'])}/messages`)).body[
        'data'
      ]['items'] as Json[];
      const mine = items.filter((item) => item['external_id'] === 'ext-1');
      return mine.length === 1 && mine[0]?.['status'] === 'read' ? mine[0] : undefined;
    }, 'the message read');
    assert.equal(read['reply_to_message_id'], incomingMessage['id']);
    const deleted = await who.api('DELETE', `messages/${String(read['id'])}`);
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
  });

  it("fails a message with Chategy's explanation in words", async () => {
    const who = await customer();
    const { instance } = await linkWhatsapp(who);
    await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      text: 'Hello',
      from: { phone: '966503333333' },
    });
    const conversation = await pollFor(async () => {
      const items = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
      return items.find((item) => item['contact']['phone'] === '+966503333333');
    }, 'the conversation');
    await control('POST', 'scenario', { final_status_id: 44 });
    await who.api('POST', `conversations/${String(conversation['id'])}/messages`, {
      text: 'x',
      external_id: 'ext-fail',
    });
    const failed = await pollFor(async () => {
      const items = (await who.api('GET', `conversations/${String(conversation['id'])}/messages`)).body[
        'data'
      ]['items'] as Json[];
      return items.find((item) => item['external_id'] === 'ext-fail' && item['status'] === 'failed');
    }, 'the failed message');
    assert.equal(
      failed['error'],
      'WhatsApp unregistered number: This number is not registered in the messenger.',
    );
    await control('POST', 'scenario', { final_status_id: null });
  });
});

describe('Chategy provider: Telegram and deletion refusals', () => {
  it('stores a Telegram message and answers it through tdlib_user_id', async () => {
    const who = await customer();
    const instance = await (async () => {
      const socket = await who.socket();
      const topic = 'room:v1:telegram:auth';
      await socket.push(topic, 'phx_join');
      await socket.push(topic, 'send_phone', { phone: '995598460001' });
      await socket.push(topic, 'send_code', { code: '12345' });
      await socket.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'authorized', 'authorized');
      socket.close();
      return instanceOf(who.id);
    })();
    const posted = await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      channel: 'tdlib',
      text: 'Привет',
      from: { phone: '995598460002', name: 'Nino' },
    });
    const chatId = String(posted['webhook']['payload']['chat_id']);
    const conversation = await pollFor(async () => {
      const items = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
      return items.find((item) => item['channel'] === 'telegram');
    }, 'the Telegram conversation');
    assert.equal(conversation['contact']['name'], 'Nino');
    assert.equal(conversation['last_message']['text'], 'Привет');
    await who.api('POST', `conversations/${String(conversation['id'])}/messages`, {
      text: 'Здравствуйте',
      external_id: 'tg-1',
    });
    const requests = (await control('GET', 'requests'))['requests'] as Json[];
    const delivery = requests.find((item) => item['params']['external_id'] === 'tg-1');
    assert.equal(delivery?.['params']['tdlib_user_id'], chatId);
    assert.deepEqual(delivery?.['params']['dispatch_routing'], ['tdlib']);
    await pollFor(async () => {
      const items = (await who.api('GET', `conversations/${String(conversation['id'])}/messages`)).body[
        'data'
      ]['items'] as Json[];
      const mine = items.filter((item) => item['external_id'] === 'tg-1');
      return mine.length === 1 && mine[0]?.['status'] === 'read' ? true : undefined;
    }, 'the Telegram answer read, stored once');
  });

  it('refuses to delete a message not yet delivered, or one sent from the phone, in words', async () => {
    const who = await customer();
    const { instance } = await linkWhatsapp(who);
    await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      direction: 'outgoing',
      text: 'typed on the phone',
      from: { phone: '966506666666' },
    });
    const conversation = await pollFor(async () => {
      const items = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
      return items.find((item) => item['contact']['phone'] === '+966506666666');
    }, 'the conversation');
    const fromPhone = conversation['last_message'] as Json;
    assert.equal(fromPhone['direction'], 'outgoing');
    const refused = await who.api('DELETE', `messages/${String(fromPhone['id'])}`);
    assert.equal(refused.status, 422);
    assert.equal(refused.body['message'], 'Only messages sent from here can be deleted.');
    await control('POST', 'scenario', { final_status_id: 5 });
    const sent = await who.api('POST', `conversations/${String(conversation['id'])}/messages`, {
      text: 'never arrives',
      external_id: 'ext-undelivered',
    });
    await pollFor(async () => {
      const items = (await who.api('GET', `conversations/${String(conversation['id'])}/messages`)).body[
        'data'
      ]['items'] as Json[];
      return items.find((item) => item['external_id'] === 'ext-undelivered' && item['status'] === 'failed');
    }, 'the failure');
    await control('POST', 'scenario', { final_status_id: null });
    const notComplete = await who.api('DELETE', `messages/${String(sent.body['data']['id'])}`);
    assert.equal(notComplete.status, 422);
    assert.equal(notComplete.body['message'], 'Only a delivered message can be deleted.');
  });
});

describe('Chategy provider: files', () => {
  it('keeps a copy of a webhook file, so it still opens after the link Chategy gave expired', async () => {
    const who = await customer();
    const { instance } = await linkWhatsapp(who);
    const posted = await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      file: 'image',
      caption: 'the parcel',
      from: { phone: '966504444444' },
    });
    const upstreamLink = String(
      posted['webhook']['payload']['new_message']['message']['file_data']['download_url'],
    );
    const message = await pollFor(async () => {
      const items = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
      const conversation = items.find((item) => item['contact']['phone'] === '+966504444444');
      return conversation?.['last_message'] as Json | undefined;
    }, 'the file message');
    assert.equal(message['type'], 'image');
    assert.equal(message['file']['caption'], 'the parcel');
    const kept = String(message['file']['download_url']);
    assert.ok(kept.startsWith(`${serverUrl}/files/chategy/`), kept);
    await control('POST', 'files/expire');
    assert.equal((await fetch(upstreamLink)).status, 403);
    const served = await fetch(kept);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.equal(served.headers.get('content-security-policy'), 'sandbox');
    assert.deepEqual([...new Uint8Array(await served.arrayBuffer()).slice(1, 4)], [0x50, 0x4e, 0x47]);
    assert.equal((await fetch(`${serverUrl}/files/chategy/${'x'.repeat(32)}/guess.png`)).status, 404);
  });

  it('sends a file through send_file with a valid checksum and serves the bytes it sent', async () => {
    const who = await customer();
    const { instance } = await linkWhatsapp(who);
    await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      text: 'Send the invoice',
      from: { phone: '966505555555' },
    });
    const conversation = await pollFor(async () => {
      const items = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
      return items.find((item) => item['contact']['phone'] === '+966505555555');
    }, 'the conversation');
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('%PDF-1.4 invoice')], { type: 'application/pdf' }), 'invoice.pdf');
    form.set('external_id', 'ext-file');
    form.set('caption', 'Invoice');
    const response = await fetch(`${serverUrl}/api/v1/conversations/${String(conversation['id'])}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${who.token}` },
      body: form,
    });
    assert.equal(response.status, 200);
    const requests = (await control('GET', 'requests'))['requests'] as Json[];
    const upload = requests.find(
      (item) => item['path'] === '/api/v1/send_file' && item['params']['external_id'] === 'ext-file',
    );
    assert.equal(upload?.['checksum'], 'valid');
    assert.equal(upload?.['params']['file_name'], 'invoice.pdf');
    const sent = await pollFor(async () => {
      const items = (await who.api('GET', `conversations/${String(conversation['id'])}/messages`)).body[
        'data'
      ]['items'] as Json[];
      const mine = items.filter((item) => item['external_id'] === 'ext-file');
      return mine.length === 1 && mine[0]?.['status'] === 'read' ? mine[0] : undefined;
    }, 'the sent file read, stored once');
    await control('POST', 'files/expire');
    const served = await fetch(String(sent['file']['download_url']));
    assert.equal(await served.text(), '%PDF-1.4 invoice');
  });

  it('sends a file that answers a message with the reply, and keeps reply_to on the stored message', async () => {
    const who = await customer();
    const { instance } = await linkWhatsapp(who);
    const incoming = await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      text: 'Send the receipt',
      from: { phone: '966506666666' },
    });
    await sandbox.webhooksSettled();
    const conversation = await pollFor(async () => {
      const items = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
      return items.find((item) => item['contact']['phone'] === '+966506666666');
    }, 'the conversation');
    const conversationId = String(conversation['id']);
    const asked = (await who.api('GET', `conversations/${conversationId}/messages`)).body['data'][
      'items'
    ][0] as Json;
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('%PDF-1.4 receipt')], { type: 'application/pdf' }), 'receipt.pdf');
    form.set('external_id', 'ext-file-reply');
    form.set('reply_to_message_id', String(asked['id']));
    const response = await fetch(`${serverUrl}/api/v1/conversations/${conversationId}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${who.token}` },
      body: form,
    });
    const answer = await json(response);
    assert.equal(response.status, 200, JSON.stringify(answer));
    assert.equal(answer['data']['reply_to_message_id'], asked['id']);
    const requests = (await control('GET', 'requests'))['requests'] as Json[];
    const upload = requests.find(
      (item) => item['path'] === '/api/v1/send_file' && item['params']['external_id'] === 'ext-file-reply',
    );
    assert.equal(upload?.['checksum'], 'valid');
    assert.equal(
      upload?.['params']['reply_to_message_id'],
      incoming['webhook']['payload']['new_message']['message']['id'],
    );
    const stored = await pollFor(async () => {
      const items = (await who.api('GET', `conversations/${conversationId}/messages`)).body['data'][
        'items'
      ] as Json[];
      const mine = items.filter((item) => item['external_id'] === 'ext-file-reply');
      return mine.length === 1 && mine[0]?.['status'] === 'read' ? mine[0] : undefined;
    }, 'the sent file read, stored once');
    assert.equal(stored['reply_to_message_id'], asked['id']);
  });
});

describe('Chategy provider: starting a conversation', () => {
  async function deliveryOf(externalId: string): Promise<Json[]> {
    const requests = (await control('GET', 'requests'))['requests'] as Json[];
    return requests.filter(
      (item) => item['path'] === '/api/v1/delivery' && item['params']['external_id'] === externalId,
    );
  }

  async function linkTelegram(who: Awaited<ReturnType<typeof customer>>, phone: string) {
    const socket = await who.socket();
    const topic = 'room:v1:telegram:auth';
    await socket.push(topic, 'phx_join');
    await socket.push(topic, 'send_phone', { phone });
    await socket.push(topic, 'send_code', { code: '12345' });
    await socket.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'authorized', 'authorized');
    socket.close();
    return pollFor(async () => {
      const { body } = await who.api('GET', 'channels');
      return (body['data'] as Json[]).find((item) => item['type'] === 'telegram');
    }, 'the Telegram channel');
  }

  it('sends the first text to a phone number through /api/v1/delivery, once however often it is repeated', async () => {
    const who = await customer();
    const { channel } = await linkWhatsapp(who);
    const start = {
      channel_id: channel['id'],
      to: { phone: '+966507777777' },
      text: 'Your order is ready',
      external_id: 'start-1',
    };
    const first = await who.api('POST', 'conversations', start);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const { conversation, message } = first.body['data'] as Json;
    assert.equal(conversation['channel_id'], channel['id']);
    assert.equal(conversation['contact']['phone'], '+966507777777');
    assert.equal(message['conversation_id'], conversation['id']);
    assert.equal(message['text'], 'Your order is ready');
    assert.equal(message['external_id'], 'start-1');

    const deliveries = await deliveryOf('start-1');
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0]?.['checksum'], 'valid');
    assert.equal(deliveries[0]?.['params']['phone'], '966507777777');
    assert.equal(deliveries[0]?.['params']['text'], 'Your order is ready');
    assert.deepEqual(deliveries[0]?.['params']['dispatch_routing'], ['whatsapp']);

    const again = await who.api('POST', 'conversations', start);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body['data']['conversation']['id'], conversation['id']);
    assert.equal(again.body['data']['message']['id'], message['id']);
    assert.equal((await deliveryOf('start-1')).length, 1);
    // The echo of the send lands in the same conversation: the chat is keyed as WhatsApp's webhooks key it.
    await sandbox.webhooksSettled();
    const mine = await pollFor(async () => {
      const items = (await who.api('GET', `conversations/${String(conversation['id'])}/messages`)).body[
        'data'
      ]['items'] as Json[];
      return items.length === 1 && items[0]?.['status'] === 'read' ? items : undefined;
    }, 'the first message read, stored once');
    assert.equal(mine[0]?.['external_id'], 'start-1');
    const listed = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
    assert.deepEqual(
      listed.map((item): unknown => item['id']),
      [conversation['id']],
    );
  });

  it("writes in the contact's existing conversation, keeping its name", async () => {
    const who = await customer();
    const { instance, channel } = await linkWhatsapp(who);
    await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      text: 'Hello shop',
      from: { phone: '966508888888', name: 'Lina' },
    });
    await sandbox.webhooksSettled();
    const existing = await pollFor(async () => {
      const items = (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
      return items.find((item) => item['contact']['phone'] === '+966508888888');
    }, 'the conversation');
    const started = await who.api('POST', 'conversations', {
      channel_id: channel['id'],
      to: { phone: '+966508888888' },
      text: 'Hello Lina',
      external_id: 'start-2',
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body['data']['conversation']['id'], existing['id']);
    assert.equal(started.body['data']['conversation']['contact']['name'], existing['contact']['name']);
    assert.equal((await who.api('GET', 'conversations')).body['data']['items'].length, 1);
  });

  it('reaches a Telegram contact by username through tdlib routing, and refuses what cannot be reached', async () => {
    const who = await customer();
    const { channel: whatsapp } = await linkWhatsapp(who);
    const telegram = await linkTelegram(who, '995598460011');

    const started = await who.api('POST', 'conversations', {
      channel_id: telegram['id'],
      to: { username: '@Sara_K' },
      text: 'Hi Sara',
      external_id: 'start-tg',
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body['data']['conversation']['contact']['username'], 'Sara_K');
    const [delivery] = await deliveryOf('start-tg');
    assert.equal(delivery?.['params']['username'], 'sara_k');
    assert.equal(delivery?.['params']['phone'], undefined);
    assert.deepEqual(delivery?.['params']['dispatch_routing'], ['tdlib']);

    const byUsername = await who.api('POST', 'conversations', {
      channel_id: whatsapp['id'],
      to: { username: 'sara_k' },
      text: 'Hi',
      external_id: 'start-wa-username',
    });
    assert.equal(byUsername.status, 422);
    assert.ok(byUsername.body['errors']['to.username']);
    const badPhone = await who.api('POST', 'conversations', {
      channel_id: whatsapp['id'],
      to: { phone: '0501234567' },
      text: 'Hi',
      external_id: 'start-bad-phone',
    });
    assert.equal(badPhone.status, 422);
    assert.ok(badPhone.body['errors']['to.phone']);
    const unknown = await who.api('POST', 'conversations', {
      channel_id: 999_999,
      to: { phone: '+966501234567' },
      text: 'Hi',
      external_id: 'start-unknown',
    });
    assert.equal(unknown.status, 404);
    assert.equal((await deliveryOf('start-wa-username')).length, 0);
    assert.equal((await deliveryOf('start-bad-phone')).length, 0);
  });

  /** Chategy's echo of our send, once the server took it. */
  async function echoTaken(recipient: (payload: Json) => boolean, what: string): Promise<Json> {
    return pollFor(async () => {
      const posts = (await control('GET', 'webhooks'))['deliveries'] as Json[];
      const echo = posts.find(
        (post) =>
          post['type'] === 'tdlib_incoming_msg' &&
          post['body']['payload']['direction'] === 'outgoing' &&
          recipient(post['body']['payload'] as Json),
      );
      return echo?.['delivered'] === true ? (echo['body']['payload'] as Json) : undefined;
    }, what);
  }

  async function conversationsOf(who: Awaited<ReturnType<typeof customer>>): Promise<Json[]> {
    return (await who.api('GET', 'conversations')).body['data']['items'] as Json[];
  }

  async function textsOf(who: Awaited<ReturnType<typeof customer>>, conversationId: unknown) {
    const items = (await who.api('GET', `conversations/${String(conversationId)}/messages`)).body['data'][
      'items'
    ] as Json[];
    return items.map((item) => `${String(item['direction'])}: ${String(item['text'])}`);
  }

  for (const by of ['username', 'phone'] as const) {
    it(`keeps a Telegram conversation started by ${by} as one when the contact replies from their chat`, async () => {
      const who = await customer();
      const telegram = await linkTelegram(who, '995598460012');
      const instance = await instanceOf(who.id);
      const to = by === 'username' ? { username: '@Lina_TG' } : { phone: '+966509990001' };
      const started = await who.api('POST', 'conversations', {
        channel_id: telegram['id'],
        to,
        text: 'Hello Lina',
        external_id: `start-tg-${by}`,
      });
      assert.equal(started.status, 200, JSON.stringify(started.body));
      const conversationId = started.body['data']['conversation']['id'] as string;
      const echo = await echoTaken(
        (payload) =>
          by === 'username'
            ? payload['recipient_username'] === 'lina_tg'
            : payload['recipient_phone_number'] === '966509990001',
        'the echo of the first send',
      );
      assert.equal(typeof echo['chat_id'], 'number');
      assert.equal(typeof echo['delivery_id'], 'number');
      assert.equal(echo['recipient_id'], echo['chat_id']);

      await control('POST', 'messages', {
        customer_id: instance['customer_id'],
        channel: 'tdlib',
        text: 'Hi, who is this?',
        from:
          by === 'username' ? { username: 'lina_tg', name: 'Lina' } : { phone: '966509990001', name: 'Lina' },
      });
      await sandbox.webhooksSettled();
      const texts = await pollFor(async () => {
        const now = await textsOf(who, conversationId);
        return now.length === 2 ? now : undefined;
      }, 'the reply in the started conversation');
      assert.deepEqual(texts, ['outgoing: Hello Lina', 'incoming: Hi, who is this?']);
      const listed = await conversationsOf(who);
      assert.deepEqual(
        listed.map((item): unknown => item['id']),
        [conversationId],
      );
      assert.equal(listed[0]?.['contact']['name'], 'Lina');

      // Started again the same way: the same conversation, whose contact kept the username or phone.
      const again = await who.api('POST', 'conversations', {
        channel_id: telegram['id'],
        to,
        text: 'Your order is ready',
        external_id: `start-tg-${by}-again`,
      });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body['data']['conversation']['id'], conversationId);
      await sandbox.webhooksSettled();
      await pollFor(async () => {
        const now = await textsOf(who, conversationId);
        return now.length === 3 ? now : undefined;
      }, 'the second send in the conversation');
      assert.equal((await conversationsOf(who)).length, 1);
    });
  }

  it('keeps a WhatsApp conversation started by phone as one when the contact replies', async () => {
    const who = await customer();
    const { instance, channel } = await linkWhatsapp(who);
    const started = await who.api('POST', 'conversations', {
      channel_id: channel['id'],
      to: { phone: '+966509990002' },
      text: 'Hello Omar',
      external_id: 'start-wa-reply',
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const conversationId = started.body['data']['conversation']['id'] as string;
    await control('POST', 'messages', {
      customer_id: instance['customer_id'],
      channel: 'whatsapp',
      text: 'Thanks',
      from: { phone: '966509990002', name: 'Omar' },
    });
    await sandbox.webhooksSettled();
    const texts = await pollFor(async () => {
      const now = await textsOf(who, conversationId);
      return now.length === 2 ? now : undefined;
    }, 'the reply in the started conversation');
    assert.deepEqual(texts, ['outgoing: Hello Omar', 'incoming: Thanks']);
    assert.deepEqual(
      (await conversationsOf(who)).map((item): unknown => item['id']),
      [conversationId],
    );
  });

  it('answers 409 for an account that is not connected', async () => {
    const who = await customer();
    const { instance, channel } = await linkWhatsapp(who);
    await control('POST', 'whatsapp/log_out', { customer_id: instance['customer_id'] });
    await sandbox.webhooksSettled();
    await pollFor(async () => {
      const { body } = await who.api('GET', 'channels');
      return (body['data'] as Json[]).find((item) => item['is_connected'] === false);
    }, 'the logged-out channel');
    const refused = await who.api('POST', 'conversations', {
      channel_id: channel['id'],
      to: { phone: '+966501234567' },
      text: 'Hi',
      external_id: 'start-offline',
    });
    assert.equal(refused.status, 409);
    assert.equal((await deliveryOf('start-offline')).length, 0);
  });
});

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CHATEGY_STATUSES } from '../../server/src/providers/chategy/status-list.js';
import { createChategySandbox } from './chategy-sandbox.js';
import { checksumOf } from './checksum.js';
import { PhoenixTestClient, WebhookReceiver, waitFor } from './test-clients.js';

const receiver = new WebhookReceiver();
let sandbox: ReturnType<typeof createChategySandbox>;
let origin = '';
let keyNumber = 0;

interface Json {
  [key: string]: any;
}

async function call(
  method: string,
  path: string,
  auth: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(auth && { Authorization: auth }),
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

/** A developer key of its own (so tests never share a world) with one instance. */
async function newInstance(externalId = 'cust-1') {
  const key = `developer-${++keyNumber}`;
  const created = await call('POST', '/api/tmp/instances', key, {
    instance: {
      phone: `99555584${String(keyNumber).padStart(4, '0')}`,
      email: `d${keyNumber}@example.com`,
      password: 'example123',
      external_id: externalId,
    },
  });
  assert.equal(created.status, 200);
  const instance = created.json['instance'] as Json;
  return {
    key,
    token: `Bearer ${String(instance['token'])}`,
    instance,
    socketToken: String(instance['token']),
  };
}

function socketUrl(token: string): string {
  return `${origin.replace('http', 'ws')}/socket/websocket?token=${encodeURIComponent(token)}&vsn=2.0.0`;
}

async function linkWhatsapp(setup: Awaited<ReturnType<typeof newInstance>>) {
  const client = await PhoenixTestClient.connect(socketUrl(setup.socketToken));
  const topic = `room:v1:whats_app:auth:${String(setup.instance['customer_id'])}`;
  await client.push(topic, 'phx_join');
  await client.waitForEvent(topic, 'auth_state', (p) => typeof p['qr_code'] === 'string', 'a QR code');
  const scan = await call('POST', '/__chategy/whatsapp/scan', setup.key, {
    customer_id: setup.instance['customer_id'],
    phone: '966500000001',
  });
  assert.equal(scan.status, 200);
  await client.waitForEvent(topic, 'auth_state', (p) => p['auth'] === true, 'auth: true');
  return { client, topic };
}

before(async () => {
  await receiver.start();
  sandbox = createChategySandbox({
    webhookUrl: `${receiver.url}/all`,
    timings: {
      qrMs: 400,
      qrCount: 3,
      authStateIntervalMs: 50,
      scanToAuthMs: 50,
      echoMs: 20,
      deliveredMs: 80,
      readMs: 140,
      webhookRetryMs: 50,
      webhookAttempts: 3,
    },
  });
  const server = await sandbox.listen(0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  sandbox.close();
  receiver.close();
});

describe('Chategy sandbox: envelope and authorization', () => {
  it('answers 401 in the meta envelope without a token, or with an unknown one', async () => {
    const expected = { meta: { code: 401, message: 'Not authorized!', status: 'fail' } };
    assert.deepEqual((await call('GET', '/api/v1/account', undefined)).json, expected);
    const unknown = await call('GET', '/api/v1/account', 'Bearer nope');
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.json, expected);
  });

  it('shows the account to its instance token', async () => {
    const { token, instance } = await newInstance();
    const { status, json } = await call('GET', '/api/v1/account', token);
    assert.equal(status, 200);
    assert.deepEqual(json['meta'], { code: 200, status: 'success' });
    assert.equal(json['account']['customer_id'], instance['customer_id']);
    assert.equal(json['account']['whatsapp_session'], 0);
  });
});

describe('Chategy sandbox: instances', () => {
  it('creates with external_id, refuses the same email and phone, lists by external_id, gets by customer_id', async () => {
    const { key, instance } = await newInstance('our-customer-7');
    assert.equal(instance['external_id'], 'our-customer-7');
    assert.match(String(instance['idempotency_key']), /^[\w-]{8}$/);
    const again = await call('POST', '/api/tmp/instances', key, {
      instance: {
        phone: `99555584${String(keyNumber).padStart(4, '0')}`,
        email: `d${keyNumber}@example.com`,
        password: 'example123',
      },
    });
    assert.equal(again.status, 422);
    assert.deepEqual(again.json['meta']['errors'], { email: ['already exists'], phone: ['already exists'] });
    const weak = await call('POST', '/api/tmp/instances', key, {
      instance: { phone: '12345678901', email: 'x@y.z', password: 'short' },
    });
    assert.deepEqual(weak.json['meta']['errors'], { password: ['is invalid'] });

    const listed = await call('GET', '/developer/v1/instances/?external_id=our-customer-7', key);
    assert.equal(listed.json['meta']['total_count'], 1);
    assert.equal(listed.json['instances'][0]['customer_id'], instance['customer_id']);
    const none = await call('GET', '/developer/v1/instances?external_id=someone-else', key);
    assert.deepEqual(none.json['instances'], []);
    const got = await call('GET', `/developer/v1/instances/${String(instance['customer_id'])}`, key);
    assert.equal(got.json['instance']['tdlib_session'], 0);
    const missing = await call('GET', '/developer/v1/instances/1', key);
    assert.deepEqual(missing, {
      status: 404,
      json: { meta: { code: 404, message: 'Not found', status: 'fail' } },
    });
    const otherKey = await call(
      'GET',
      `/developer/v1/instances/${String(instance['customer_id'])}`,
      'another-developer',
    );
    assert.equal(otherKey.status, 404);
  });
});

describe('Chategy sandbox: checksum and idempotency', () => {
  it('signs the values sorted by key as the documentation example does', () => {
    assert.equal(
      checksumOf({ text: 'text', phone: '71233456789', external_id: '100' }, 'Z5F2idBj'),
      'ebb290126ea4302ebca339f5efe419b4a67edfe57e1ea844e7cec85ccef53f23',
    );
  });

  it('answers 400 to a wrong checksum, 200 to the right one, 409 to the same external_id again', async () => {
    const { token, instance } = await newInstance();
    const params = {
      phone: '966501112233',
      text: 'Hello',
      external_id: 'msg-1',
      dispatch_routing: ['whatsapp'],
    };
    const wrong = await call('POST', '/api/v1/delivery', token, params, { checksum: 'deadbeef' });
    assert.deepEqual(wrong, {
      status: 400,
      json: { meta: { code: 400, message: 'Invalid checksum', status: 'fail' } },
    });
    const checksum = checksumOf(params, String(instance['idempotency_key']));
    const first = await call('POST', '/api/v1/delivery', token, params, { checksum });
    assert.equal(first.status, 200);
    assert.equal(first.json['delivery']['status_id'], 6);
    assert.equal(first.json['delivery']['external_id'], 'msg-1');
    const repeat = await call('POST', '/api/v1/delivery', token, params, { checksum });
    assert.deepEqual(repeat.json['meta'], {
      code: 409,
      message: 'Request with current params has already been received',
      status: 'fail',
    });
  });

  it('answers the documented 422 for an empty text', async () => {
    const { token } = await newInstance();
    const { status, json } = await call('POST', '/api/v1/delivery?phone=966501112233&text=', token);
    assert.equal(status, 422);
    assert.deepEqual(json, {
      meta: {
        code: 422,
        errors: { text: ['the text cannot be empty'] },
        message: 'Unprocessable Entity',
        status: 'fail',
        status_id: null,
      },
    });
  });
});

describe('Chategy sandbox: WhatsApp authorization room', () => {
  it('streams rotating codes, then in_progress and auth: true after a scan, and posts whatsapp_log_in', async () => {
    const setup = await newInstance();
    const client = await PhoenixTestClient.connect(socketUrl(setup.socketToken));
    const topic = `room:v1:whats_app:auth:${String(setup.instance['customer_id'])}`;
    assert.deepEqual(await client.push(topic, 'phx_join'), { status: 'ok', response: {} });
    const codes = await waitFor(() => {
      const seen = new Set(client.events(topic, 'auth_state').map((p): unknown => p['qr_code']));
      return seen.size >= 2 ? [...seen] : undefined;
    }, 'two different codes');
    assert.match(String(codes[0]), /^2@/);
    await call('POST', '/__chategy/whatsapp/scan', setup.key, {
      customer_id: setup.instance['customer_id'],
      phone: '966500000009',
    });
    await client.waitForEvent(
      topic,
      'auth_state',
      (p) => p['in_progress'] === true && p['qr_code'] === null,
      'in_progress',
    );
    await client.waitForEvent(topic, 'auth_state', (p) => p['auth'] === true, 'auth: true');
    const login = await receiver.waitFor(
      (b) =>
        b['type'] === 'whatsapp_log_in' &&
        (b['payload'] as Json)['instance']['customer_id'] === setup.instance['customer_id'],
      'whatsapp_log_in',
    );
    assert.deepEqual((login['payload'] as Json)['instance']['status'], {
      description: 'connected',
      status_id: 0,
    });
    const got = await call(
      'GET',
      `/developer/v1/instances/${String(setup.instance['customer_id'])}`,
      setup.key,
    );
    assert.equal(got.json['instance']['whatsapp_session'], 1);
    assert.equal(got.json['instance']['whatsapp_phone'], '966500000009');

    await call('POST', '/__chategy/whatsapp/log_out', setup.key, {
      customer_id: setup.instance['customer_id'],
    });
    const logout = await receiver.waitFor(
      (b) =>
        b['type'] === 'whatsapp_log_out' &&
        (b['payload'] as Json)['customer_id'] === setup.instance['customer_id'],
      'whatsapp_log_out',
    );
    assert.deepEqual((logout['payload'] as Json)['status'], { status_id: 1, description: 'disconnected' });
    client.close();
  });

  it('ends the stream with {auth: false, qr_code: null} when interrupted, when codes run out, or when the container fails', async () => {
    const setup = await newInstance();
    const client = await PhoenixTestClient.connect(socketUrl(setup.socketToken));
    const topic = `room:v1:whats_app:auth:${String(setup.instance['customer_id'])}`;
    await client.push(topic, 'phx_join');
    await client.waitForEvent(topic, 'auth_state', (p) => typeof p['qr_code'] === 'string', 'a code');
    const interrupted = await call(
      'DELETE',
      `/developer/v1/instances/${String(setup.instance['id'])}/delete_container_session`,
      setup.key,
    );
    assert.deepEqual(interrupted.json, { meta: { code: 200, status: 'success' } });
    await client.waitForEvent(
      topic,
      'auth_state',
      (p) => p['auth'] === false && p['qr_code'] === null,
      'the end',
    );

    await client.push(topic, 'phx_join');
    await client.waitForEvent(
      topic,
      'auth_state',
      (p) => typeof p['qr_code'] === 'string',
      'a new code after rejoining',
    );
    const endedAt = client.events(topic, 'auth_state').length;
    await waitFor(
      () =>
        client
          .events(topic, 'auth_state')
          .slice(endedAt)
          .some((p) => p['qr_code'] === null)
          ? true
          : undefined,
      'codes running out',
      5000,
    );

    await call('POST', '/__chategy/scenario', setup.key, { whatsapp_container_fails: true });
    const before = client.events(topic, 'auth_state').length;
    await client.push(topic, 'phx_join');
    const next = await waitFor(() => client.events(topic, 'auth_state')[before], 'the creation error');
    assert.deepEqual(next, { auth: false, qr_code: null });
    client.close();
  });

  it('POST /__chategy/whatsapp/expire runs the codes on screen out now, and answers 409 when none is', async () => {
    const setup = await newInstance('cust-expire');
    const none = await call('POST', '/__chategy/whatsapp/expire', setup.key, { external_id: 'cust-expire' });
    assert.equal(none.status, 409);
    const client = await PhoenixTestClient.connect(socketUrl(setup.socketToken));
    const topic = `room:v1:whats_app:auth:${String(setup.instance['customer_id'])}`;
    await client.push(topic, 'phx_join');
    await client.waitForEvent(topic, 'auth_state', (p) => typeof p['qr_code'] === 'string', 'a code');
    const expired = await call('POST', '/__chategy/whatsapp/expire', setup.key, {
      external_id: 'cust-expire',
    });
    assert.equal(expired.status, 200);
    await client.waitForEvent(
      topic,
      'auth_state',
      (p) => p['auth'] === false && p['qr_code'] === null,
      'the end',
    );
    const scan = await call('POST', '/__chategy/whatsapp/scan', setup.key, { external_id: 'cust-expire' });
    assert.equal(scan.status, 409);
    client.close();
  });

  it("refuses another customer's room and a socket with an unknown token", async () => {
    const setup = await newInstance();
    const client = await PhoenixTestClient.connect(socketUrl(setup.socketToken));
    const reply = await client.push('room:v1:whats_app:auth:1', 'phx_join');
    assert.deepEqual(reply, { status: 'error', response: { reason: 'unauthorized' } });
    client.close();
    await assert.rejects(PhoenixTestClient.connect(socketUrl('unknown')), /HTTP 403/);
  });
});

describe('Chategy sandbox: Telegram authorization room', () => {
  it('goes wait_phone → wait_code → wait_password → authorized, with the documented 422 for a bad phone', async () => {
    const setup = await newInstance();
    await call('POST', '/__chategy/scenario', setup.key, { telegram_password: true });
    const client = await PhoenixTestClient.connect(socketUrl(setup.socketToken));
    const topic = 'room:v1:telegram:auth';
    await client.push(topic, 'phx_join');
    await client.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'wait_phone', 'wait_phone');
    assert.deepEqual(await client.push(topic, 'send_phone', { phone: '12' }), {
      status: 'error',
      response: {
        meta: {
          code: 422,
          errors: { base: ['invalid phone'] },
          connection: 'Raw object',
          status: 'failed',
          status_id: null,
        },
      },
    });
    assert.deepEqual(await client.push(topic, 'send_phone', { phone: '995598464533' }), {
      status: 'ok',
      response: {},
    });
    await client.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'wait_code', 'wait_code');
    assert.equal((await client.push(topic, 'send_code', { code: '00000' }))['status'], 'error');
    assert.equal((await client.push(topic, 'send_code', { code: '12345' }))['status'], 'ok');
    await client.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'wait_password', 'wait_password');
    assert.equal((await client.push(topic, 'send_password', { password: 'wrong' }))['status'], 'error');
    assert.equal((await client.push(topic, 'send_password', { password: 'cloud pass' }))['status'], 'ok');
    await client.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'authorized', 'authorized');
    const got = await call(
      'GET',
      `/developer/v1/instances/${String(setup.instance['customer_id'])}`,
      setup.key,
    );
    assert.equal(got.json['instance']['tdlib_session'], 3);
    assert.deepEqual(await client.push(topic, 'reset'), { status: 'ok', response: {} });
    await waitFor(
      () => (client.events(topic, 'auth_state').at(-1)?.['status'] === 'wait_phone' ? true : undefined),
      'reset',
    );
    client.close();
  });
});

describe('Chategy sandbox: MAX authorization', () => {
  it('answers each documented 422, then links with the SMS code and closes the session once', async () => {
    const { token } = await newInstance();
    const errorsOf = async (path: string) => (await call('POST', path, token)).json['meta']['errors'] as Json;
    assert.deepEqual(await errorsOf('/api/v1/max/close_session'), {
      max_session_closer: ['max_session_closer session_not_found'],
    });
    assert.deepEqual(await errorsOf('/api/v1/max/send_phone'), { phone: ["Phone number can't be blank"] });
    assert.deepEqual(await errorsOf('/api/v1/max/send_phone?phone=abc'), {
      phone: ['Phone number has invalid format'],
    });
    assert.equal((await call('POST', '/api/v1/max/send_phone?phone=89811597745', token)).status, 200);
    assert.deepEqual(await errorsOf('/api/v1/max/send_code'), { code: ["code can't be blank"] });
    assert.deepEqual(await errorsOf('/api/v1/max/send_code?code=111111'), {
      confirmation_code: ['confirmation code invalid'],
    });
    assert.equal((await call('POST', '/api/v1/max/send_code?code=848158', token)).status, 200);
    assert.equal((await call('POST', '/api/v1/max/close_session', token)).status, 200);
    assert.equal((await call('POST', '/api/v1/max/close_session', token)).status, 422);
  });
});

describe('Chategy sandbox: deliveries', () => {
  it('fails with status 45 and tells the callback_url when WhatsApp is not authorized', async () => {
    const { token } = await newInstance();
    const sent = await call('POST', '/api/v1/delivery', token, {
      phone: '966501112233',
      text: 'Hi',
      dispatch_routing: ['whatsapp'],
      callback_url: `${receiver.url}/callback`,
    });
    const id = sent.json['delivery']['id'] as number;
    const callback = await receiver.waitFor(
      (b) => (b['delivery'] as Json | undefined)?.['id'] === id,
      'the callback',
    );
    assert.deepEqual((callback['delivery'] as Json)['status'], {
      status_id: 45,
      description: 'WhatsApp session not started',
      dispatch_routing: 'whatsapp',
    });
    const got = await call('GET', `/api/v1/delivery/${id}`, token);
    assert.equal(got.json['delivery']['status']['status_id'], 45);
  });

  it('echoes the sent message, reports sent/received/read, and deletes it only once delivered', async () => {
    const setup = await newInstance();
    const { client } = await linkWhatsapp(setup);
    const sent = await call('POST', '/api/v1/delivery', setup.token, {
      phone: '966501112233',
      text: 'Your order shipped',
      dispatch_routing: ['whatsapp'],
      reply_to_message_id: 'false_966501112233@c.us_ABC',
    });
    const id = sent.json['delivery']['id'] as number;
    const tooEarly = await call('DELETE', `/api/v1/delivery/${id}`, setup.token);
    assert.deepEqual(tooEarly.json['meta']['errors'], { delivery: ['delivery not_complete'] });
    const echo = await receiver.waitFor(
      (b) => b['type'] === 'whatsapp_incoming_msg' && (b['payload'] as Json)['delivery_id'] === id,
      'the echo',
    );
    const newMessage = (echo['payload'] as Json)['new_message'] as Json;
    assert.equal(newMessage['direction'], 'outgoing');
    assert.equal(newMessage['chat_id'], '966501112233@c.us');
    assert.equal(newMessage['message']['text'], 'Your order shipped');
    assert.equal(newMessage['message']['reply_to_message_id'], 'false_966501112233@c.us_ABC');
    const messageId = newMessage['message']['id'] as string;
    for (const status of ['sent', 'received', 'read']) {
      await receiver.waitFor(
        (b) =>
          b['type'] === 'whatsapp_status_msg' &&
          (b['payload'] as Json)['message_status']['id'] === messageId &&
          (b['payload'] as Json)['message_status']['status'] === status,
        `status ${status}`,
      );
    }
    assert.deepEqual((await call('DELETE', `/api/v1/delivery/${id}`, setup.token)).json, {
      meta: { code: 200, status: 'success' },
    });
    const again = await call('DELETE', `/api/v1/delivery/${id}`, setup.token);
    assert.deepEqual(again.json['meta']['errors'], { delivery: ['delivery not found'] });
    client.close();
  });

  it('echoes a Telegram send by username from the numeric chat, where the contact then replies', async () => {
    const setup = await newInstance();
    const client = await PhoenixTestClient.connect(socketUrl(setup.socketToken));
    const topic = 'room:v1:telegram:auth';
    await client.push(topic, 'phx_join');
    await client.push(topic, 'send_phone', { phone: '995598464534' });
    await client.push(topic, 'send_code', { code: '12345' });
    await client.waitForEvent(topic, 'auth_state', (p) => p['status'] === 'authorized', 'authorized');
    client.close();
    const sent = await call('POST', '/api/v1/delivery', setup.token, {
      username: '@Nour_TG',
      text: 'Hello Nour',
      dispatch_routing: ['tdlib'],
    });
    const id = sent.json['delivery']['id'] as number;
    const echo = (
      await receiver.waitFor(
        (b) => b['type'] === 'tdlib_incoming_msg' && (b['payload'] as Json)['delivery_id'] === id,
        'the echo',
      )
    )['payload'] as Json;
    assert.equal(echo['direction'], 'outgoing');
    assert.equal(typeof echo['chat_id'], 'number');
    assert.equal(echo['recipient_id'], echo['chat_id']);
    assert.equal(echo['recipient_username'], 'Nour_TG');
    assert.match(String(echo['recipient_phone_number']), /^\d{8,15}$/);
    assert.equal(echo['message']['text'], 'Hello Nour');
    const reply = await call('POST', '/__chategy/messages', setup.key, {
      customer_id: setup.instance['customer_id'],
      channel: 'tdlib',
      text: 'Hi',
      from: { username: 'nour_tg' },
    });
    const incoming = reply.json['webhook']['payload'] as Json;
    assert.equal(incoming['direction'], 'incoming');
    assert.equal(incoming['chat_id'], echo['chat_id']);
    assert.equal(incoming['sender_phone_number'], echo['recipient_phone_number']);
  });

  it('ends deliveries with the scenario status and names the status list', async () => {
    assert.equal(CHATEGY_STATUSES.length, 56);
    const setup = await newInstance();
    const { client } = await linkWhatsapp(setup);
    await call('POST', '/__chategy/scenario', setup.key, {
      final_status_id: 44,
      status_webhook_type: 'message_status',
    });
    const sent = await call('POST', '/api/v1/delivery', setup.token, {
      phone: '966501112299',
      text: 'x',
      callback_url: `${receiver.url}/cb`,
    });
    const id = sent.json['delivery']['id'] as number;
    const callback = await receiver.waitFor(
      (b) => (b['delivery'] as Json | undefined)?.['id'] === id,
      'the callback',
    );
    assert.equal((callback['delivery'] as Json)['status']['status_id'], 44);
    await receiver.waitFor(
      (b) =>
        b['type'] === 'message_status' &&
        (b['payload'] as Json)['delivery_id'] === id &&
        (b['payload'] as Json)['message_status']['status'] === 'failed',
      'failed',
    );
    client.close();
  });

  it('sends a file, links it signed, and the link stops working once expired', async () => {
    const setup = await newInstance();
    const { client } = await linkWhatsapp(setup);
    const bad = new FormData();
    bad.set('file', new Blob(['x'], { type: 'text/html' }), 'page.html');
    bad.set('file_name', 'page.html');
    bad.set('phone', '966501112233');
    const refused = await fetch(`${origin}/api/v1/send_file`, {
      method: 'POST',
      headers: { Authorization: setup.token },
      body: bad,
    });
    assert.equal(refused.status, 422);
    assert.deepEqual(((await refused.json()) as Json)['meta']['errors'], { base: ['invalid mime type'] });

    const form = new FormData();
    form.set('file', new Blob([Buffer.from('%PDF-1.4 sandbox')], { type: 'application/pdf' }), 'invoice.pdf');
    form.set('file_name', 'invoice.pdf');
    form.set('phone', '966501112233');
    form.set('caption', 'Your invoice');
    form.set('reply_to_message_id', 'false_966501112233@c.us_Q1');
    const sent = await fetch(`${origin}/api/v1/send_file`, {
      method: 'POST',
      headers: { Authorization: setup.token },
      body: form,
    });
    const delivery = ((await sent.json()) as Json)['delivery'] as Json;
    assert.equal(delivery['reply_to_message_id'], 'false_966501112233@c.us_Q1');
    const echo = await receiver.waitFor(
      (b) =>
        (b['payload'] as Json | undefined)?.['delivery_id'] === delivery['id'] &&
        b['type'] === 'whatsapp_incoming_msg',
      'the file echo',
    );
    const message = ((echo['payload'] as Json)['new_message'] as Json)['message'] as Json;
    assert.equal(message['type'], 'document');
    assert.equal(message['reply_to_message_id'], 'false_966501112233@c.us_Q1');
    assert.equal(message['file_data']['caption'], 'Your invoice');
    const link = String(message['file_data']['download_url']);
    assert.match(link, /X-Amz-Expires=172800/);
    const fetched = await fetch(link);
    assert.equal(fetched.status, 200);
    assert.equal(await fetched.text(), '%PDF-1.4 sandbox');
    const tampered = link.replace(
      /X-Amz-Signature=(\w)/,
      (_, first: string) => `X-Amz-Signature=${first === '0' ? '1' : '0'}`,
    );
    assert.equal((await fetch(tampered)).status, 403);
    await call('POST', '/__chategy/files/expire', setup.key);
    const expired = await fetch(link);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /Request has expired/);
    client.close();
  });
});

describe('Chategy sandbox: webhooks', () => {
  it('posts incoming messages, files and calls for WhatsApp and Telegram', async () => {
    const setup = await newInstance();
    const customerId = setup.instance['customer_id'] as number;
    const text = await call('POST', '/__chategy/messages', setup.key, {
      customer_id: customerId,
      text: 'Where is my order?',
      from: { phone: '966501234567', name: 'Omar' },
    });
    const payload = text.json['webhook']['payload'] as Json;
    assert.equal(payload['new_message']['direction'], 'incoming');
    assert.match(String(payload['new_message']['message']['id']), /^false_966501234567@c\.us_/);
    assert.equal(payload['new_message']['sender_name'], 'Omar');
    const photo = await call('POST', '/__chategy/messages', setup.key, {
      customer_id: customerId,
      channel: 'tdlib',
      file: 'image',
      caption: 'look',
    });
    const tdlib = photo.json['webhook'] as Json;
    assert.equal(tdlib['type'], 'tdlib_incoming_msg');
    assert.equal(tdlib['payload']['message']['file_data']['mime_type'], 'image/png');
    assert.equal((await fetch(String(tdlib['payload']['message']['file_data']['download_url']))).status, 200);
    const call1 = await call('POST', '/__chategy/calls', setup.key, {
      customer_id: customerId,
      channel: 'whatsapp',
    });
    assert.equal(call1.json['webhook']['type'], 'whatsapp_call');
    const call2 = await call('POST', '/__chategy/calls', setup.key, {
      customer_id: customerId,
      channel: 'tdlib',
      video: true,
    });
    assert.equal(call2.json['webhook']['payload']['call']['is_video'], true);
    await receiver.waitFor(
      (b) => b['type'] === 'tdlib_call' && (b['payload'] as Json)['instance']['customer_id'] === customerId,
      'the Telegram call',
    );
  });

  it('keeps subscriptions through the webhook calls and posts only their types to them', async () => {
    const setup = await newInstance();
    const invalid = await call(
      'POST',
      `/developer/v1/webhooks?url=${receiver.url}/sub&types[]=nonsense`,
      setup.key,
    );
    assert.deepEqual(invalid.json['meta']['errors'], { types: ['types invalid'] });
    const created = await call(
      'POST',
      `/developer/v1/webhooks?url=${encodeURIComponent(`${receiver.url}/sub-${keyNumber}`)}&types[]=whatsapp_log_out`,
      setup.key,
    );
    const webhook = created.json['webhook'] as Json;
    assert.deepEqual(webhook['types'], ['whatsapp_log_out']);
    assert.equal(
      (await call('GET', `/developer/v1/webhooks/${String(webhook['id'])}`, setup.key)).json['webhook'][
        'url'
      ],
      webhook['url'],
    );
    const path = `/sub-${keyNumber}`;
    const updated = await call(
      'PUT',
      `/developer/v1/webhooks/${String(webhook['id'])}?types[]=whatsapp_incoming_msg&url=${encodeURIComponent(receiver.url + path)}`,
      setup.key,
    );
    assert.deepEqual(updated.json['webhook']['types'], ['whatsapp_incoming_msg']);
    await call('POST', '/__chategy/messages', setup.key, {
      customer_id: setup.instance['customer_id'],
      channel: 'tdlib',
    });
    await call('POST', '/__chategy/messages', setup.key, {
      customer_id: setup.instance['customer_id'],
      text: 'to the subscription',
    });
    await waitFor(() => receiver.received.find((r) => r.path === path), 'the subscribed post');
    await sandbox.webhooksSettled();
    assert.deepEqual(
      receiver.received.filter((r) => r.path === path).map((r) => r.body['type']),
      ['whatsapp_incoming_msg'],
    );
    assert.equal((await call('GET', '/developer/v1/webhooks', setup.key)).json['webhooks'].length, 1);
    await call('DELETE', `/developer/v1/webhooks/${String(webhook['id'])}`, setup.key);
    assert.deepEqual((await call('GET', '/developer/v1/webhooks', setup.key)).json['webhooks'], []);
  });

  it('tries a post again until the host answers 2xx, and can repeat a delivered one', async () => {
    const setup = await newInstance();
    const path = `/retry-${keyNumber}`;
    await call(
      'POST',
      `/developer/v1/webhooks?url=${encodeURIComponent(receiver.url + path)}&types[]=whatsapp_incoming_msg`,
      setup.key,
    );
    receiver.failing = { path, times: 2 };
    await call('POST', '/__chategy/messages', setup.key, {
      customer_id: setup.instance['customer_id'],
      text: 'retry me',
    });
    await waitFor(() => receiver.received.find((r) => r.path === path), 'the post after two failures');
    const log = (await call('GET', '/__chategy/webhooks', setup.key)).json['deliveries'] as Json[];
    const retried = log.find((item) => String(item['url']).endsWith(path));
    assert.equal(retried?.['attempts'], 3);
    assert.equal(retried?.['delivered'], true);
    await call('POST', `/__chategy/webhooks/${String(retried?.['id'])}/repeat`, setup.key);
    await waitFor(
      () => (receiver.received.filter((r) => r.path === path).length === 2 ? true : undefined),
      'the repeat',
    );
  });
});

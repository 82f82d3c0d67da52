import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createResponseValidator,
  observeFetchResponse,
  type ObservedResponse,
} from './response-validator.js';

const validate = createResponseValidator();

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

const channel = {
  id: 5,
  type: 'whatsapp',
  username: '+966501234567',
  is_connected: true,
  sync_status: 'OK',
  last_synced_at: '2026-03-11T10:00:00+03:00',
};

function answer(overrides: Partial<ObservedResponse> & { json?: unknown }): ObservedResponse {
  const { json, ...rest } = overrides;
  return {
    method: 'GET',
    path: '/api/v1/channels',
    status: 200,
    headers: JSON_TYPE,
    body: json === undefined ? undefined : JSON.stringify(json),
    ...rest,
  };
}

// node:test's describe() and it() return promises the runner itself waits for.
void describe('createResponseValidator(docs/openapi.yaml)', () => {
  void it('accepts an answer as the document describes it', () => {
    assert.deepEqual(validate(answer({ json: { success: true, data: [channel] } })), []);
  });

  void it('reports a Channel without its type', () => {
    const withoutType: Record<string, unknown> = { ...channel };
    delete withoutType.type;
    const problems = validate(answer({ json: { success: true, data: [withoutType] } }));
    assert.equal(problems.length, 1);
    assert.match(
      problems[0],
      /GET \/api\/v1\/channels → 200: body\/data\/0 must have required property 'type'/,
    );
  });

  void it('reports a field the document does not have, a value outside an enum and a time without a zone', () => {
    const problems = validate(
      answer({
        json: {
          success: true,
          data: [{ ...channel, nickname: 'x', sync_status: 'SLEEPING', last_synced_at: '2026-03-11 10:00' }],
        },
      }),
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0], /must NOT have additional properties \(nickname\)/);
    assert.match(problems[0], /sync_status must be equal to one of the allowed values/);
    assert.match(problems[0], /last_synced_at must match format "date-time"/);
  });

  void it('matches a literal path before a templated one', () => {
    const challenge = { requires_2fa: true, account_id: 'ig_abc123', checkpoint_type: 'OTP' };
    const connect = { method: 'POST', path: '/api/v1/channels/instagram/connect' };
    assert.deepEqual(validate(answer({ ...connect, json: { success: true, data: challenge } })), []);
    const qr = { method: 'POST', path: '/api/v1/channels/whatsapp/connect' };
    assert.equal(validate(answer({ ...qr, json: { success: true, data: challenge } })).length, 1);
  });

  void it('wants Retry-After on a 429', () => {
    const limited = answer({
      method: 'POST',
      path: '/api/v1/channels/instagram/2fa/resend',
      status: 429,
      json: { success: false, message: 'Please wait before requesting another code.' },
    });
    assert.deepEqual(validate(limited), [
      'POST /api/v1/channels/instagram/2fa/resend → 429: header Retry-After is missing',
    ]);
    assert.deepEqual(validate({ ...limited, headers: { ...JSON_TYPE, 'retry-after': '30' } }), []);
    assert.equal(validate({ ...limited, headers: { ...JSON_TYPE, 'Retry-After': 'soon' } }).length, 1);
  });

  void it('reports a status the operation does not list; told to check the envelope only, it checks that', () => {
    const conflict = answer({ status: 409, json: { success: false, message: 'Simulated failure.' } });
    assert.match(validate(conflict)[0], /listChannels \(GET \/channels\) does not list status 409/);
    assert.deepEqual(validate(conflict, { envelopeOnly: true }), []);
    const bare = answer({ status: 409, json: { error: 'conflict' } });
    assert.equal(validate(bare, { envelopeOnly: true }).length, 1);
  });

  void it('matches 5xx statuses to the 5XX range, in the error envelope', () => {
    assert.deepEqual(validate(answer({ status: 503, json: { success: false, message: 'Down.' } })), []);
    assert.equal(validate(answer({ status: 502, json: { success: true, data: [] } })).length, 1);
  });

  void it('wants no body on a 204 and a JSON body where the document gives one', () => {
    const deletion = { method: 'DELETE', path: '/api/v1/messages/msg_1', status: 204, headers: {} };
    assert.deepEqual(validate(answer({ ...deletion, body: '' })), []);
    assert.match(validate(answer({ ...deletion, json: { success: true } }))[0], /has a body/);
    assert.match(validate(answer({ body: '<html>' }))[0], /body is not JSON/);
    assert.match(validate(answer({ headers: {}, body: '[]' }))[0], /Content-Type/);
  });

  void it('reports a call the document does not have, but accepts a 404 in the envelope there', () => {
    assert.match(validate(answer({ path: '/api/v1/accounts' }))[0], /has no such operation/);
    const missing = answer({
      path: '/api/v1/accounts',
      status: 404,
      json: { success: false, message: 'Not found.' },
    });
    assert.deepEqual(validate(missing), []);
  });

  void it('reads a fetch Response, leaving its body to the caller', async () => {
    const response = new Response(JSON.stringify({ success: true, data: [channel] }), { headers: JSON_TYPE });
    const observed = await observeFetchResponse('GET', 'http://127.0.0.1:8787/api/v1/channels?x=1', response);
    assert.deepEqual(validate(observed), []);
    assert.equal(((await response.json()) as { data: unknown[] }).data.length, 1);
  });
});

import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { Socket } from 'phoenix';

type Payload = Record<string, unknown>;
type Frame = [joinRef: string | null, ref: string | null, topic: string, event: string, payload: Payload];

interface Channel {
  id: number;
  type: string;
  username: string | null;
  is_connected: boolean;
  sync_status: string;
  last_synced_at: string | null;
}

interface QrStart {
  account_id: string;
  qr_code: string;
}

interface QrStatus extends Omit<Channel, 'id'> {
  id: number | null;
  completed: boolean;
  in_progress: boolean;
  qr_code: string | null;
  qr_expires_at: string | null;
  qr_index: number;
  qr_total: number;
}

interface Challenge {
  requires_2fa: true;
  account_id: string;
  checkpoint_type: string;
}

interface Attempt {
  account_id: string;
  type: string;
  state: string;
  qr_code: string | null;
  qr_index: number;
  qr_total: number;
  username: string | null;
}

interface Scenario {
  instagram: string;
  multiple_accounts: boolean;
  status_extensions: boolean;
  failures: unknown[];
  timings: Record<string, number>;
}

interface State {
  channels: Channel[];
  attempts: Attempt[];
  scenario: Scenario;
}

interface LoggedRequest {
  method: string;
  path: string;
  time: string;
  body: unknown;
  status: number | null;
}

interface Envelope<T> {
  success?: boolean;
  data: T;
  message?: string;
  errors?: Record<string, string[]>;
}

interface Answer<T> {
  status: number;
  headers: Headers;
  text: string;
  json: Envelope<T>;
}

/**
 * Short timings that still leave each state about 2 s, so a test sees it even when a busy machine
 * makes its round-trips slow.
 */
const fastTimings = {
  whatsappFirstQrMs: 2000,
  whatsappNextQrMs: 2000,
  whatsappQrCount: 2,
  telegramQrMs: 2000,
  telegramQrCount: 2,
  scanToCompleteMs: 2000,
  connectingToOkMs: 300,
  authStateIntervalMs: 50,
  resendCooldownMs: 2000,
};

/** Longest wait for a timed change of the sandbox: one `fastTimings` period and plenty of slack. */
const TIMED_CHANGE = { timeout: 5000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One sandbox world of its own, reached over real HTTP from the page. */
class Tenant {
  readonly apiKey = `sandbox-test-${crypto.randomUUID()}`;

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const response = await fetch(path, {
      method,
      headers: { 'X-Api-Key': this.apiKey, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json = {} as Envelope<T>;
    try {
      if (text !== '') json = JSON.parse(text) as Envelope<T>;
    } catch {
      // Malformed on purpose in failure-injection tests; they read `text`.
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  async data<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    expect(answer.status, `${method} ${path}: ${answer.text}`).to.be.within(200, 299);
    return answer.json.data;
  }

  scenario(switches: Payload): Promise<Scenario> {
    return this.data('POST', '/__sandbox/scenario', switches);
  }

  state(): Promise<State> {
    return this.data('GET', '/__sandbox/state');
  }

  status(type: string, accountId: string): Promise<QrStatus> {
    return this.data('GET', `/api/v1/channels/${type}/status?account_id=${accountId}`);
  }

  connect(type: 'whatsapp' | 'telegram'): Promise<QrStart> {
    return this.data('POST', `/api/v1/channels/${type}/connect`);
  }

  addChannel(channel: Partial<Channel>): Promise<Channel> {
    return this.data('POST', '/__sandbox/channels', channel);
  }

  async mintToken(ttlSeconds?: number): Promise<string> {
    const body = { tenant: this.apiKey, ttl_seconds: ttlSeconds };
    return (await this.data<{ token: string }>('POST', '/__sandbox/token', body)).token;
  }

  scan(accountId: string): Promise<Answer<Attempt>> {
    return this.call('POST', '/__sandbox/scan', { account_id: accountId });
  }
}

/** A WebSocket speaking Phoenix vsn 2.0.0 frames by hand, to check the wire format itself. */
class RawSocket {
  readonly frames: Frame[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (event) => this.frames.push(JSON.parse(String(event.data)) as Frame));
  }

  static open(token: string): Promise<RawSocket> {
    const origin = location.origin.replace(/^http/, 'ws');
    const ws = new WebSocket(`${origin}/socket/websocket?token=${encodeURIComponent(token)}&vsn=2.0.0`);
    const socket = new RawSocket(ws);
    return new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve(socket));
      ws.addEventListener('error', () => reject(new Error('socket refused')));
    });
  }

  send(frame: Frame): void {
    this.ws.send(JSON.stringify(frame));
  }

  on(topic: string, event: string): Frame[] {
    return this.frames.filter((frame) => frame[2] === topic && frame[3] === event);
  }

  /** The payload of the last push of that event on the topic. */
  last(topic: string, event: string): Payload | undefined {
    return this.on(topic, event).at(-1)?.[4];
  }

  async reply(ref: string): Promise<Payload> {
    const find = () => this.frames.find((frame) => frame[1] === ref && frame[3] === 'phx_reply');
    await waitUntil(() => find() !== undefined, `reply ${ref}`);
    return find()![4];
  }

  close(): void {
    this.ws.close();
  }
}

describe('sandbox: WhatsApp and Telegram QR linking', () => {
  it('rotates WhatsApp codes on the clock and fails after the last one', async () => {
    const tenant = new Tenant();
    await tenant.scenario({ timings: fastTimings });
    const started = await tenant.call<QrStart>('POST', '/api/v1/channels/whatsapp/connect');
    expect(started.status).to.equal(200);
    expect(started.json.message).to.match(/^QR code generated\. Scan with WhatsApp/);
    const { account_id: accountId, qr_code: firstCode } = started.json.data;
    expect(accountId).to.match(/^wa_/);
    expect(firstCode).to.match(/^2@[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+$/);

    const first = await tenant.status('whatsapp', accountId);
    expect(first).to.include({
      id: null,
      type: 'whatsapp',
      is_connected: false,
      sync_status: 'CONNECTING',
      completed: false,
      in_progress: true,
      qr_code: firstCode,
      qr_index: 1,
      qr_total: 2,
    });
    const firstExpiry = Date.parse(first.qr_expires_at!);
    expect(firstExpiry - Date.now()).to.be.within(0, 2000);

    // The answer that showed the second code is the one checked: asked again, it may have expired already.
    let second = first;
    await waitUntil(
      async () => (second = await tenant.status('whatsapp', accountId)).qr_index === 2,
      'second code',
      TIMED_CHANGE,
    );
    expect(second.qr_code).to.be.a('string').and.not.equal(firstCode);
    expect(Date.parse(second.qr_expires_at!) - firstExpiry).to.equal(2000);

    await waitUntil(
      async () => !(await tenant.status('whatsapp', accountId)).in_progress,
      'failure',
      TIMED_CHANGE,
    );
    expect(await tenant.status('whatsapp', accountId)).to.include({
      completed: false,
      in_progress: false,
      sync_status: 'CREATION_FAIL',
      qr_code: null,
      qr_expires_at: null,
      qr_index: 2,
    });
    expect((await tenant.scan(accountId)).status).to.equal(409);
  });

  it('links a scanned code: in progress without a code, then completed CONNECTING, then OK', async () => {
    const tenant = new Tenant();
    await tenant.scenario({ timings: fastTimings });
    const { account_id: accountId } = await tenant.connect('whatsapp');

    expect((await tenant.scan(accountId)).status).to.equal(200);
    const linking = await tenant.status('whatsapp', accountId);
    expect(linking).to.include({ completed: false, in_progress: true, qr_code: null, id: null });
    expect(linking.username).to.match(/^\+9665\d{8}$/);

    await waitUntil(
      async () => (await tenant.status('whatsapp', accountId)).completed,
      'completed',
      TIMED_CHANGE,
    );
    const completed = await tenant.status('whatsapp', accountId);
    expect(completed).to.include({ in_progress: false, is_connected: true, username: linking.username });
    expect(completed.id).to.be.a('number');
    expect(['CONNECTING', 'OK']).to.include(completed.sync_status);

    await waitUntil(
      async () => (await tenant.status('whatsapp', accountId)).sync_status === 'OK',
      'OK',
      TIMED_CHANGE,
    );
    const current = await tenant.data<QrStatus>('GET', '/api/v1/channels/whatsapp/status');
    expect(current).to.include({ id: completed.id, completed: true, in_progress: false, sync_status: 'OK' });
    expect(Date.parse(current.last_synced_at!)).to.not.be.NaN;

    expect(await tenant.data('GET', '/api/v1/channels')).to.deep.equal([
      {
        id: completed.id,
        type: 'whatsapp',
        username: linking.username,
        is_connected: true,
        sync_status: 'OK',
        last_synced_at: current.last_synced_at,
      },
    ]);

    const again = await tenant.call('POST', '/api/v1/channels/whatsapp/connect');
    expect(again.status).to.equal(409);
    expect(again.json).to.deep.equal({
      success: false,
      message: 'WhatsApp is already connected. Disconnect it first.',
    });
  });

  it('allows another account with multiple_accounts and abandons the earlier pending attempt', async () => {
    const tenant = new Tenant();
    await tenant.addChannel({ type: 'telegram', username: '+966500000001' });
    expect((await tenant.call('POST', '/api/v1/channels/telegram/connect')).status).to.equal(409);

    await tenant.scenario({ multiple_accounts: true });
    const first = await tenant.connect('telegram');
    const second = await tenant.connect('telegram');
    expect((await tenant.status('telegram', first.account_id)).sync_status).to.equal('CREATION_FAIL');
    expect((await tenant.status('telegram', second.account_id)).in_progress).to.equal(true);
  });

  it('gives Telegram tg://login codes that rotate and run out after telegramQrCount', async () => {
    const tenant = new Tenant();
    await tenant.scenario({ timings: fastTimings });
    const started = await tenant.call<QrStart>('POST', '/api/v1/channels/telegram/connect');
    expect(started.json.message).to.equal(
      'QR code generated. Open Telegram → Settings → Devices → Link Desktop Device, then scan.',
    );
    const { account_id: accountId, qr_code: firstCode } = started.json.data;
    expect(accountId).to.match(/^tg_/);
    expect(firstCode).to.match(/^tg:\/\/login\?token=[A-Za-z0-9_-]{43}$/);

    await waitUntil(
      async () => (await tenant.status('telegram', accountId)).qr_index === 2,
      'second code',
      TIMED_CHANGE,
    );
    const second = await tenant.status('telegram', accountId);
    expect(second.qr_code)
      .to.match(/^tg:\/\/login\?token=/)
      .and.not.equal(firstCode);
    await waitUntil(
      async () => (await tenant.status('telegram', accountId)).sync_status === 'CREATION_FAIL',
      'failure',
      TIMED_CHANGE,
    );
  });

  it("answers status with the provider's fields alone when status_extensions is off", async () => {
    const tenant = new Tenant();
    expect((await tenant.scenario({})).status_extensions).to.equal(true);
    const refused = await tenant.call('POST', '/__sandbox/scenario', { status_extensions: 'no' });
    expect(refused.status).to.equal(422);
    expect(refused.json.errors).to.have.key('status_extensions');

    expect((await tenant.scenario({ status_extensions: false })).status_extensions).to.equal(false);
    const seedFields = [
      'completed',
      'id',
      'in_progress',
      'is_connected',
      'last_synced_at',
      'sync_status',
      'type',
      'username',
    ];
    const { account_id: accountId } = await tenant.connect('whatsapp');
    const waiting = await tenant.status('whatsapp', accountId);
    expect(Object.keys(waiting).sort()).to.deep.equal(seedFields);
    expect(waiting).to.include({ completed: false, in_progress: true });

    await tenant.scan(accountId);
    const scanned = await tenant.status('whatsapp', accountId);
    expect(Object.keys(scanned).sort()).to.deep.equal(seedFields);
    expect(scanned).to.include({ completed: false, in_progress: true });
    // The control endpoints still tell tests which code is current.
    expect((await tenant.state()).attempts[0]).to.include({ account_id: accountId, state: 'scanned' });
  });

  it('answers 404 for unknown attempts, channel types, accounts and paths', async () => {
    const tenant = new Tenant();
    const notFound = [
      ['GET', '/api/v1/channels/whatsapp/status?account_id=wa_unknown'],
      ['GET', '/api/v1/channels/whatsapp/status'],
      ['GET', '/api/v1/channels/instagram/status'],
      ['POST', '/api/v1/channels/signal/connect'],
      ['POST', '/api/v1/channels/telegram/refresh'],
      ['GET', '/api/v1/nothing'],
      ['DELETE', '/api/v1/channels'],
    ];
    for (const [method, path] of notFound) {
      const answer = await tenant.call(method, path);
      expect(answer.status, `${method} ${path}`).to.equal(404);
      expect(answer.json.success).to.equal(false);
      expect(answer.json.message).to.be.a('string');
    }
  });

  it('refreshes the last sync time, refuses to disconnect during a campaign, then disconnects', async () => {
    const tenant = new Tenant();
    const older = await tenant.addChannel({ type: 'whatsapp', sync_status: 'ERROR' });
    const newer = await tenant.addChannel({ type: 'whatsapp' });

    // The sandbox's clock counts milliseconds: a refresh in the same one would keep the time unchanged.
    await sleep(5);
    const refreshed = await tenant.data<Channel>('POST', '/api/v1/channels/whatsapp/refresh', {
      id: older.id,
    });
    expect(refreshed).to.include({ id: older.id, sync_status: 'ERROR' });
    expect(Date.parse(refreshed.last_synced_at!)).to.be.above(Date.parse(older.last_synced_at!));
    expect((await tenant.data<Channel>('POST', '/api/v1/channels/whatsapp/refresh')).id).to.equal(newer.id);

    await tenant.scenario({ campaign_running: [older.id] });
    const refused = await tenant.call('POST', '/api/v1/channels/whatsapp/disconnect', { id: older.id });
    expect(refused.status).to.equal(422);
    expect(refused.json).to.deep.equal({
      success: false,
      message: 'An outreach campaign is running on this channel. Cancel it first.',
    });

    const disconnected = await tenant.call('POST', '/api/v1/channels/whatsapp/disconnect');
    expect(disconnected.status).to.equal(204);
    expect(disconnected.text).to.equal('');
    await tenant.scenario({ campaign_running: ['whatsapp'] });
    expect((await tenant.call('POST', '/api/v1/channels/whatsapp/disconnect')).status).to.equal(422);
    await tenant.scenario({ campaign_running: [] });
    expect((await tenant.call('POST', '/api/v1/channels/whatsapp/disconnect')).status).to.equal(204);
    expect((await tenant.call('POST', '/api/v1/channels/whatsapp/disconnect')).status).to.equal(404);
  });
});

describe('sandbox: Instagram', () => {
  const connect = (tenant: Tenant, body: Payload) =>
    tenant.call<Challenge & Channel>('POST', '/api/v1/channels/instagram/connect', body);
  const submit = (tenant: Tenant, accountId: string, code: string) =>
    tenant.call<Challenge & Channel>('POST', '/api/v1/channels/instagram/2fa', {
      account_id: accountId,
      code,
    });

  it('validates the fields and the credentials', async () => {
    const tenant = new Tenant();
    const empty = await connect(tenant, {});
    expect(empty.status).to.equal(422);
    expect(empty.json.errors).to.deep.equal({
      username: ['The username field is required.'],
      password: ['The password field is required.'],
    });
    expect(empty.json.message).to.equal('The username field is required. (and 1 more error)');

    const badCountry = await connect(tenant, { username: 'brand', password: 'secret', country: 'SAU' });
    expect(badCountry.status).to.equal(422);
    expect(badCountry.json.errors).to.have.key('country');

    const wrong = await connect(tenant, { username: 'brand', password: 'wrong' });
    expect(wrong.status).to.equal(422);
    expect(wrong.json.message).to.equal('The username or password is incorrect.');
  });

  it('asks for a code, refuses wrong ones, then locks out with Retry-After', async () => {
    const tenant = new Tenant();
    await tenant.scenario({ instagram_lockout_seconds: 2 });
    const started = await connect(tenant, { username: 'brand', password: 'secret', country: 'ae' });
    const accountId = started.json.data.account_id;
    expect(accountId).to.match(/^ig_/);
    expect(started.json).to.deep.equal({
      success: true,
      data: { requires_2fa: true, account_id: accountId, checkpoint_type: 'OTP' },
      message: 'A verification code has been sent. Submit it to POST /channels/instagram/2fa.',
    });

    for (let attempt = 1; attempt <= 3; attempt++) {
      const wrong = await submit(tenant, accountId, '000000');
      expect(wrong.status, `wrong code ${attempt}`).to.equal(422);
      expect(wrong.json).to.deep.equal({
        success: false,
        message: 'The verification code is incorrect.',
        errors: { code: ['The verification code is incorrect.'] },
        attempts_left: 3 - attempt,
      });
    }
    const locked = await submit(tenant, accountId, '123456');
    expect(locked.status).to.equal(429);
    expect(locked.headers.get('Retry-After')).to.equal('2');

    // The lock is the server's clock running out; trying earlier would be refused (and counted), so wait it out.
    await sleep(2050);
    const linked = await submit(tenant, accountId, '123456');
    expect(linked.status).to.equal(200);
    expect(linked.json.message).to.equal('Instagram connected successfully. Account is syncing.');
    expect(linked.json.data).to.include({
      type: 'instagram',
      username: 'brand',
      is_connected: true,
      sync_status: 'CONNECTING',
    });
    expect((await submit(tenant, accountId, '123456')).status).to.equal(404);
  });

  it('asks twice in the 2fa_twice scenario, links, turns OK, and refuses the same username again', async () => {
    const tenant = new Tenant();
    await tenant.scenario({ instagram: '2fa_twice', instagram_checkpoint: 'EMAIL', timings: fastTimings });
    const started = await connect(tenant, { username: 'my_brand', password: 'secret' });
    const accountId = started.json.data.account_id;
    expect(started.json.data.checkpoint_type).to.equal('EMAIL');

    const round2 = await submit(tenant, accountId, '123456');
    expect(round2.json).to.deep.equal({
      success: true,
      data: { requires_2fa: true, account_id: accountId, checkpoint_type: 'EMAIL' },
      message: 'Additional verification required. Submit your code again.',
    });
    const linked = await submit(tenant, accountId, '123456');
    expect(linked.json.data.sync_status).to.equal('CONNECTING');
    await waitUntil(
      async () =>
        (await tenant.data<Channel>('GET', '/api/v1/channels/instagram/status')).sync_status === 'OK',
      'Instagram OK',
      TIMED_CHANGE,
    );

    const duplicate = await connect(tenant, { username: 'MY_BRAND', password: 'secret' });
    expect(duplicate.status).to.equal(409);
  });

  it('links at once in the connected scenario and always locks in too_many_attempts', async () => {
    const tenant = new Tenant();
    await tenant.scenario({ instagram: 'connected' });
    const linked = await connect(tenant, { username: 'at_once', password: 'secret' });
    expect(linked.json.message).to.equal('Instagram connected successfully.');
    expect(linked.json.data).to.include({
      type: 'instagram',
      username: 'at_once',
      is_connected: true,
      sync_status: 'OK',
    });

    await tenant.scenario({ instagram: 'too_many_attempts', instagram_lockout_seconds: 45 });
    const started = await connect(tenant, { username: 'locked', password: 'secret' });
    const locked = await submit(tenant, started.json.data.account_id, '123456');
    expect(locked.status).to.equal(429);
    expect(locked.headers.get('Retry-After')).to.equal('45');
    expect((await submit(tenant, 'ig_unknown', '123456')).status).to.equal(404);
  });

  it('resends a code once per cooldown', async () => {
    const tenant = new Tenant();
    await tenant.scenario({ timings: fastTimings });
    const started = await connect(tenant, { username: 'brand', password: 'secret' });
    const body = { account_id: started.json.data.account_id };
    const resend = () => tenant.call('POST', '/api/v1/channels/instagram/2fa/resend', body);

    expect((await resend()).json).to.deep.equal({
      success: true,
      message: 'Verification code resent successfully.',
    });
    const tooSoon = await resend();
    expect(tooSoon.status).to.equal(429);
    expect(tooSoon.headers.get('Retry-After')).to.equal('2');
    // The cooldown is the server's clock running out; a resend earlier would be refused, so wait it out.
    await sleep(2050);
    expect((await resend()).status).to.equal(200);
  });
});

describe('sandbox: tenancy and credentials', () => {
  it('keeps every API key its own world', async () => {
    const one = new Tenant();
    const other = new Tenant();
    await one.addChannel({ type: 'instagram' });
    await one.connect('whatsapp');
    expect(await other.data('GET', '/api/v1/channels')).to.deep.equal([]);
    expect((await other.state()).attempts).to.deep.equal([]);
    expect((await one.state()).attempts).to.have.length(1);
  });

  it('accepts minted bearer tokens for their tenant until they expire', async () => {
    const tenant = new Tenant();
    await tenant.addChannel({ type: 'telegram' });
    const bearer = { Authorization: `Bearer ${await tenant.mintToken(2)}` };
    const withToken = await fetch('/api/v1/channels', { headers: bearer });
    expect(withToken.status).to.equal(200);
    expect(((await withToken.json()) as Envelope<Channel[]>).data).to.have.length(1);

    // The token's two seconds run on the server's clock from the minting, which is before this wait.
    await sleep(2050);
    const expired = await fetch('/api/v1/channels', { headers: bearer });
    expect(expired.status).to.equal(401);
    expect(await expired.json()).to.deep.equal({
      success: false,
      message: 'The token is invalid or has expired.',
    });
    const madeUp = await fetch('/api/v1/channels', { headers: { Authorization: 'Bearer made-up' } });
    expect(madeUp.status).to.equal(401);
  });

  it('answers 401 without a credential, and CORS for other origins', async () => {
    const anonymous = await fetch('/api/v1/channels');
    expect(anonymous.status).to.equal(401);
    expect(((await anonymous.json()) as Envelope<never>).success).to.equal(false);
    expect(anonymous.headers.get('Access-Control-Allow-Origin')).to.equal('*');
    expect((await fetch('/__sandbox/state')).status).to.equal(401);

    const preflight = await fetch('/api/v1/channels/whatsapp/connect', { method: 'OPTIONS' });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('Access-Control-Allow-Headers')).to.equal(
      'Authorization, X-Api-Key, Content-Type',
    );
    expect(preflight.headers.get('Access-Control-Expose-Headers')).to.equal('Retry-After');
  });
});

describe('sandbox: failure injection and the request log', () => {
  it('answers an injected status with Retry-After, as many times as asked', async () => {
    const tenant = new Tenant();
    await tenant.scenario({
      failures: [
        { method: 'POST', path: '/api/v1/channels/whatsapp/connect', status: 503, retry_after: 7, times: 2 },
      ],
    });
    for (let time = 0; time < 2; time++) {
      const failed = await tenant.call('POST', '/api/v1/channels/whatsapp/connect');
      expect(failed.status).to.equal(503);
      expect(failed.headers.get('Retry-After')).to.equal('7');
      expect(failed.json.success).to.equal(false);
    }
    expect((await tenant.call('POST', '/api/v1/channels/whatsapp/connect')).status).to.equal(200);
  });

  it('sends malformed JSON, a replacement body, or drops the connection', async () => {
    const tenant = new Tenant();
    await tenant.scenario({
      failures: [
        { method: 'GET', path: '/api/v1/channels', raw: 'not json', status: 200 },
        { method: 'GET', path: '/api/v1/channels/whatsapp/status', body: { unexpected: true }, status: 200 },
        { method: 'POST', path: '/api/v1/channels/telegram/connect', drop: true },
      ],
    });
    const malformed = await fetch('/api/v1/channels?page=1', { headers: { 'X-Api-Key': tenant.apiKey } });
    expect(malformed.headers.get('Content-Type')).to.contain('application/json');
    let parseError: unknown;
    await malformed.json().catch((error: unknown) => (parseError = error));
    expect(parseError).to.be.instanceOf(SyntaxError);

    const replaced = await tenant.call('GET', '/api/v1/channels/whatsapp/status?account_id=x');
    expect(replaced.json).to.deep.equal({ unexpected: true });

    let networkError: unknown;
    await tenant
      .call('POST', '/api/v1/channels/telegram/connect')
      .catch((error: unknown) => (networkError = error));
    expect(networkError).to.be.instanceOf(TypeError);
  });

  it('delays the real answer when the failure only has delay_ms', async () => {
    const tenant = new Tenant();
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/channels', delay_ms: 300, times: -1 }],
    });
    for (let time = 0; time < 2; time++) {
      const started = performance.now();
      expect((await tenant.call('GET', '/api/v1/channels')).status).to.equal(200);
      expect(performance.now() - started).to.be.at.least(290);
    }
    expect((await tenant.scenario({})).failures).to.have.length(1);
  });

  it('logs API requests with secrets masked, and clears the log', async () => {
    const tenant = new Tenant();
    await tenant.scenario({
      failures: [{ method: 'POST', path: '/api/v1/channels/telegram/connect', drop: true }],
    });
    const started = await tenant.call<Challenge>('POST', '/api/v1/channels/instagram/connect', {
      username: 'brand',
      password: 'hunter2',
    });
    const accountId = started.json.data.account_id;
    await tenant.call('POST', '/api/v1/channels/instagram/2fa', { account_id: accountId, code: '654321' });
    await tenant.call('POST', '/api/v1/channels/telegram/connect').catch(() => undefined);
    await tenant.call('GET', '/api/v1/channels?limit=5');

    const log = await tenant.data<LoggedRequest[]>('GET', '/__sandbox/requests');
    expect(log.map(({ method, path, status }) => ({ method, path, status }))).to.deep.equal([
      { method: 'POST', path: '/api/v1/channels/instagram/connect', status: 200 },
      { method: 'POST', path: '/api/v1/channels/instagram/2fa', status: 422 },
      { method: 'POST', path: '/api/v1/channels/telegram/connect', status: null },
      { method: 'GET', path: '/api/v1/channels?limit=5', status: 200 },
    ]);
    expect(log[0].body).to.deep.equal({ username: 'brand', password: '***' });
    expect(log[1].body).to.deep.equal({ account_id: accountId, code: '***' });
    expect(JSON.stringify(log)).not.to.contain('hunter2').and.not.to.contain('654321');
    expect(Date.parse(log[0].time)).to.not.be.NaN;

    expect((await tenant.call('DELETE', '/__sandbox/requests')).status).to.equal(204);
    expect(await tenant.data('GET', '/__sandbox/requests')).to.deep.equal([]);
  });

  it('answers 400 for a body that is not JSON, and 422 for unknown scenario switches', async () => {
    const tenant = new Tenant();
    const badJson = await tenant.call('POST', '/api/v1/channels/instagram/connect', '{"username":');
    expect(badJson.status).to.equal(400);
    expect(badJson.json.success).to.equal(false);
    expect((await tenant.call('POST', '/api/v1/channels/whatsapp/connect', 'nope')).status).to.equal(400);

    const badScenario = await tenant.call('POST', '/__sandbox/scenario', {
      instagrm: '2fa',
      timings: { fast: 1 },
    });
    expect(badScenario.status).to.equal(422);
    expect(badScenario.json.errors).to.have.keys('instagrm', 'timings.fast');
  });
});

describe('sandbox: control endpoints', () => {
  it('scans only waiting attempts, adds and patches channels, and resets the world', async () => {
    const tenant = new Tenant();
    expect((await tenant.scan('wa_unknown')).status).to.equal(404);
    const { account_id: accountId } = await tenant.connect('whatsapp');
    const scanned = await tenant.call<Attempt>('POST', '/__sandbox/scan', {
      account_id: accountId,
      username: '+966511111111',
    });
    expect(scanned.json.data).to.include({ state: 'scanned', username: '+966511111111' });
    expect((await tenant.scan(accountId)).status).to.equal(409);

    const added = await tenant.addChannel({ type: 'instagram', username: 'shop' });
    expect(added).to.include({ type: 'instagram', username: 'shop', is_connected: true, sync_status: 'OK' });
    const patched = await tenant.data<Channel>('PATCH', `/__sandbox/channels/${added.id}`, {
      sync_status: 'CREDENTIALS',
      is_connected: false,
    });
    expect(patched).to.include({ id: added.id, sync_status: 'CREDENTIALS', is_connected: false });
    expect(
      (await tenant.call('PATCH', '/__sandbox/channels/999999', { is_connected: true })).status,
    ).to.equal(404);

    await tenant.scenario({ instagram: 'connected', timings: { whatsappQrCount: 2 } });
    const state = await tenant.state();
    expect(state.channels).to.have.length(1);
    expect(state.attempts[0]).to.include({
      account_id: accountId,
      type: 'whatsapp',
      state: 'scanned',
      qr_total: 6,
    });
    expect(state.scenario).to.include({ instagram: 'connected' });
    expect(state.scenario.timings).to.include({ whatsappQrCount: 2, whatsappFirstQrMs: 60000 });

    const reset = await tenant.data<State>('POST', '/__sandbox/reset');
    expect(reset.channels).to.deep.equal([]);
    expect(reset.attempts).to.deep.equal([]);
    expect(reset.scenario).to.include({ instagram: '2fa', multiple_accounts: false });
    expect(reset.scenario.timings).to.include({ whatsappQrCount: 6 });
  });
});

describe('sandbox: Phoenix socket', () => {
  let sockets: RawSocket[] = [];
  const open = async (token: string) => {
    const socket = await RawSocket.open(token);
    sockets.push(socket);
    return socket;
  };

  afterEach(() => {
    for (const socket of sockets) socket.close();
    sockets = [];
  });

  it('refuses a socket with an unknown or expired token', async () => {
    let refused = false;
    await RawSocket.open('sbx_not-minted').catch(() => (refused = true));
    expect(refused).to.equal(true);
  });

  it('answers heartbeats, refuses unknown topics, and closes a left channel', async () => {
    const socket = await open(new Tenant().apiKey);
    socket.send([null, '1', 'phoenix', 'heartbeat', {}]);
    await socket.reply('1');
    expect(socket.frames[0]).to.deep.equal([
      null,
      '1',
      'phoenix',
      'phx_reply',
      { status: 'ok', response: {} },
    ]);

    socket.send(['2', '2', 'room:lobby', 'phx_join', {}]);
    expect(await socket.reply('2')).to.deep.equal({
      status: 'error',
      response: { reason: 'unmatched topic' },
    });

    socket.send(['3', '3', 'inbox', 'phx_join', {}]);
    expect(await socket.reply('3')).to.deep.equal({ status: 'ok', response: {} });
    socket.send(['3', '4', 'inbox', 'phx_leave', {}]);
    expect((await socket.reply('4'))['status']).to.equal('ok');
    await waitUntil(() => socket.on('inbox', 'phx_close').length === 1, 'phx_close');
    expect(socket.on('inbox', 'phx_close')[0]).to.deep.equal(['3', '3', 'inbox', 'phx_close', {}]);
  });

  it('streams the WhatsApp auth room: the current code, in progress after the scan, auth once linked', async () => {
    const tenant = new Tenant();
    // A third code, so that the scan after the first rotation has time to spare.
    await tenant.scenario({ timings: { ...fastTimings, whatsappQrCount: 3 } });
    const { account_id: accountId, qr_code: firstCode } = await tenant.connect('whatsapp');
    const socket = await open(await tenant.mintToken());
    const topic = `room:v1:whats_app:auth:${accountId}`;
    const authStates = () => socket.on(topic, 'auth_state').map((frame) => frame[4]);
    socket.send(['1', '1', 'inbox', 'phx_join', {}]);
    socket.send(['2', '2', topic, 'phx_join', {}]);
    expect((await socket.reply('2'))['status']).to.equal('ok');

    await waitUntil(() => authStates().length >= 3, 'a stream of auth_state');
    expect(socket.on(topic, 'auth_state')[0]).to.deep.equal([
      '2',
      null,
      topic,
      'auth_state',
      { auth: false, qr_code: firstCode },
    ]);
    await waitUntil(
      () => authStates().some(({ qr_code: code }) => typeof code === 'string' && code !== firstCode),
      'the rotated code',
      TIMED_CHANGE,
    );
    const { qr_code: currentCode } = await tenant.status('whatsapp', accountId);
    await waitUntil(() => socket.last(topic, 'auth_state')?.['qr_code'] === currentCode, 'the current code');

    await tenant.scan(accountId);
    await waitUntil(() => socket.last(topic, 'auth_state')?.['in_progress'] === true, 'in progress');
    expect(socket.last(topic, 'auth_state')).to.deep.equal({ auth: false, qr_code: null, in_progress: true });

    await waitUntil(() => socket.last(topic, 'auth_state')?.['auth'] === true, 'auth true', TIMED_CHANGE);
    const inboxChannels = () =>
      socket.on('inbox', 'channel:status').map((frame) => (frame[4] as { channel: Channel }).channel);
    await waitUntil(
      () => inboxChannels().some((channel) => channel.sync_status === 'OK'),
      'channel OK on inbox',
      TIMED_CHANGE,
    );
    expect(inboxChannels().map((channel) => channel.sync_status)).to.deep.equal(['CONNECTING', 'OK']);
    expect(inboxChannels()[0]).to.include({ type: 'whatsapp', is_connected: true });
    expect(authStates().filter(({ auth }) => auth === true)).to.have.length(1);
  });

  it('tells the WhatsApp auth room once when the attempt failed, and refuses rooms of other tenants', async () => {
    const tenant = new Tenant();
    // Joined before or after the failure, the room tells it: no window to hit.
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 500, whatsappQrCount: 1 } });
    const { account_id: accountId } = await tenant.connect('whatsapp');
    const socket = await open(tenant.apiKey);
    const topic = `room:v1:whats_app:auth:${accountId}`;
    socket.send(['1', '1', topic, 'phx_join', {}]);
    await waitUntil(
      () => socket.last(topic, 'auth_state')?.['qr_code'] === null,
      'failure pushed',
      TIMED_CHANGE,
    );
    // A heartbeat's reply comes after every frame the server pushed before it: a second failure too.
    socket.send([null, '2', 'phoenix', 'heartbeat', {}]);
    await socket.reply('2');
    expect(socket.last(topic, 'auth_state')).to.deep.equal({ auth: false, qr_code: null });
    expect(socket.on(topic, 'auth_state').filter((frame) => frame[4]['qr_code'] === null)).to.have.length(1);

    const stranger = await open(new Tenant().apiKey);
    stranger.send(['1', '1', topic, 'phx_join', {}]);
    expect(await stranger.reply('1')).to.deep.equal({
      status: 'error',
      response: { reason: 'unauthorized' },
    });
  });

  it('walks the Telegram auth room from phone to password, with 422 replies for bad input', async () => {
    const tenant = new Tenant();
    await tenant.scenario({ telegram_password: true });
    const socket = await open(tenant.apiKey);
    const topic = 'room:v1:telegram:auth';
    const statuses = () => socket.on(topic, 'auth_state').map((frame) => frame[4]['status']);
    socket.send(['1', '1', topic, 'phx_join', {}]);
    await waitUntil(() => statuses().length === 1, 'first auth_state');
    expect(statuses()).to.deep.equal(['wait_phone']);

    socket.send(['1', '2', topic, 'send_phone', { phone: '0501234567' }]);
    expect(await socket.reply('2')).to.deep.equal({
      status: 'error',
      response: {
        meta: { code: 422, errors: { base: ['invalid phone'] }, status: 'failed', status_id: null },
      },
    });
    socket.send(['1', '3', topic, 'send_phone', { phone: '+966501234567' }]);
    expect((await socket.reply('3'))['status']).to.equal('ok');
    socket.send(['1', '4', topic, 'send_code', { code: '11111' }]);
    expect((await socket.reply('4'))['status']).to.equal('error');
    socket.send(['1', '5', topic, 'send_code', { code: '12345' }]);
    expect((await socket.reply('5'))['status']).to.equal('ok');
    socket.send(['1', '6', topic, 'send_password', { password: 'correct horse' }]);
    expect((await socket.reply('6'))['status']).to.equal('ok');
    await waitUntil(() => statuses().at(-1) === 'authorized', 'authorized');
    expect(statuses()).to.deep.equal(['wait_phone', 'wait_code', 'wait_password', 'authorized']);

    const channel = await tenant.data<Channel>('GET', '/api/v1/channels/telegram/status');
    expect(channel).to.include({ type: 'telegram', username: '+966501234567', is_connected: true });

    socket.send(['1', '7', topic, 'reset', {}]);
    await waitUntil(() => statuses().at(-1) === 'wait_phone', 'back to wait_phone');
  });

  it('works with the official Phoenix client: join, inbox channel:status, leave', async () => {
    const tenant = new Tenant();
    const socket = new Socket('/socket', { params: { token: tenant.apiKey } });
    socket.connect();
    try {
      const inbox = socket.channel('inbox', {});
      const events: Channel[] = [];
      inbox.on('channel:status', (payload: { channel: Channel }) => {
        events.push(payload.channel);
      });
      await new Promise((resolve, reject) => inbox.join().receive('ok', resolve).receive('error', reject));

      const added = await tenant.addChannel({ type: 'whatsapp' });
      await tenant.data('PATCH', `/__sandbox/channels/${added.id}`, { sync_status: 'ERROR' });
      await tenant.data('POST', '/api/v1/channels/whatsapp/refresh');
      await tenant.call('POST', '/api/v1/channels/whatsapp/disconnect');
      await waitUntil(() => events.length === 4, 'four channel:status events');
      expect(events.map((channel) => [channel.sync_status, channel.is_connected])).to.deep.equal([
        ['OK', true],
        ['ERROR', true],
        ['ERROR', true],
        ['ERROR', false],
      ]);

      const left = await new Promise((resolve) => inbox.leave().receive('ok', () => resolve('ok')));
      expect(left).to.equal('ok');
    } finally {
      socket.disconnect();
    }
  });
});

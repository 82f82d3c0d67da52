import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { Backend } from '../../src/api/backend.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import { SandboxTenant, fastTimings, type LoggedRequest } from '../helpers/sandbox.js';
import { delay, rejectionOf, waitUntil } from '../helpers/async.js';
import { trackPageFetches, type PageFetches } from '../helpers/page-fetches.js';

/** The calls the client made to the contract's API, leaving out the test's own control calls. */
async function apiRequests(tenant: SandboxTenant, path?: string): Promise<LoggedRequest[]> {
  const requests = (await tenant.requests()).filter((request) => request.path.startsWith('/api/v1/'));
  return path === undefined ? requests : requests.filter((request) => request.path === path);
}

/** A getToken that mints real sandbox tokens for the tenant and counts its calls. */
function tokenSource(tenant: SandboxTenant, tokens: (() => Promise<string>)[] = []) {
  const source = {
    calls: 0,
    getToken: () => {
      source.calls += 1;
      return tokens[source.calls - 1]?.() ?? tenant.mintToken();
    },
  };
  return source;
}

describe('createContractBackend against the sandbox', () => {
  let tenant: SandboxTenant;
  let backend: Backend;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    backend = createContractBackend({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
  });

  describe('unwraps the envelope of every call', () => {
    it('listChannels', async () => {
      const whatsapp = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
      const instagram = await tenant.addChannel({
        type: 'instagram',
        username: 'brand',
        sync_status: 'ERROR',
      });
      expect(await backend.listChannels()).to.deep.equal([whatsapp, instagram]);
    });

    it('connectQr for WhatsApp and Telegram', async () => {
      const whatsapp = await backend.connectQr('whatsapp');
      expect(whatsapp.account_id).to.be.a('string').and.not.be.empty;
      expect(whatsapp.qr_code).to.match(/^2@/);
      const telegram = await backend.connectQr('telegram');
      expect(telegram.qr_code).to.match(/^tg:\/\/login\?token=/);
    });

    it('getQrStatus, with the account id in the query, while waiting and once linked', async () => {
      const { account_id: accountId } = await backend.connectQr('whatsapp');
      const waiting = await backend.getQrStatus('whatsapp', accountId);
      expect(waiting).to.include({
        type: 'whatsapp',
        completed: false,
        in_progress: true,
        is_connected: false,
      });
      await tenant.scan(accountId);
      await waitUntil(
        async () => (await backend.getQrStatus('whatsapp', accountId)).completed,
        'the scan never completed',
        { timeout: 5000 },
      );
      const linked = await backend.getQrStatus('whatsapp', accountId);
      expect(linked).to.include({ completed: true, in_progress: false, is_connected: true });
      expect(linked.id).to.be.a('number');
      const [firstPoll] = await apiRequests(
        tenant,
        `/api/v1/channels/whatsapp/status?account_id=${accountId}`,
      );
      expect(firstPoll?.method).to.equal('GET');
    });

    it('getChannelStatus', async () => {
      const telegram = await tenant.addChannel({ type: 'telegram', username: '+966500000002' });
      expect(await backend.getChannelStatus('telegram')).to.deep.equal(telegram);
    });

    it('refreshChannel', async () => {
      const telegram = await tenant.addChannel({ type: 'telegram', username: '+966500000003' });
      const refreshed = await backend.refreshChannel('telegram');
      expect(refreshed).to.include({ id: telegram.id, type: 'telegram', is_connected: true });
    });

    it('disconnectChannel answers 204 with nothing', async () => {
      await tenant.addChannel({ type: 'whatsapp', username: '+966500000004' });
      expect(await backend.disconnectChannel('whatsapp')).to.equal(undefined);
      expect(await backend.listChannels()).to.deep.equal([]);
    });

    it('refreshChannel and disconnectChannel act on the channel named by id, sending no body without one', async () => {
      const older = await tenant.addChannel({ type: 'whatsapp', username: '+966500000005' });
      const newer = await tenant.addChannel({ type: 'whatsapp', username: '+966500000006' });
      expect((await backend.refreshChannel('whatsapp', { id: older.id })).id).to.equal(older.id);
      expect((await backend.refreshChannel('whatsapp')).id).to.equal(newer.id);
      await backend.disconnectChannel('whatsapp', { id: older.id });
      expect((await backend.listChannels()).map((channel) => channel.id)).to.deep.equal([newer.id]);
      const bodies = (await apiRequests(tenant))
        .filter((request) => request.method === 'POST')
        .map((request) => request.body);
      expect(bodies).to.deep.equal([{ id: older.id }, null, { id: older.id }]);
    });

    it('connectInstagram connected at once', async () => {
      await tenant.scenario({ instagram: 'connected' });
      const result = await backend.connectInstagram({
        username: 'my_brand',
        password: 'secret',
        country: 'AE',
      });
      expect(result.kind).to.equal('connected');
      expect(result.kind === 'connected' && result.channel).to.include({
        type: 'instagram',
        username: 'my_brand',
      });
      const [request] = await apiRequests(tenant, '/api/v1/channels/instagram/connect');
      expect(request?.body).to.deep.equal({ username: 'my_brand', password: '***', country: 'AE' });
    });

    it('connectInstagram asking for a code, then submitInstagramCode through two rounds', async () => {
      await tenant.scenario({ instagram: '2fa_twice' });
      const first = await backend.connectInstagram({ username: 'my_brand', password: 'secret' });
      if (first.kind !== 'challenge') throw new Error('expected a challenge');
      expect(first.challenge).to.include({ requires_2fa: true, checkpoint_type: 'OTP' });
      expect(first.message).to.be.a('string').and.not.be.empty;
      const accountId = first.challenge.account_id;

      const second = await backend.submitInstagramCode(accountId, '123456');
      expect(second.kind).to.equal('challenge');
      const third = await backend.submitInstagramCode(accountId, '123456');
      expect(third.kind).to.equal('connected');
      expect(third.kind === 'connected' && third.channel.type).to.equal('instagram');
    });

    it('resendInstagramCode returns the envelope message', async () => {
      const challenge = await backend.connectInstagram({ username: 'my_brand', password: 'secret' });
      if (challenge.kind !== 'challenge') throw new Error('expected a challenge');
      expect(await backend.resendInstagramCode(challenge.challenge.account_id)).to.deep.equal({
        message: 'Verification code resent successfully.',
      });
    });
  });

  describe('base URL', () => {
    it("takes a trailing slash, or '' for the page's origin", async () => {
      await tenant.addChannel({ type: 'whatsapp' });
      for (const baseUrl of [`${location.origin}/`, '']) {
        const client = createContractBackend({ baseUrl, apiKey: tenant.apiKey });
        expect(await client.listChannels()).to.have.length(1);
      }
      expect((await apiRequests(tenant)).map((request) => request.path)).to.deep.equal([
        '/api/v1/channels',
        '/api/v1/channels',
      ]);
    });
  });

  describe('auth', () => {
    it('prefers getToken over apiKey and caches the token', async () => {
      await tenant.addChannel({ type: 'whatsapp' });
      const source = tokenSource(tenant);
      const client = createContractBackend({
        baseUrl: tenant.baseUrl,
        apiKey: 'some-other-tenant',
        getToken: source.getToken,
      });
      expect(await client.listChannels()).to.have.length(1);
      expect(await client.getChannelStatus('whatsapp')).to.include({ type: 'whatsapp' });
      expect(source.calls).to.equal(1);
    });

    it('shares one getToken() among concurrent calls', async () => {
      const source = tokenSource(tenant);
      const client = createContractBackend({ baseUrl: tenant.baseUrl, getToken: source.getToken });
      await Promise.all([client.listChannels(), client.listChannels(), client.connectQr('whatsapp')]);
      expect(source.calls).to.equal(1);
      expect(await apiRequests(tenant)).to.have.length(3);
    });

    it('on a 401 fetches a new token once and repeats the request once', async () => {
      await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/channels', status: 401 }] });
      const source = tokenSource(tenant);
      const client = createContractBackend({ baseUrl: tenant.baseUrl, getToken: source.getToken });
      expect(await client.listChannels()).to.deep.equal([]);
      expect(source.calls).to.equal(2);
      expect(await apiRequests(tenant, '/api/v1/channels')).to.have.length(2);
    });

    it('replaces a token that expired', async () => {
      const expiring = await tenant.mintToken(1);
      const source = tokenSource(tenant, [() => Promise.resolve(expiring)]);
      const client = createContractBackend({ baseUrl: tenant.baseUrl, getToken: source.getToken });
      await client.listChannels();
      await waitUntil(
        async () =>
          (await fetch('/api/v1/channels', { headers: { Authorization: `Bearer ${expiring}` } })).status ===
          401,
        'the token never expired',
        { timeout: 5000 },
      );
      expect(await client.listChannels()).to.deep.equal([]);
      expect(source.calls).to.equal(2);
    });

    it('surfaces a second 401 as unauthorized, after exactly two attempts', async () => {
      await tenant.scenario({
        failures: [{ method: 'POST', path: '/api/v1/channels/whatsapp/connect', status: 401, times: 5 }],
      });
      const source = tokenSource(tenant);
      const client = createContractBackend({ baseUrl: tenant.baseUrl, getToken: source.getToken });
      const error = await rejectionOf(client.connectQr('whatsapp'));
      expect(error).to.include({ kind: 'unauthorized', status: 401, serverMessage: 'Simulated failure.' });
      expect(source.calls).to.equal(2);
      expect(await apiRequests(tenant)).to.have.length(2);
    });

    it('surfaces a refused API key as unauthorized without repeating', async () => {
      await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/channels', status: 401 }] });
      expect(await rejectionOf(backend.listChannels())).to.include({ kind: 'unauthorized', status: 401 });
      expect(await apiRequests(tenant)).to.have.length(1);
    });

    it('reports a failing getToken() as unauthorized', async () => {
      const client = createContractBackend({
        baseUrl: tenant.baseUrl,
        getToken: () => Promise.reject(new Error('signed out')),
      });
      expect(await rejectionOf(client.listChannels())).to.include({ kind: 'unauthorized' });
    });

    it('never puts the credential in the URL', async () => {
      const source = tokenSource(tenant);
      const client = createContractBackend({ baseUrl: tenant.baseUrl, getToken: source.getToken });
      await client.getQrStatus('whatsapp', 'wa_unknown').catch(() => undefined);
      await backend.listChannels();
      const paths = (await apiRequests(tenant)).map((request) => request.path);
      expect(paths.join(' ')).to.not.match(/token|key|sbx_/i);
      expect(paths.join(' ')).to.not.contain(tenant.apiKey);
    });
  });

  describe('errors', () => {
    it('403 is forbidden', async () => {
      await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/channels', status: 403 }] });
      expect(await rejectionOf(backend.listChannels())).to.include({ kind: 'forbidden', status: 403 });
    });

    it('404 is not-found, with the server message', async () => {
      const error = await rejectionOf(backend.getQrStatus('whatsapp', 'wa_does_not_exist'));
      expect(error).to.include({ kind: 'not-found', status: 404 });
      expect(error.serverMessage).to.be.a('string').and.not.be.empty;
    });

    it('409 is a conflict when WhatsApp is already connected', async () => {
      await tenant.addChannel({ type: 'whatsapp' });
      const error = await rejectionOf(backend.connectQr('whatsapp'));
      expect(error).to.include({ kind: 'conflict', status: 409 });
      expect(error.serverMessage).to.be.a('string').and.not.be.empty;
    });

    it('422 carries the server message and the field errors', async () => {
      const error = await rejectionOf(backend.connectInstagram({ username: '', password: '' }));
      expect(error).to.include({ kind: 'validation', status: 422 });
      expect(error.serverMessage).to.match(/username/i);
      expect(error.fieldErrors).to.have.all.keys('username', 'password');
      expect(error.fieldErrors['username']).to.be.an('array').that.is.not.empty;
    });

    it('422 when a campaign runs on the channel to disconnect', async () => {
      await tenant.addChannel({ type: 'telegram' });
      await tenant.scenario({ campaign_running: ['telegram'] });
      expect(await rejectionOf(backend.disconnectChannel('telegram'))).to.include({
        kind: 'validation',
        status: 422,
      });
    });

    it('429 tells how many seconds to wait, and a POST is not repeated', async () => {
      await tenant.scenario({
        failures: [
          { method: 'POST', path: '/api/v1/channels/telegram/connect', status: 429, retry_after: 7 },
        ],
      });
      const error = await rejectionOf(backend.connectQr('telegram'));
      expect(error).to.include({ kind: 'rate-limited', status: 429, retryAfterSeconds: 7 });
      expect(error.isTransient).to.equal(true);
      expect(await apiRequests(tenant)).to.have.length(1);
    });

    it('429 on a GET is repeated after the Retry-After wait', async () => {
      await tenant.scenario({
        failures: [{ method: 'GET', path: '/api/v1/channels', status: 429, retry_after: 1 }],
      });
      const started = performance.now();
      expect(await backend.listChannels()).to.deep.equal([]);
      expect(performance.now() - started).to.be.at.least(950);
      expect(await apiRequests(tenant)).to.have.length(2);
    });

    it('a real rate limit: the second quick resend', async () => {
      await tenant.scenario({ timings: { resendCooldownMs: 5000 } });
      const challenge = await backend.connectInstagram({ username: 'my_brand', password: 'secret' });
      if (challenge.kind !== 'challenge') throw new Error('expected a challenge');
      await backend.resendInstagramCode(challenge.challenge.account_id);
      const error = await rejectionOf(backend.resendInstagramCode(challenge.challenge.account_id));
      expect(error.kind).to.equal('rate-limited');
      expect(error.retryAfterSeconds).to.be.within(1, 5);
    });

    it('5xx on a GET is repeated twice, then succeeds', async () => {
      await tenant.scenario({
        failures: [{ method: 'GET', path: '/api/v1/channels', status: 503, times: 2 }],
      });
      expect(await backend.listChannels()).to.deep.equal([]);
      expect(await apiRequests(tenant, '/api/v1/channels')).to.have.length(3);
    });

    it('5xx on a GET that keeps failing ends as server after three attempts', async () => {
      await tenant.scenario({
        failures: [{ method: 'GET', path: '/api/v1/channels', status: 500, times: -1 }],
      });
      expect(await rejectionOf(backend.listChannels())).to.include({ kind: 'server', status: 500 });
      expect(await apiRequests(tenant, '/api/v1/channels')).to.have.length(3);
    });

    it('5xx on a POST is not repeated', async () => {
      await tenant.scenario({
        failures: [
          { method: 'POST', path: '/api/v1/channels/whatsapp/connect', status: 500, times: -1 },
          { method: 'POST', path: '/api/v1/channels/whatsapp/refresh', status: 502, times: -1 },
          { method: 'POST', path: '/api/v1/channels/whatsapp/disconnect', status: 503, times: -1 },
          { method: 'POST', path: '/api/v1/channels/instagram/connect', status: 500, times: -1 },
          { method: 'POST', path: '/api/v1/channels/instagram/2fa', status: 500, times: -1 },
          { method: 'POST', path: '/api/v1/channels/instagram/2fa/resend', status: 500, times: -1 },
        ],
      });
      const calls = [
        backend.connectQr('whatsapp'),
        backend.refreshChannel('whatsapp'),
        backend.disconnectChannel('whatsapp'),
        backend.connectInstagram({ username: 'my_brand', password: 'secret' }),
        backend.submitInstagramCode('ig_1', '123456'),
        backend.resendInstagramCode('ig_1'),
      ];
      for (const call of calls) expect((await rejectionOf(call)).kind).to.equal('server');
      const requests = await apiRequests(tenant);
      expect(requests).to.have.length(6);
      expect(requests.every((request) => request.method === 'POST')).to.equal(true);
    });

    it('an error answer that is not JSON still tells its status', async () => {
      await tenant.scenario({
        failures: [
          {
            method: 'POST',
            path: '/api/v1/channels/whatsapp/connect',
            status: 502,
            raw: '<html>Bad gateway</html>',
          },
        ],
      });
      const error = await rejectionOf(backend.connectQr('whatsapp'));
      expect(error).to.include({ kind: 'server', status: 502, serverMessage: undefined });
    });

    it('a dropped connection is network; a GET is tried three times, a POST once', async () => {
      await tenant.scenario({
        failures: [
          { method: 'GET', path: '/api/v1/channels', drop: true, times: -1 },
          { method: 'POST', path: '/api/v1/channels/whatsapp/connect', drop: true, times: -1 },
        ],
      });
      // Counted at fetch, not in the server's log: Chromium itself resends a request whose reused
      // keep-alive connection was dropped, so the log also holds the browser's resends.
      const fetches = sinon.spy(window, 'fetch');
      try {
        expect(await rejectionOf(backend.listChannels())).to.include({ kind: 'network', status: undefined });
        expect(await rejectionOf(backend.connectQr('whatsapp'))).to.include({ kind: 'network' });
      } finally {
        fetches.restore();
      }
      const attempts = (method: string) =>
        fetches.args.filter(([input]) => input instanceof Request && input.method === method).length;
      expect(attempts('GET')).to.equal(3);
      expect(attempts('POST')).to.equal(1);
    });

    it('a GET recovers from a connection dropped once', async () => {
      await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/channels', drop: true }] });
      expect(await backend.listChannels()).to.deep.equal([]);
    });

    it('a slow answer is a timeout', async () => {
      await tenant.scenario({
        failures: [{ method: 'POST', path: '/api/v1/channels/whatsapp/connect', delay_ms: 2000 }],
      });
      const client = createContractBackend({
        baseUrl: tenant.baseUrl,
        apiKey: tenant.apiKey,
        timeoutMs: 200,
      });
      const started = performance.now();
      expect(await rejectionOf(client.connectQr('whatsapp'))).to.include({ kind: 'timeout' });
      expect(performance.now() - started).to.be.below(1500);
    });

    it('an answer that is not JSON is malformed', async () => {
      await tenant.scenario({
        failures: [{ method: 'GET', path: '/api/v1/channels', status: 200, raw: 'not json' }],
      });
      expect(await rejectionOf(backend.listChannels())).to.include({ kind: 'malformed', status: 200 });
    });

    it('JSON that is not the envelope is malformed', async () => {
      await tenant.scenario({
        failures: [
          {
            method: 'POST',
            path: '/api/v1/channels/whatsapp/connect',
            status: 200,
            body: { account_id: 'wa_1', qr_code: '2@x' },
          },
        ],
      });
      expect(await rejectionOf(backend.connectQr('whatsapp'))).to.include({ kind: 'malformed' });
    });

    it('data of the wrong shape is malformed, for every call', async () => {
      const answers: [string, string, unknown, (client: Backend) => Promise<unknown>][] = [
        ['GET', '/api/v1/channels', { items: [] }, (client) => client.listChannels()],
        [
          'POST',
          '/api/v1/channels/whatsapp/connect',
          { account_id: 5, qr_code: '2@x' },
          (client) => client.connectQr('whatsapp'),
        ],
        [
          'GET',
          '/api/v1/channels/whatsapp/status',
          {
            id: null,
            type: 'whatsapp',
            username: null,
            is_connected: false,
            sync_status: 'OK',
            last_synced_at: null,
            completed: 'no',
            in_progress: true,
          },
          (client) => client.getQrStatus('whatsapp', 'wa_1'),
        ],
        [
          'GET',
          '/api/v1/channels/telegram/status',
          { id: '7', type: 'telegram' },
          (client) => client.getChannelStatus('telegram'),
        ],
        ['POST', '/api/v1/channels/telegram/refresh', null, (client) => client.refreshChannel('telegram')],
        [
          'POST',
          '/api/v1/channels/instagram/connect',
          { requires_2fa: true },
          (client) => client.connectInstagram({ username: 'a', password: 'b' }),
        ],
        [
          'POST',
          '/api/v1/channels/instagram/2fa',
          { id: 7, type: 'tiktok', is_connected: true, sync_status: 'OK' },
          (client) => client.submitInstagramCode('ig_1', '1'),
        ],
      ];
      await tenant.scenario({
        failures: answers.map(([method, path, data]) => ({
          method,
          path,
          status: 200,
          body: { success: true, data },
          times: -1,
        })),
      });
      for (const [, path, , call] of answers) {
        const error = await rejectionOf(call(backend));
        expect(error.kind, path).to.equal('malformed');
        expect(error.cause, path).to.be.instanceOf(Error);
      }
    });

    it('a resend answer without its message is malformed', async () => {
      await tenant.scenario({
        failures: [
          {
            method: 'POST',
            path: '/api/v1/channels/instagram/2fa/resend',
            status: 200,
            body: { success: true },
          },
        ],
      });
      expect(await rejectionOf(backend.resendInstagramCode('ig_1'))).to.include({ kind: 'malformed' });
    });
  });

  describe('abort', () => {
    // Requests are counted where the page starts them: a repeat is seen at once, not when it reaches
    // the server. "At once" is well below the server's delay, with room for a busy machine.
    let fetches: PageFetches;
    beforeEach(() => {
      fetches = trackPageFetches();
    });
    afterEach(() => fetches.restore());

    it('rejects as aborted at once while the server is slow, and never repeats', async () => {
      await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/channels', delay_ms: 3000 }] });
      const controller = new AbortController();
      const call = backend.listChannels({ signal: controller.signal });
      await waitUntil(
        async () => (await apiRequests(tenant)).length === 1,
        'the call never reached the server',
      );
      const started = performance.now();
      controller.abort();
      expect(await rejectionOf(call)).to.include({ kind: 'aborted' });
      expect(performance.now() - started).to.be.below(1000);
      // A repeat would follow its failure by ky's first backoff (300 ms); this page timer is due later,
      // and timers run in the order they fall due, so a slow machine cannot make it come too early.
      await delay(700);
      expect(fetches.started).to.equal(1);
    });

    it('rejects as aborted while waiting to repeat a GET, and does not repeat it', async () => {
      await tenant.scenario({
        failures: [{ method: 'GET', path: '/api/v1/channels', status: 503, retry_after: 2 }],
      });
      const controller = new AbortController();
      const call = backend.listChannels({ signal: controller.signal });
      await waitUntil(() => fetches.started === 1 && fetches.pending === 0, 'no answer to the first try');
      const started = performance.now();
      controller.abort();
      expect(await rejectionOf(call)).to.include({ kind: 'aborted' });
      expect((await apiRequests(tenant)).map((request) => request.status)).to.deep.equal([503]);
      expect(performance.now() - started).to.be.below(1000);
      // The repeat was due `Retry-After` (2 s) after the answer; this page timer falls due after it.
      await delay(2500);
      expect(fetches.started).to.equal(1);
      expect(await apiRequests(tenant)).to.have.length(1);
    });

    it('rejects as aborted while waiting for getToken()', async () => {
      const client = createContractBackend({
        baseUrl: tenant.baseUrl,
        getToken: () => new Promise<string>(() => {}),
      });
      const controller = new AbortController();
      const call = client.listChannels({ signal: controller.signal });
      // Aborted while getToken() is still pending: it never settles, so any moment after the call will do.
      await delay(50);
      controller.abort();
      expect(await rejectionOf(call)).to.include({ kind: 'aborted' });
    });

    it('sends nothing for a signal that is already aborted', async () => {
      const error = await rejectionOf(backend.connectQr('whatsapp', { signal: AbortSignal.abort() }));
      expect(error.kind).to.equal('aborted');
      expect(await apiRequests(tenant)).to.have.length(0);
    });
  });
});

import { expect } from '@open-wc/testing';
import { createContractBackend } from '../../src/api/contract-backend.js';
import {
  SocketAdapter,
  toSocketEndpoint,
  type JoinOptions,
  type SocketState,
  type TopicHandlers,
  type TopicSubscription,
} from '../../src/realtime/socket-adapter.js';
import { SandboxTenant, fastTimings } from '../helpers/sandbox.js';
import { delay, waitUntil } from '../helpers/async.js';

interface RecordedSocket {
  url: string;
  /** The `Sec-WebSocket-Protocol` values offered, where phoenix puts the token. */
  protocols: string[];
  /** The Phoenix frames the client sent, decoded. */
  frames: unknown[][];
  socket: WebSocket;
}

/**
 * Records the WebSockets the page opens from now on, with their URL and the frames sent over them.
 * phoenix takes `window.WebSocket` when its Socket is made, at the adapter's first join.
 */
function recordWebSockets(): { sockets: RecordedSocket[]; restore: () => void } {
  const sockets: RecordedSocket[] = [];
  const RealWebSocket = window.WebSocket;
  window.WebSocket = class RecordingWebSocket extends RealWebSocket {
    private readonly record: RecordedSocket;

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const offered = protocols === undefined ? [] : [protocols].flat();
      this.record = { url: String(url), protocols: offered, socket: this, frames: [] };
      sockets.push(this.record);
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string') this.record.frames.push(JSON.parse(data) as unknown[]);
      super.send(data);
    }
  };
  return { sockets, restore: () => (window.WebSocket = RealWebSocket) };
}

/** The token phoenix's `authToken` sends: `base64url.bearer.phx.` and the token in base64, unpadded. */
function tokenProtocol(token: string): string {
  return `base64url.bearer.phx.${btoa(token).replace(/=/g, '')}`;
}

function framesOf(sockets: RecordedSocket[], topic: string, event: string): unknown[][] {
  return sockets.flatMap(({ frames }) => frames.filter((frame) => frame[2] === topic && frame[3] === event));
}

function recordStates(adapter: SocketAdapter): SocketState[] {
  const states: SocketState[] = [];
  adapter.state.listen((state) => states.push(state));
  return states;
}

describe('SocketAdapter against the sandbox', () => {
  let tenant: SandboxTenant;
  let recorder: ReturnType<typeof recordWebSockets>;
  const subscriptions: TopicSubscription[] = [];

  /** Joins and remembers the subscription, so that every test leaves what it joined. */
  function join(adapter: SocketAdapter, topic: string, handlers: TopicHandlers, options?: JoinOptions) {
    const subscription = adapter.join(topic, handlers, options);
    subscriptions.push(subscription);
    return subscription;
  }

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    recorder = recordWebSockets();
  });

  afterEach(() => {
    for (const subscription of subscriptions.splice(0)) subscription.leave();
    recorder.restore();
  });

  it('opens with the first subscription and goes back to idle after the last leaves', async () => {
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    const states = recordStates(adapter);
    expect(adapter.state.get()).to.equal('idle');
    let joins = 0;
    const subscription = adapter.join('inbox', {}, { onJoin: () => (joins += 1) });
    expect(adapter.state.get()).to.equal('connecting');
    await waitUntil(() => joins === 1, 'never joined');
    expect(adapter.state.get()).to.equal('open');
    subscription.leave();
    expect(adapter.state.get()).to.equal('idle');
    expect(states).to.deep.equal(['connecting', 'open', 'idle']);
    const [recorded] = recorder.sockets;
    await waitUntil(() => recorded?.socket.readyState === WebSocket.CLOSED, 'the socket stayed open');
  });

  it('connects to {socketUrl}/websocket with vsn 2.0.0 and the token in the subprotocol header, not the URL', async () => {
    const adapter = new SocketAdapter({ socketUrl: `${location.origin}/socket/`, apiKey: tenant.apiKey });
    let joined = false;
    join(adapter, 'inbox', {}, { onJoin: () => (joined = true) });
    await waitUntil(() => joined, 'never joined');
    expect(recorder.sockets.map(({ url }) => url)).to.deep.equal([
      `ws://${location.host}/socket/websocket?vsn=2.0.0`,
    ]);
    expect(recorder.sockets[0]?.protocols).to.deep.equal(['phoenix', tokenProtocol(tenant.apiKey)]);
  });

  it('shares one channel among the subscribers of a topic', async () => {
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    const first: unknown[] = [];
    const second: unknown[] = [];
    let secondJoined = false;
    const firstSubscription = adapter.join('inbox', { 'channel:status': (payload) => first.push(payload) });
    join(
      adapter,
      'inbox',
      { 'channel:status': (payload) => second.push(payload) },
      { onJoin: () => (secondJoined = true) },
    );
    await waitUntil(() => secondJoined, 'never joined');

    const channel = await tenant.addChannel({ type: 'whatsapp' });
    await waitUntil(() => first.length === 1 && second.length === 1, 'the event did not reach both');
    expect(second[0]).to.deep.equal({ channel });
    expect(framesOf(recorder.sockets, 'inbox', 'phx_join')).to.have.length(1);

    firstSubscription.leave();
    expect(adapter.state.get()).to.equal('open');
    await tenant.addChannel({ type: 'telegram' });
    await waitUntil(() => second.length === 2, 'the remaining subscriber lost its events');
    expect(first).to.have.length(1);
    expect(framesOf(recorder.sockets, 'inbox', 'phx_leave')).to.have.length(0);
  });

  it('tells a subscriber that comes after the join that it is joined', async () => {
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    let firstJoined = false;
    let lateJoins = 0;
    join(adapter, 'inbox', {}, { onJoin: () => (firstJoined = true) });
    await waitUntil(() => firstJoined, 'never joined');
    join(adapter, 'inbox', {}, { onJoin: () => (lateJoins += 1) });
    await waitUntil(() => lateJoins === 1, 'the late subscriber was not told');
  });

  it('reconnects after the server drops the socket, and calls onJoin after the rejoin', async () => {
    // The sandbox closes a socket that sent nothing for socketIdleMs; phoenix's heartbeat is 30 s.
    await tenant.scenario({ timings: { socketIdleMs: 1000 } });
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    const states = recordStates(adapter);
    const events: unknown[] = [];
    let joins = 0;
    join(
      adapter,
      'inbox',
      { 'channel:status': (payload) => events.push(payload) },
      { onJoin: () => (joins += 1) },
    );
    await waitUntil(() => joins === 2, 'never rejoined', { timeout: 15_000 });
    expect(states.slice(0, 4)).to.deep.equal(['connecting', 'open', 'reconnecting', 'open']);
    expect(recorder.sockets).to.have.length(2);

    const channel = await tenant.addChannel({ type: 'instagram' });
    await waitUntil(() => events.length === 1, 'no event after the rejoin');
    expect(events[0]).to.deep.equal({ channel });
  });

  it('keeps the connection with a heartbeat shorter than the server idle timeout', async function () {
    this.timeout(40_000);
    await tenant.scenario({ timings: { socketIdleMs: 3000 } });
    // phoenix itself drops a connection whose heartbeat is not answered within one interval, so the
    // interval leaves a busy machine a whole second for the round trip.
    const adapter = new SocketAdapter({
      socketUrl: '/socket',
      apiKey: tenant.apiKey,
      heartbeatIntervalMs: 1000,
    });
    const states = recordStates(adapter);
    let joined = false;
    join(adapter, 'inbox', {}, { onJoin: () => (joined = true) });
    await waitUntil(() => joined, 'never joined');
    // Ten heartbeats span at least three idle timeouts.
    await waitUntil(
      () => framesOf(recorder.sockets, 'phoenix', 'heartbeat').length >= 10,
      'too few heartbeats',
      { timeout: 30_000 },
    );
    expect(states).to.deep.equal(['connecting', 'open']);
    expect(recorder.sockets).to.have.length(1);
  });

  it('makes no socket, and so adds no page listener, when everyone leaves while phoenix loads', async () => {
    const pageListeners: string[] = [];
    const addEventListener = window.addEventListener.bind(window);
    window.addEventListener = ((
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) => {
      pageListeners.push(type);
      addEventListener(type, listener, options);
    }) as typeof window.addEventListener;
    try {
      const leftEarly = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
      leftEarly.join('inbox', {}).leave();
      const staying = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
      let joined = false;
      join(staying, 'inbox', {}, { onJoin: () => (joined = true) });
      await waitUntil(() => joined, 'never joined');
      expect(pageListeners.filter((type) => type === 'pagehide')).to.have.length(1);
      expect(leftEarly.state.get()).to.equal('idle');
    } finally {
      window.addEventListener = addEventListener;
    }
  });

  it('push resolves with the reply, and rejects with the error reply response', async () => {
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    const states: unknown[] = [];
    const room = join(adapter, 'room:v1:telegram:auth', { auth_state: (payload) => states.push(payload) });
    // Pushed before the socket is even loaded: it waits for the join.
    let refusal: unknown;
    await room.push('send_phone', { phone: 'not a phone' }).catch((error: unknown) => (refusal = error));
    expect(refusal).to.deep.equal({
      meta: { code: 422, errors: { base: ['invalid phone'] }, status: 'failed', status_id: null },
    });

    expect(await room.push('send_phone', { phone: '+966500000000' })).to.deep.equal({});
    await waitUntil(() => states.some((state) => (state as { status?: string }).status === 'wait_code'));
    expect(states[0]).to.deep.equal({ status: 'wait_phone' });
  });

  it('push after leave rejects', async () => {
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    const room = adapter.join('room:v1:telegram:auth', {});
    room.leave();
    let failure: unknown;
    await room.push('reset', {}).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(Error);
  });

  it("streams the WhatsApp auth room's QR codes", async () => {
    const backend = createContractBackend({ baseUrl: '', apiKey: tenant.apiKey });
    const { account_id: accountId, qr_code: qrCode } = await backend.connectQr('whatsapp');
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    const states: unknown[] = [];
    join(adapter, `room:v1:whats_app:auth:${accountId}`, { auth_state: (payload) => states.push(payload) });
    await waitUntil(() => states.length >= 2, 'no stream of auth_state');
    expect(states[0]).to.deep.equal({ auth: false, qr_code: qrCode });
  });

  it('passes a refused join to onError', async () => {
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    let reason: unknown;
    join(adapter, 'room:v1:whats_app:auth:wa_not_mine', {}, { onError: (error) => (reason = error) });
    await waitUntil(() => reason !== undefined, 'the refusal was not reported');
    expect(reason).to.deep.equal({ reason: 'unauthorized' });
  });

  describe('with getToken', () => {
    it('connects with the token it got', async () => {
      const token = await tenant.mintToken();
      let calls = 0;
      const adapter = new SocketAdapter({
        socketUrl: '/socket',
        getToken: () => {
          calls += 1;
          return Promise.resolve(token);
        },
      });
      const events: unknown[] = [];
      let joined = false;
      join(
        adapter,
        'inbox',
        { 'channel:status': (payload) => events.push(payload) },
        { onJoin: () => (joined = true) },
      );
      await waitUntil(() => joined, 'never joined');
      await tenant.addChannel({ type: 'telegram' });
      await waitUntil(() => events.length === 1, "the tenant's event did not arrive");
      expect(recorder.sockets[0]?.url).not.to.contain(token);
      expect(recorder.sockets[0]?.protocols).to.include(tokenProtocol(token));
      expect(calls).to.equal(1);
    });

    it('replaces a refused token before reconnecting, with one getToken() per token', async () => {
      const token = await tenant.mintToken();
      const handedOut = ['sbx_refused', token];
      let calls = 0;
      const adapter = new SocketAdapter({
        socketUrl: '/socket',
        getToken: async () => {
          calls += 1;
          await delay(50);
          return handedOut[calls - 1] ?? 'sbx_too_many_calls';
        },
      });
      const states = recordStates(adapter);
      let joined = false;
      join(adapter, 'inbox', {}, { onJoin: () => (joined = true) });
      await waitUntil(() => joined, 'never joined', { timeout: 5000 });
      expect(calls).to.equal(2);
      expect(states).to.include('reconnecting');
      expect(recorder.sockets[0]?.protocols).to.include(tokenProtocol('sbx_refused'));
      expect(recorder.sockets.at(-1)?.protocols).to.include(tokenProtocol(token));
    });

    it('is closed when no token can be had, and tries again on the next join', async () => {
      let calls = 0;
      const adapter = new SocketAdapter({
        socketUrl: '/socket',
        getToken: () => {
          calls += 1;
          return calls === 1 ? Promise.reject(new Error('signed out')) : tenant.mintToken();
        },
      });
      let failure: unknown;
      join(adapter, 'inbox', {}, { onError: (error) => (failure = error) });
      await waitUntil(() => failure !== undefined, 'the failure was not reported');
      expect(failure).to.be.instanceOf(Error);
      expect(adapter.state.get()).to.equal('closed');
      expect(recorder.sockets).to.have.length(0);

      let joined = false;
      join(adapter, 'inbox', {}, { onJoin: () => (joined = true) });
      await waitUntil(() => joined, 'never joined on the second try');
      expect(adapter.state.get()).to.equal('open');
    });
  });
});

describe('toSocketEndpoint', () => {
  it('resolves a path against the page and turns http(s) into ws(s)', () => {
    expect(toSocketEndpoint('/socket')).to.equal(`ws://${location.host}/socket`);
    expect(toSocketEndpoint('http://chat.example.com/socket/')).to.equal('ws://chat.example.com/socket');
    expect(toSocketEndpoint('https://chat.example.com/socket')).to.equal('wss://chat.example.com/socket');
    expect(toSocketEndpoint('wss://chat.example.com/socket')).to.equal('wss://chat.example.com/socket');
  });
});

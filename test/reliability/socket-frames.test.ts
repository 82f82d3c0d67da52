import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/index.js';
import type { DataSkippedDetail } from '../../src/events/index.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import fc from 'fast-check';
import { SocketAdapter, type TopicSubscription } from '../../src/realtime/socket-adapter.js';
import { readFrame } from '../../src/realtime/frame-decoder.js';
import { messageOfFrame } from '../../src/realtime/inbox-frames.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import { UncaughtErrors, recordConsole } from './uncaught.js';

/** The page's WebSockets, so a test can hand the client frames the server never sent. */
function captureWebSockets(): { sockets: WebSocket[]; restore(): void } {
  const RealWebSocket = window.WebSocket;
  const sockets: WebSocket[] = [];
  window.WebSocket = class extends RealWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  };
  return { sockets, restore: () => (window.WebSocket = RealWebSocket) };
}

const GARBAGE: unknown[] = [
  'not json',
  '{"topic":"inbox"}',
  '[null,null,"inbox","message:new",null]',
  '[null,null,"inbox","message:new","text"]',
  '[null,null,42,"message:new",{}]',
  '[1,2,"inbox","message:new",{}]',
  '',
  '[',
  new Uint8Array([0, 1, 2, 255]).buffer,
];

describe('socket frames the client cannot read', () => {
  const tenant = new SandboxTenant();
  const uncaught = new UncaughtErrors();
  let capture: ReturnType<typeof captureWebSockets>;
  let warnings: ReturnType<typeof recordConsole>;
  let subscription: TopicSubscription | undefined;

  beforeEach(async () => {
    await tenant.reset();
    uncaught.start();
    capture = captureWebSockets();
    warnings = recordConsole('warn');
  });

  afterEach(() => {
    subscription?.leave();
    capture.restore();
    warnings.restore();
    uncaught.stop();
  });

  it('are reported and dropped; the connection goes on and the next real frame arrives', async () => {
    const conversation = await tenant.createConversation({ messages: 1 });
    const adapter = new SocketAdapter({ socketUrl: tenant.socketUrl, apiKey: tenant.apiKey });
    const received: unknown[] = [];
    let joins = 0;
    subscription = adapter.join(
      'inbox',
      { 'message:new': (payload) => received.push(messageOfFrame(payload)) },
      { onJoin: () => (joins += 1) },
    );
    await waitUntil(() => joins === 1, 'joined inbox', { timeout: 8000 });
    const [socket] = capture.sockets;
    for (const data of GARBAGE) socket.dispatchEvent(new MessageEvent('message', { data }));
    // One task for what the handlers left queued; anything thrown later is caught after the real frame below.
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(uncaught.seen).to.deep.equal([]);
    expect(warnings.lines.filter((line) => line.includes('skipped a frame'))).to.have.length(GARBAGE.length);
    expect(adapter.state.get()).to.equal('open');
    expect(received, 'nothing reached the handlers').to.deep.equal([]);

    const message = await tenant.incoming(conversation.id, { text: 'after the garbage' });
    await waitUntil(() => received.length > 0, 'the real frame arrived', { timeout: 8000 });
    expect(received).to.deep.equal([message]);
    expect(joins, 'no rejoin: the connection never dropped').to.equal(1);
    expect(uncaught.seen, 'nothing thrown later either').to.deep.equal([]);
    expect(uncaught.seen).to.deep.equal([]);
  });

  it('a frame whose record lacks the contract shape is reported once by the element that received it', async () => {
    const linked = await tenant.addChannel({ type: 'whatsapp', username: '+966500000002' });
    await tenant.control('DELETE', 'requests');
    const el = await fixture<AccountsList>(
      html`<accounts-list
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        socket-url=${tenant.socketUrl}
      ></accounts-list>`,
    );
    const badge = () =>
      el.shadowRoot!.querySelector(`[part="account"][data-id="${linked.id}"] [part="badge"]`)?.textContent ??
      '';
    await waitUntil(() => badge().includes('Healthy'), 'the account shows', { timeout: 8000 });
    // Joined once the list is asked again after the join; the change is made once that answer is in, so
    // only the socket can bring it.
    await waitUntil(async () => {
      const lists = (await tenant.requests()).filter((call) => call.path === '/api/v1/channels');
      return lists.length >= 2 && lists.every((call) => call.status !== null);
    }, 'the list was not asked again after the join');
    await tenant.control('PATCH', `channels/${linked.id}`, { sync_status: 'ERROR' });
    await waitUntil(() => badge().includes('Error'), 'the socket is joined and live', { timeout: 8000 });

    const skipped: DataSkippedDetail[] = [];
    el.addEventListener('inbox-data-skipped', (event) => skipped.push(event.detail));
    const bad = JSON.stringify([null, null, 'inbox', 'channel:status', { channel: { id: 77, type: 'fax' } }]);
    for (const socket of capture.sockets) {
      socket.dispatchEvent(new MessageEvent('message', { data: bad }));
      socket.dispatchEvent(new MessageEvent('message', { data: bad }));
    }
    expect(skipped).to.have.length(1);
    expect(skipped[0]).to.include({ kind: 'channel', id: '77' });
    expect(el.shadowRoot!.querySelector('[part="account"][data-id="77"]')).to.equal(null);
    expect(uncaught.seen).to.deep.equal([]);
  });

  it('readFrame never throws, and keeps only well-formed frames, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.anything().map((value) => JSON.stringify(value)),
        ),
        (raw) => {
          const frame = readFrame(raw);
          if (typeof frame === 'string') return;
          expect(frame.topic).to.be.a('string');
          expect(frame.event).to.be.a('string');
          expect(frame.payload).to.be.an('object').and.not.equal(null);
        },
      ),
      { numRuns: 500 },
    );
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/elements/accounts-list/accounts-list.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import { SandboxTenant, fastTimings } from '../helpers/sandbox.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { WIDE, open, rowsWith, shadow } from '../helpers/conversation-view.js';

/** Where web-test-runner mounts inbox-elements-server (server/test/wtr-server-plugin.ts). */
const SERVER = `${location.origin}/inbox-server`;

interface RecordedSocket {
  url: string;
  protocols: string[];
}

/** The WebSockets the page opens from now on, with the URL and subprotocols it asked for. */
function recordWebSockets(): { sockets: RecordedSocket[]; restore: () => void } {
  const sockets: RecordedSocket[] = [];
  const RealWebSocket = window.WebSocket;
  window.WebSocket = class RecordingWebSocket extends RealWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push({ url: String(url), protocols: protocols === undefined ? [] : [protocols].flat() });
    }
  };
  return { sockets, restore: () => (window.WebSocket = RealWebSocket) };
}

describe('elements → inbox-elements-server → sandbox', () => {
  let tenant: SandboxTenant;
  let tokenCalls: number;
  let recorder: ReturnType<typeof recordWebSockets>;

  /** The host's getToken: its own backend session (here a header) exchanged for a server session token. */
  const getToken = async () => {
    tokenCalls += 1;
    const response = await fetch(`${SERVER}/inbox/session`, {
      method: 'POST',
      headers: { 'X-Inbox-Customer': tenant.apiKey },
    });
    const body = (await response.json()) as { data: { token: string } };
    return body.data.token;
  };

  before(async function () {
    // The server and its embedded database start with the first request to them.
    this.timeout(60_000);
    await fetch(`${SERVER}/inbox/session`, { method: 'POST' });
  });

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    tokenCalls = 0;
    recorder = recordWebSockets();
  });

  afterEach(() => recorder.restore());

  it('<accounts-list> shows the customer’s accounts through a session token', async () => {
    const channel = await tenant.addChannel({ type: 'whatsapp', username: '+966500000009' });
    const el = await fixture<AccountsList>(
      html`<accounts-list base-url=${SERVER} .getToken=${getToken}></accounts-list>`,
    );
    await waitUntil(
      () => shadow(el).querySelector(`[data-id="${channel.id}"]`),
      'the account was not listed',
      {
        timeout: 10000,
      },
    );
    expect(shadow(el).querySelector(`[data-id="${channel.id}"]`)!.textContent).to.contain('+966500000009');
    expect(tokenCalls).to.equal(1);
    const upstream = await tenant.requests();
    expect(upstream.map(({ method, path }) => `${method} ${path}`)).to.include('GET /api/v1/channels');
  });

  it('<conversation-view> reads history and gets live messages over the server’s socket, token not in the URL', async () => {
    const conversation = await tenant.createConversation({ messages: 6, contact: { name: 'Nadia Server' } });
    const el = await fixture<ConversationView>(
      html`<conversation-view
        base-url=${SERVER}
        socket-url=${`${SERVER.replace(/^http/, 'ws')}/socket`}
        style=${WIDE}
        .getToken=${getToken}
        .pollInterval=${600_000}
      ></conversation-view>`,
    );
    await open(el, conversation.id);
    await tenant.incoming(conversation.id, { text: 'Live through the server' });
    await waitUntil(
      () => rowsWith(el, 'Live through the server').length === 1,
      'the live message did not arrive',
      {
        timeout: 10000,
      },
    );
    const [socket] = recorder.sockets.filter(({ url }) => url.includes('/inbox-server/'));
    expect(socket?.url).to.equal(`${SERVER.replace(/^http/, 'ws')}/socket/websocket?vsn=2.0.0`);
    expect(socket?.protocols[0]).to.equal('phoenix');
    expect(socket?.protocols[1]).to.match(/^base64url\.bearer\.phx\./);
  });

  it('refuses the elements without a session the host recognises', async () => {
    const refused = await fetch(`${SERVER}/inbox/session`, { method: 'POST' });
    expect(refused.status).to.equal(401);
    const direct = await fetch(`${SERVER}/api/v1/channels`, { headers: { 'X-Api-Key': tenant.apiKey } });
    expect(direct.status).to.equal(401);
  });
});

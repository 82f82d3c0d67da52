import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { SandboxTenant, fastTimings } from '../helpers/sandbox.js';

type Frame = [string | null, string | null, string, string, Record<string, unknown>];

/** A raw Phoenix socket joined to `inbox`, keeping every frame it hears. */
class InboxListener {
  readonly frames: Frame[] = [];
  closed = false;
  private readonly socket: WebSocket;

  constructor(tenant: SandboxTenant) {
    this.socket = new WebSocket(`${tenant.socketUrl}/websocket?token=${tenant.apiKey}&vsn=2.0.0`);
    this.socket.addEventListener('open', () =>
      this.socket.send(JSON.stringify(['1', '1', 'inbox', 'phx_join', {}])),
    );
    this.socket.addEventListener('message', (event) =>
      this.frames.push(JSON.parse(event.data as string) as Frame),
    );
    this.socket.addEventListener('close', () => {
      this.closed = true;
    });
  }

  async joined(): Promise<void> {
    await waitUntil(
      () => this.frames.some(([, ref, , event]) => ref === '1' && event === 'phx_reply'),
      'no join',
    );
  }

  events(name: string): Record<string, unknown>[] {
    return this.frames.filter(([, , , event]) => event === name).map(([, , , , payload]) => payload);
  }

  close(): void {
    this.socket.close();
  }
}

async function api<T>(tenant: SandboxTenant, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1/${path}`, {
    method,
    headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}`).to.be.lessThan(300);
  return response.status === 204 ? (undefined as T) : ((await response.json()) as { data: T }).data;
}

interface WireMessage {
  id: string;
  seq: number;
  text: string | null;
  status: string | null;
  deleted: boolean;
}

describe('sandbox: delivery controls for reliability tests', () => {
  let tenant: SandboxTenant;
  let listener: InboxListener | undefined;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => listener?.close());

  it('numbers messages by their place in the conversation, never reused', async () => {
    const conversation = await tenant.createConversation({ messages: 3 });
    const incoming = (await tenant.incoming(conversation.id, { text: 'fourth' })) as unknown as WireMessage;
    expect(incoming.seq).to.equal(4);
    const page = await api<{ items: WireMessage[] }>(
      tenant,
      'GET',
      `conversations/${conversation.id}/messages`,
    );
    expect(page.items.map((message) => message.seq)).to.deep.equal([1, 2, 3, 4]);
  });

  it('keeps the frames of an incoming message back with broadcast: false, and the list still has it', async () => {
    const conversation = await tenant.createConversation({ messages: 1 });
    listener = new InboxListener(tenant);
    await listener.joined();
    const silent = await tenant.incoming(conversation.id, { text: 'never broadcast', broadcast: false });
    await tenant.incoming(conversation.id, { text: 'broadcast' });
    await waitUntil(
      () => listener!.events('message:new').length === 1,
      'the second message was not broadcast',
    );
    const heard = listener.events('message:new').map((payload) => (payload['message'] as WireMessage).text);
    expect(heard).to.deep.equal(['broadcast']);
    const page = await api<{ items: WireMessage[] }>(
      tenant,
      'GET',
      `conversations/${conversation.id}/messages`,
    );
    expect(page.items.map((message) => message.id)).to.include(silent.id);
  });

  it('ends every socket of the tenant on /socket/drop', async () => {
    listener = new InboxListener(tenant);
    await listener.joined();
    const answer = await tenant.dropSockets();
    expect(answer.dropped).to.equal(1);
    await waitUntil(() => listener!.closed, 'the socket stayed open');
  });

  it('sends a held echo as the message was made, after the receipts and deletion made meanwhile', async () => {
    const conversation = await tenant.createConversation({ messages: 1 });
    await tenant.scenario({ echo_delay_ms: 1500 });
    listener = new InboxListener(tenant);
    await listener.joined();
    const sent = await api<WireMessage>(tenant, 'POST', `conversations/${conversation.id}/messages`, {
      text: 'held echo',
      external_id: crypto.randomUUID(),
    });
    await waitUntil(() =>
      listener!.events('message:status').some((report) => report['status'] === 'delivered'),
    );
    await api(tenant, 'DELETE', `messages/${sent.id}`);
    await waitUntil(() => listener!.events('message:new').length === 1, 'no echo', { timeout: 5000 });
    const order = listener.frames
      .map(([, , , event]) => event)
      .filter((event) => event.startsWith('message:'));
    expect(order.indexOf('message:deleted')).to.be.lessThan(order.indexOf('message:new'));
    const echo = listener.events('message:new')[0]['message'] as WireMessage;
    expect(echo).to.include({ id: sent.id, text: 'held echo', status: 'sent', deleted: false });
  });
});

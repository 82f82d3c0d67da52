import { expect } from '@open-wc/testing';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { Message, MessagePage } from '../../src/api/types.js';
import { servicesFor } from '../../src/config/services.js';
import { inboxFor } from '../../src/stores/inbox.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { delay, waitUntil } from '../helpers/async.js';
import { messageRows, mount, open, typeAndSend } from '../helpers/conversation-view.js';

const BURST = 1000;
const OWN = 50;
const HISTORY = 10;
const SEED = 13;

/** mulberry32: the same seed kills the socket at the same moments on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every message of the conversation on the server, oldest first. */
async function allServerMessages(tenant: SandboxTenant, conversationId: string): Promise<Message[]> {
  const messages: Message[] = [];
  let before: string | undefined;
  for (;;) {
    const query = before === undefined ? '' : `&before=${before}`;
    const response = await fetch(`/api/v1/conversations/${conversationId}/messages?limit=100${query}`, {
      headers: { 'X-Api-Key': tenant.apiKey },
    });
    const page = ((await response.json()) as { data: MessagePage }).data;
    messages.unshift(...page.items);
    if (!page.has_more || page.items.length === 0) return messages;
    before = page.items[0].id;
  }
}

function counts(lines: readonly (string | null)[]): Map<string | null, number> {
  const seen = new Map<string | null, number>();
  for (const line of lines) seen.set(line, (seen.get(line) ?? 0) + 1);
  return seen;
}

describe('<conversation-view> chaos: the socket killed at random moments during a burst', () => {
  it(`shows ${BURST} incoming and ${OWN} own messages exactly once each, in server order, each stored once`, async function () {
    // A cap, not a wait: 1,060 messages through a socket killed again and again take seconds here and
    // minutes on a machine loaded many times over; every step below waits on its own condition.
    this.timeout(300_000);
    const tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    const conversation = await tenant.createConversation({ messages: HISTORY });
    const el = await mount(tenant, { socket: true });
    await open(el, conversation.id);
    const thread = inboxFor(
      servicesFor({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey, socketUrl: tenant.socketUrl })!,
    ).thread(conversation.id);
    const outbox = inboxFor(
      servicesFor({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey, socketUrl: tenant.socketUrl })!,
    ).outbox;

    let chaos = true;
    const random = seededRandom(SEED);
    let kills = 0;
    const killer = (async () => {
      while (chaos) {
        // The chaos schedule itself, not a wait for the element: seeded, so every run is the same.
        await delay(150 + Math.floor(random() * 600));
        if (chaos) kills += (await tenant.dropSockets()).dropped;
      }
    })();

    await tenant.control('POST', 'burst', {
      conversation_id: conversation.id,
      count: BURST,
      within_ms: 5000,
      text: 'Burst',
    });
    for (let index = 1; index <= OWN; index++) await typeAndSend(el, `Mine ${index}`);

    const total = HISTORY + BURST + OWN;
    await waitUntil(
      async () => (await allServerMessages(tenant, conversation.id)).length === total,
      'the server did not get every message',
      { timeout: 120_000, interval: 250 },
    );
    chaos = false;
    await killer;
    expect(kills, 'the socket was never killed').to.be.greaterThan(3);

    const server = await allServerMessages(tenant, conversation.id);
    const serverCounts = counts(server.map((message) => message.text));
    for (let index = 1; index <= BURST; index++)
      expect(serverCounts.get(`Burst ${index}`), `Burst ${index}`).to.equal(1);
    for (let index = 1; index <= OWN; index++)
      expect(serverCounts.get(`Mine ${index}`), `Mine ${index}`).to.equal(1);

    const serverIds = server.map((message) => message.id);
    await waitUntil(
      () =>
        outbox.entries.get().length === 0 &&
        thread.state
          .get()
          .messages.map((message) => message.id)
          .join() === serverIds.join(),
      'the thread did not come to hold exactly the server’s messages in its order',
      { timeout: 120_000, interval: 100 },
    );

    // What is on screen is the tail of that list, each row once, in the same order.
    await el.updateComplete;
    const shown = messageRows(el).map((row) => row.dataset.key!);
    expect(shown.length).to.be.greaterThan(0);
    expect(new Set(shown).size).to.equal(shown.length);
    expect(shown).to.deep.equal(serverIds.slice(serverIds.length - shown.length));
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { createStore, values } from 'idb-keyval';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { Conversation, Message, MessagePage } from '../../src/api/types.js';
import { signOut } from '../../src/config/sign-out.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { apiCalls, open, typeAndSend, WIDE } from '../helpers/conversation-view.js';

/** Everything the library keeps in IndexedDB, as one string to search. */
async function storedText(): Promise<string> {
  return JSON.stringify(await values(createStore('inbox-elements', 'outbox')));
}

/** A user of the host page: their own tenant, signed in with short-lived tokens. */
interface User {
  identity: string;
  tenant: SandboxTenant;
  conversation: Conversation;
}

async function user(identity: string): Promise<User> {
  const tenant = new SandboxTenant();
  await tenant.scenario({ timings: fastTimings });
  return { identity, tenant, conversation: await tenant.createConversation({ messages: 2 }) };
}

function mountAs({ identity, tenant }: User): Promise<ConversationView> {
  return fixture<ConversationView>(
    html`<conversation-view
      base-url=${tenant.baseUrl}
      identity=${identity}
      .getToken=${() => tenant.mintToken()}
      style=${WIDE}
      .pollInterval=${60_000}
    ></conversation-view>`,
  );
}

async function serverTexts({ tenant, conversation }: User): Promise<(string | null)[]> {
  const response = await fetch(`/api/v1/conversations/${conversation.id}/messages?limit=100`, {
    headers: { 'X-Api-Key': tenant.apiKey },
  });
  return ((await response.json()) as { data: MessagePage }).data.items.map(
    (message: Message) => message.text,
  );
}

/** The user writes while the network drops every send: the message stays unsent, kept on this browser. */
async function writeOffline(writer: User, line: string): Promise<ConversationView> {
  const path = `/api/v1/conversations/${writer.conversation.id}/messages`;
  await writer.tenant.scenario({ failures: [{ method: 'POST', path, drop: true, times: -1 }] });
  const el = await mountAs(writer);
  await open(el, writer.conversation.id);
  await typeAndSend(el, line);
  await waitUntil(async () => (await apiCalls(writer.tenant, 'POST', path)).length > 0, 'nothing was tried');
  await waitUntil(async () => (await storedText()).includes(line), 'the unsent message was not kept');
  return el;
}

/** The user sends a message and it reaches their server; an earlier unsent one would have gone first. */
async function sendOnline(sender: User, line: string): Promise<void> {
  const el = await mountAs(sender);
  await open(el, sender.conversation.id);
  await typeAndSend(el, line);
  await waitUntil(
    async () => (await serverTexts(sender)).includes(line),
    `"${line}" never reached the server`,
    {
      timeout: 8000,
    },
  );
}

describe('<conversation-view> several users on one browser', () => {
  afterEach(() => signOut());

  it("never sends one user's unsent message under another's token, and keeps it for its writer", async () => {
    const alice = await user('alice@example.com');
    const bob = await user('bob@example.com');
    const aliceView = await writeOffline(alice, 'From Alice, offline');
    aliceView.remove();

    await sendOnline(bob, 'From Bob');
    const bobPosts = await apiCalls(bob.tenant, 'POST');
    expect(bobPosts.map((request) => request.path).join(' ')).not.to.include(alice.conversation.id);
    expect(JSON.stringify(bobPosts)).not.to.include('From Alice');

    await alice.tenant.scenario({ failures: [] });
    const aliceAgain = await mountAs(alice);
    await waitUntil(
      async () => (await serverTexts(alice)).includes('From Alice, offline'),
      "Alice's message was lost",
      { timeout: 8000 },
    );
    expect((await serverTexts(alice)).filter((line) => line === 'From Alice, offline')).to.have.length(1);
    aliceAgain.remove();
  });

  it('signOut() removes every unsent message from IndexedDB and from memory', async () => {
    const alice = await user('alice@example.com');
    const aliceView = await writeOffline(alice, 'Written before sign-out');
    await signOut();
    expect(await storedText()).to.equal('[]');
    aliceView.remove();

    await alice.tenant.scenario({ failures: [] });
    await sendOnline(alice, 'Written after sign-in');
    expect(await serverTexts(alice)).not.to.include('Written before sign-out');
    expect(await storedText()).not.to.include('Written before sign-out');
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import type { Conversation, Message } from '../../src/api/types.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  apiCalls,
  focusedIn,
  mount,
  open,
  rowsWith,
  rowWith,
  text,
  WIDE,
} from '../helpers/conversation-view.js';

function reactButton(row: HTMLElement): HTMLButtonElement | null {
  return row.querySelector<HTMLButtonElement>(`button[aria-label="${en.messageReact}"]`);
}

function reactionsOf(row: HTMLElement): string[] {
  return [...row.querySelectorAll('[part="reactions"] > *')].map(
    (chip) => chip.getAttribute('aria-label') ?? '',
  );
}

function reactionsPath(conversation: Conversation, message: Message): string {
  return `/api/v1/conversations/${conversation.id}/messages/${message.id}/reactions`;
}

describe('<conversation-view> reactions', () => {
  let tenant: SandboxTenant;
  let conversation: Conversation;
  let message: Message;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    conversation = await tenant.createConversation({ messages: 2 });
    message = await tenant.incoming(conversation.id, { text: 'Shall we meet at ten?' });
  });

  it('a quick reaction goes to the server and shows under the bubble; pressing it again takes it back', async () => {
    const el = await mount(tenant);
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, 'Shall we meet').length === 1, 'the message is not shown');
    const row = () => rowWith(el, 'Shall we meet');
    const button = reactButton(row())!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => focusedIn(el)?.getAttribute('aria-label') === en.reactWith('👍'),
      'the quick reactions did not open with the focus on the first',
    );
    expect(reactButton(row())!.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => reactionsOf(row()).length === 1, 'the reaction is not shown');
    expect(reactionsOf(row())).to.deep.equal([en.reactionLabel('❤️', 1, true)]);
    const calls = await apiCalls(tenant, 'POST', reactionsPath(conversation, message));
    expect(calls.map((call) => call.body)).to.deep.equal([{ emoji: '❤️' }]);
    const chip = row().querySelector<HTMLButtonElement>('[part="reactions"] button')!;
    expect(chip.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();

    chip.click();
    await waitUntil(() => reactionsOf(row()).length === 0, 'the reaction was not taken back');
    expect((await apiCalls(tenant, 'POST', reactionsPath(conversation, message))).at(-1)!.body).to.deep.equal(
      {
        emoji: '',
      },
    );
  });

  it("shows the contact's reaction as the socket reports it, and Escape closes the quick reactions", async () => {
    const el = await mount(tenant, { socket: true });
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, 'Shall we meet').length === 1, 'the message is not shown');
    const row = () => rowWith(el, 'Shall we meet');
    // The socket is joined once a message sent now arrives through it.
    await tenant.incoming(conversation.id, { text: 'socket marker' });
    await waitUntil(() => rowsWith(el, 'socket marker').length === 1, 'the socket did not deliver');
    await tenant.control('POST', 'react', { message_id: message.id, emoji: '😂' });
    await waitUntil(() => reactionsOf(row()).length === 1, "the contact's reaction did not arrive");
    expect(reactionsOf(row())).to.deep.equal([en.reactionLabel('😂', 1, false)]);

    reactButton(row())!.click();
    await waitUntil(() => focusedIn(el)?.getAttribute('aria-label') === en.reactWith('👍'), 'not opened');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focusedIn(el) === reactButton(row()), 'Escape did not go back to React');
    expect(reactButton(row())!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('a backend without reactions (501) says so once and stops offering them', async () => {
    await tenant.scenario({
      failures: [
        {
          method: 'POST',
          path: reactionsPath(conversation, message),
          status: 501,
          body: { success: false, message: 'Reactions are not supported.' },
          times: -1,
        },
      ],
    });
    const el = await mount(tenant);
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, 'Shall we meet').length === 1, 'the message is not shown');
    const row = () => rowWith(el, 'Shall we meet');
    reactButton(row())!.click();
    await waitUntil(() => row().querySelector('.quick-reactions button'), 'not opened');
    row().querySelector<HTMLButtonElement>('.quick-reactions button')!.click();
    await waitUntil(() => text(row().querySelector('[role="alert"]')) === en.reactionsUnsupported, 'no note');
    expect(reactButton(row())).to.equal(null);
    expect(reactionsOf(row())).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('a refused reaction (500) is explained under the message, and the offer stays', async () => {
    await tenant.scenario({
      failures: [{ method: 'POST', path: reactionsPath(conversation, message), status: 500, times: 1 }],
    });
    const el = await mount(tenant);
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, 'Shall we meet').length === 1, 'the message is not shown');
    const row = () => rowWith(el, 'Shall we meet');
    reactButton(row())!.click();
    await waitUntil(() => row().querySelector('.quick-reactions button'), 'not opened');
    row().querySelector<HTMLButtonElement>('.quick-reactions button')!.click();
    await waitUntil(
      () => text(row().querySelector('[role="alert"]')) === en.reactionFailed(en.errorServer),
      'no note',
    );
    expect(reactButton(row())).not.to.equal(null);
  });

  it('a host backend without reactToMessage offers none', async () => {
    const { reactToMessage, ...backend } = createContractBackend({
      baseUrl: tenant.baseUrl,
      apiKey: tenant.apiKey,
    });
    expect(reactToMessage).to.be.a('function');
    const el = await fixture<ConversationView>(
      html`<conversation-view .backend=${backend} style=${WIDE} .pollInterval=${60_000}></conversation-view>`,
    );
    await open(el, conversation.id);
    await waitUntil(() => rowsWith(el, 'Shall we meet').length === 1, 'the message is not shown');
    expect(reactButton(rowWith(el, 'Shall we meet'))).to.equal(null);
  });
});

import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type {
  ConversationView,
  QuickReply,
} from '../../src/elements/conversation-view/conversation-view.component.js';
import type { Conversation } from '../../src/api/types.js';
import { en } from '../../src/i18n/en.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  apiCalls,
  messagesPath,
  mount,
  open,
  rowsWith,
  shadow,
  text,
  textarea,
} from '../helpers/conversation-view.js';

const REPLIES: QuickReply[] = [
  { id: 'hours', title: 'Opening hours', text: 'We are open 9 to 5, Sunday to Thursday.' },
  { id: 'thanks', title: 'Thanks', text: 'Thank you for writing to us!' },
  { id: 'refund', title: 'Refunds', text: 'Refunds reach your card within 5 working days.' },
];

function listbox(el: ConversationView): HTMLElement | null {
  return shadow(el).querySelector('[role="listbox"]');
}

function options(el: ConversationView): string[] {
  return [...shadow(el).querySelectorAll('[role="option"]')].map((option) =>
    text(option.querySelector('bdi')),
  );
}

/** The option the text field points at with aria-activedescendant, by its title. */
function activeOption(el: ConversationView): string | null {
  const id = textarea(el).getAttribute('aria-activedescendant');
  const option = id ? shadow(el).getElementById(id) : null;
  if (option && option.getAttribute('aria-selected') !== 'true')
    throw new Error('active option not selected');
  return option ? text(option.querySelector('bdi')) : null;
}

describe('<conversation-view> quick replies', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    localStorage.clear();
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => localStorage.clear());

  let conversation: Conversation;

  async function mountOpen(replies: QuickReply[] = REPLIES): Promise<ConversationView> {
    conversation = await tenant.createConversation({ messages: 2 });
    const el = await mount(tenant);
    el.quickReplies = replies;
    await open(el, conversation.id);
    textarea(el).focus();
    return el;
  }

  it('"/" opens the saved replies, typing filters them, arrows move and Enter inserts the text', async () => {
    const el = await mountOpen();
    await sendKeys({ type: '/' });
    await waitUntil(() => listbox(el), 'the saved replies did not open');
    expect(options(el)).to.deep.equal(['Opening hours', 'Thanks', 'Refunds']);
    expect(textarea(el).getAttribute('aria-controls')).to.equal(listbox(el)!.id);
    expect(activeOption(el)).to.equal('Opening hours');
    await expect(el).to.be.accessible();

    await sendKeys({ type: 're' });
    // "Refunds" starts with it; "Opening hours" holds it in its text ("we are").
    await waitUntil(() => options(el).length === 2, 'the list did not filter');
    expect(options(el)).to.deep.equal(['Refunds', 'Opening hours']);
    expect(activeOption(el)).to.equal('Refunds');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => activeOption(el) === 'Opening hours', 'ArrowDown did not move');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => activeOption(el) === 'Refunds', 'ArrowDown did not wrap to the first');
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => activeOption(el) === 'Opening hours', 'ArrowUp did not wrap to the last');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !listbox(el), 'the list stayed open');
    expect(textarea(el).value).to.equal('We are open 9 to 5, Sunday to Thursday.');
    expect(textarea(el).selectionStart).to.equal(textarea(el).value.length);
    expect(textarea(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(shadow(el).activeElement).to.equal(textarea(el));

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, 'We are open 9 to 5').length === 1, 'the inserted reply was not sent');
  });

  it('a click inserts a reply, and the draft keeps it', async () => {
    const el = await mountOpen();
    await sendKeys({ type: '/ref' });
    await waitUntil(() => options(el).length === 1, 'the list did not filter to one');
    shadow(el).querySelector<HTMLElement>('[role="option"]')!.click();
    await waitUntil(() => textarea(el).value.startsWith('Refunds reach'), 'the click did not insert');
    expect(JSON.stringify(localStorage)).to.contain('Refunds reach your card');
  });

  it('says when nothing matches, and Enter then sends what was typed', async () => {
    const el = await mountOpen();
    await sendKeys({ type: '/zzz' });
    await waitUntil(
      () =>
        text(shadow(el).querySelector('[part="composer"] [role="status"]')) === en.quickRepliesNone('zzz'),
      'no "nothing found" note',
    );
    expect(listbox(el)).to.equal(null);
    expect(textarea(el).hasAttribute('aria-controls')).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, '/zzz').length === 1, 'the typed text was not sent');
  });

  it('Escape closes the list until the text changes; "/" later in the text does not open it', async () => {
    const el = await mountOpen();
    await sendKeys({ type: '/' });
    await waitUntil(() => listbox(el), 'the saved replies did not open');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !listbox(el), 'Escape did not close');
    await sendKeys({ type: 't' });
    await waitUntil(() => options(el)[0] === 'Thanks', 'typing on did not reopen');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'a /' });
    await waitUntil(() => textarea(el).value === 'a /', 'not typed');
    expect(listbox(el)).to.equal(null);
  });

  it('without saved replies "/" is only a character', async () => {
    const el = await mountOpen([]);
    await sendKeys({ type: '/' });
    await waitUntil(() => textarea(el).value === '/', 'not typed');
    expect(listbox(el)).to.equal(null);
    expect(shadow(el).querySelector('[part="composer"] [role="status"]')).to.equal(null);
    expect(textarea(el).hasAttribute('aria-autocomplete')).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      async () => (await apiCalls(tenant, 'POST', messagesPath(conversation))).length === 1,
      'the slash was not sent',
    );
  });
});

import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  conversationButton,
  messageRows,
  mount,
  NARROW,
  open,
  scroller,
  shadow,
  text,
} from '../helpers/conversation-view.js';

/** `length` Arabic letters without a space: the costliest text to lay out that a contact can send. */
function unbrokenArabic(length: number): string {
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  let seed = 7;
  let result = '';
  for (let index = 0; index < length; index++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    result += letters[seed % letters.length];
  }
  return result;
}

function rowStartingWith(el: ConversationView, start: string): HTMLElement | undefined {
  return messageRows(el).find((row) => text(row.querySelector('.text')).startsWith(start));
}

function showMore(row: HTMLElement): HTMLButtonElement | null {
  return row.querySelector<HTMLButtonElement>('button.show-more');
}

/** The host page scrolls sideways when anything of the element pokes out of it. */
function pageOverflowsSideways(): boolean {
  return document.documentElement.scrollWidth > document.documentElement.clientWidth;
}

describe('<conversation-view> very long text and names', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('shows a 65,536-character message without spaces collapsed, broken inside its bubble, with Show more', async () => {
    const long = unbrokenArabic(65_536);
    const conversation = await tenant.createConversation({ messages: 2 });
    await tenant.incoming(conversation.id, { text: long });
    const el = await mount(tenant);
    const preview = () =>
      text(conversationButton(el, conversation.id)?.querySelector('.conversation-preview'));
    await waitUntil(() => preview() !== '', 'the conversation was not listed');
    expect(preview().length).to.be.below(300);

    await open(el, conversation.id);
    const start = long.slice(0, 40);
    await waitUntil(() => rowStartingWith(el, start), 'the long message was not shown', { timeout: 5000 });
    const row = rowStartingWith(el, start)!;
    const shownText = () => text(row.querySelector('.text')).replace(en.messageShowMore, '');
    expect(shownText().length).to.be.below(2_000);
    expect(long.startsWith(shownText().trim().replace(/…$/, ''))).to.equal(true);
    const bubble = row.querySelector<HTMLElement>('.bubble')!;
    expect(bubble.scrollWidth).to.be.at.most(bubble.clientWidth + 1);
    expect(scroller(el).scrollWidth).to.be.at.most(scroller(el).clientWidth + 1);

    await expect(el).to.be.accessible();

    const before = shownText().length;
    showMore(row)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shownText().length > before, 'Show more showed nothing more');
    expect(shownText().length).to.be.below(4_000);
  });

  it('renders a 100,000-character message at once', async () => {
    const long = unbrokenArabic(100_000);
    const conversation = await tenant.createConversation({ messages: 2 });
    await tenant.incoming(conversation.id, { text: long });
    const el = await mount(tenant);
    await open(el, conversation.id);
    await waitUntil(() => rowStartingWith(el, long.slice(0, 40)), 'the message never rendered', {
      timeout: 5000,
    });
    expect(showMore(rowStartingWith(el, long.slice(0, 40))!)).not.to.equal(null);
  });

  it('keeps a 120-character contact name inside the element: the page does not scroll sideways', async () => {
    const name = 'Abdulrahman'.repeat(11).slice(0, 120);
    // Both panes, and one pane at a time; each narrower than the page, as a host lays it out.
    for (const style of ['--inbox-conversation-height: 500px; width: 700px', NARROW]) {
      const conversation = await tenant.createConversation({ contact: { name }, messages: 2 });
      const el = await mount(tenant, { style });
      await waitUntil(() => conversationButton(el, conversation.id), 'the conversation was not listed');
      expect(pageOverflowsSideways(), 'the list pokes out').to.equal(false);
      await open(el, conversation.id);
      expect(text(shadow(el).querySelector('.thread-title'))).to.include(name);
      expect(pageOverflowsSideways(), 'the thread pokes out').to.equal(false);
      el.remove();
    }
  });
});

import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  conversationButton,
  conversationButtons,
  listReady,
  mount,
  shadow,
} from '../helpers/conversation-view.js';

const MANY = 2000;

function items(el: ConversationView): HTMLLIElement[] {
  return [...shadow(el).querySelectorAll<HTMLLIElement>('.conversation-list > li')];
}

function pane(el: ConversationView): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('.conversations')!;
}

/** The list position (from 1) of the conversation in the middle of the pane, as assistive technology hears it. */
function positionInView(el: ConversationView): number | undefined {
  const box = pane(el).getBoundingClientRect();
  const middle = box.top + box.height / 2;
  const item = items(el).find((li) => {
    const rect = li.getBoundingClientRect();
    return rect.top <= middle && rect.bottom >= middle;
  });
  return item ? Number(item.getAttribute('aria-posinset')) : undefined;
}

describe('<conversation-view> a very long conversation list', () => {
  it(`keeps the DOM small with ${MANY} conversations, and scrolling shows the right ones`, async function () {
    this.timeout(60_000);
    const tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    const first = await tenant.createConversation({ messages: 1 });
    const el = await mount(tenant, { socket: true });
    await listReady(el);
    // The socket is joined once a contact's message shows as unread.
    await tenant.incoming(first.id, { text: 'are you there?' });
    await waitUntil(() => conversationButton(el, first.id)?.querySelector('[part="unread"]'), 'no socket');

    await tenant.control('POST', 'conversations/many', { count: MANY });
    await waitUntil(
      () => items(el)[0]?.getAttribute('aria-setsize') === String(MANY + 1),
      'the list did not learn of every conversation',
      { timeout: 20_000 },
    );
    expect(conversationButtons(el).length).to.be.below(100);
    expect(shadow(el).querySelectorAll('*').length).to.be.below(2500);
    await expect(el).to.be.accessible();

    const list = pane(el);
    list.scrollTop = list.scrollHeight;
    await waitUntil(
      () => items(el).at(-1)?.getAttribute('aria-posinset') === String(MANY + 1),
      'the end of the list was not shown',
    );
    const lastBox = items(el).at(-1)!.getBoundingClientRect();
    expect(lastBox.bottom).to.be.at.most(list.getBoundingClientRect().bottom + 1);
    expect(lastBox.top).to.be.at.least(list.getBoundingClientRect().top);

    list.scrollTop = (list.scrollHeight - list.clientHeight) / 2;
    await waitUntil(
      () => {
        const position = positionInView(el);
        return position !== undefined && Math.abs(position - MANY / 2) < MANY * 0.05;
      },
      `the middle of the list showed position ${positionInView(el)}`,
    );
    expect(conversationButtons(el).length).to.be.below(100);

    // Home and End reach the ends of the whole list from the keyboard.
    const focused = () => shadow(el).activeElement as HTMLElement | null;
    conversationButtons(el)[0].focus();
    await sendKeys({ press: 'End' });
    await waitUntil(
      () => focused()?.closest('li')?.getAttribute('aria-posinset') === String(MANY + 1),
      'End did not reach the last conversation',
    );
    await sendKeys({ press: 'Home' });
    await waitUntil(
      () => focused()?.closest('li')?.getAttribute('aria-posinset') === '1',
      'Home did not reach the first conversation',
    );
  });
});

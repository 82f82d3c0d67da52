/**
 * <conversation-view>'s thread opened at a search hit, against the sandbox, when answers come late or
 * not at all: an earlier hit's, an older page's or a newer page's slow answer never replaces the stretch
 * of history asked for after it, and a newer page or a further page of hits that fails says so where it
 * would have shown, with Try again, and nothing left spinning.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../helpers/async.js';
import '../helpers/lit-warnings.js';
import { trackPageFetches, type PageFetches } from '../helpers/page-fetches.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import {
  conversationButton,
  focusedIn,
  listReady,
  messageRows,
  messagesPath,
  mount,
  rowsWith,
  scroller,
  shadow,
  text,
} from '../helpers/conversation-view.js';
import type { Conversation, Message } from '../../src/api/types.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';

function hits(el: ConversationView): HTMLButtonElement[] {
  return [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="search-hit"]')];
}

function hitShowing(el: ConversationView, content: string): HTMLButtonElement {
  const found = hits(el).find((hit) => text(hit).includes(content));
  if (!found) throw new Error(`no hit shows "${content}"`);
  return found;
}

function hitsSection(el: ConversationView): HTMLElement | null {
  return shadow(el).querySelector<HTMLElement>('section[aria-labelledby="hits-heading"]');
}

async function search(el: ConversationView, query: string): Promise<void> {
  shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!.focus();
  await sendKeys({ type: query });
  await sendKeys({ press: 'Enter' });
}

function markedRow(el: ConversationView, message: Message): Element | null {
  return shadow(el).querySelector(`[part="messages"] [data-key="${message.id}"][aria-current="true"]`);
}

/** Messages written one after the other, each `${label} ${n}`, without socket frames. */
async function writeMany(tenant: SandboxTenant, conversationId: string, label: string, count: number) {
  for (let index = 1; index <= count; index += 1) {
    await tenant.incoming(conversationId, { text: `${label} ${index}`, broadcast: false });
  }
}

/**
 * A conversation with two hits far apart: a few seeded messages, "aardvark first", 150 "middle" ones,
 * "aardvark second", 60 "tail" ones. Opened at one hit, the other is never in the stretch shown.
 */
async function twoHitsFarApart(tenant: SandboxTenant) {
  const conversation = await tenant.createConversation({ contact: { name: 'Mona' }, messages: 5 });
  const first = await tenant.incoming(conversation.id, { text: 'aardvark first', broadcast: false });
  await writeMany(tenant, conversation.id, 'middle', 150);
  const second = await tenant.incoming(conversation.id, { text: 'aardvark second', broadcast: false });
  await writeMany(tenant, conversation.id, 'tail', 60);
  return { conversation, first, second };
}

/** The next calls for the conversation's messages answer only after `delayMs`. */
function slowPages(tenant: SandboxTenant, conversation: Conversation, times: number, delayMs = 2500) {
  return tenant.scenario({
    failures: [{ method: 'GET', path: messagesPath(conversation), times, delay_ms: delayMs }],
  });
}

function messagePageCalls(fetches: PageFetches, conversation: Conversation): number {
  return fetches.urls.filter((url) => new URL(url, location.href).pathname === messagesPath(conversation))
    .length;
}

/**
 * Waits until every API call the page made has been answered in full and the page has drawn whatever
 * it did with the answers: a late answer had its chance to show.
 */
async function answersSettled(el: ConversationView, fetches: PageFetches): Promise<void> {
  await waitUntil(() => fetches.pending === 0, 'calls are still on their way', { timeout: 15000 });
  await waitUntil(
    () =>
      fetches.urls.every((url) =>
        performance
          .getEntriesByName(new URL(url, location.href).href)
          .some((entry) => (entry as PerformanceResourceTiming).responseEnd > 0),
      ),
    'an answer is still being read',
  );
  for (let frame = 0; frame < 3; frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
  }
}

describe('<conversation-view> thread opened at a search hit', () => {
  let tenant: SandboxTenant;
  let fetches: PageFetches | undefined;

  beforeEach(() => {
    tenant = new SandboxTenant();
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(10_000);
  });

  afterEach(() => {
    fetches?.restore();
    fetches = undefined;
  });

  it('shows the hit opened last when an earlier hit of the same thread answers after it', async () => {
    const { conversation, first, second } = await twoHitsFarApart(tenant);
    const el = await mount(tenant);
    await listReady(el);
    await search(el, 'aardvark');
    await waitUntil(() => hits(el).length === 2, 'the two hits are not listed');
    await slowPages(tenant, conversation, 2);
    fetches = trackPageFetches();
    hitShowing(el, 'aardvark first').click();
    await waitUntil(() => messagePageCalls(fetches!, conversation) === 2, 'the first hit asked for nothing');
    hitShowing(el, 'aardvark second').click();
    await waitUntil(() => markedRow(el, second), 'the second hit did not open');
    await answersSettled(el, fetches);
    expect(markedRow(el, second), 'the second hit is no longer shown').to.not.equal(null);
    expect(rowsWith(el, 'aardvark first')).to.have.length(0);
    expect(focusedIn(el)?.getAttribute('data-key')).to.not.equal(first.id);
  });

  it('shows the newest messages when a hit opened before them answers after them', async () => {
    const { conversation } = await twoHitsFarApart(tenant);
    const other = await tenant.createConversation({ contact: { name: 'Other' }, messages: 3 });
    // It matches the search too, so the list keeps it.
    await tenant.incoming(other.id, { text: 'aardvark elsewhere' });
    const el = await mount(tenant);
    await listReady(el);
    await search(el, 'aardvark');
    await waitUntil(() => hits(el).length === 3, 'the three hits are not listed');
    await slowPages(tenant, conversation, 2);
    fetches = trackPageFetches();
    hitShowing(el, 'aardvark first').click();
    await waitUntil(() => messagePageCalls(fetches!, conversation) === 2, 'the hit asked for nothing');
    // Away and back to the same conversation, from the list, while the hit's pages are on their way.
    conversationButton(el, other.id)!.click();
    await waitUntil(
      () =>
        text(shadow(el).querySelector('[part="thread-header"]')).includes('Other') && messageRows(el).length,
      'the other conversation did not open',
    );
    conversationButton(el, conversation.id)!.click();
    await waitUntil(() => rowsWith(el, 'tail 60').length === 1, 'the newest messages did not show');
    await answersSettled(el, fetches);
    expect(rowsWith(el, 'tail 60'), 'the newest messages are no longer shown').to.have.length(1);
    expect(rowsWith(el, 'aardvark first')).to.have.length(0);
    expect(shadow(el).querySelector('[part="jump"]') === null).to.equal(true);
  });

  it('drops a newer page of the previous hit that answers after another hit opened', async () => {
    const { conversation, first, second } = await twoHitsFarApart(tenant);
    const el = await mount(tenant);
    await listReady(el);
    await search(el, 'aardvark');
    await waitUntil(() => hits(el).length === 2, 'the two hits are not listed');
    hitShowing(el, 'aardvark first').click();
    await waitUntil(() => markedRow(el, first), 'the first hit did not open');
    await slowPages(tenant, conversation, 1);
    fetches = trackPageFetches();
    const list = scroller(el);
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await waitUntil(() => messagePageCalls(fetches!, conversation) === 1, 'scrolling down asked for nothing');
    hitShowing(el, 'aardvark second').click();
    await waitUntil(() => markedRow(el, second), 'the second hit did not open');
    await answersSettled(el, fetches);
    expect(markedRow(el, second)).to.not.equal(null);
    // The page after the first hit's stretch ("middle 26" to "middle 75") is not laid above the second's
    // ("middle 126" on): scrolling up, the history goes on without a gap.
    const aboveStretch = () => {
      const rows = messageRows(el);
      const start = rows.findIndex((row) => text(row).includes('middle 126'));
      return start > 0 ? rows[start - 1] : undefined;
    };
    await waitUntil(() => {
      // The second hit's thread is drawn anew: its own scrolling list.
      const secondList = scroller(el);
      secondList.scrollTop = 0;
      secondList.dispatchEvent(new Event('scroll'));
      return aboveStretch();
    }, 'nothing came above the second hit’s stretch');
    expect(text(aboveStretch())).to.include('middle 125');
  });

  it('says when the newer page fails, with Try again, and loads it from there', async () => {
    const conversation = await tenant.createConversation({ contact: { name: 'Rami' }, messages: 10 });
    const hit = await tenant.incoming(conversation.id, { text: 'needle in the thread', broadcast: false });
    await writeMany(tenant, conversation.id, 'after', 80);
    const el = await mount(tenant);
    await listReady(el);
    await search(el, 'needle');
    await waitUntil(() => hits(el).length === 1, 'no message hit');
    hits(el)[0].click();
    await waitUntil(() => markedRow(el, hit), 'the hit did not open');
    await tenant.scenario({
      failures: [{ method: 'GET', path: messagesPath(conversation), times: 1, status: 400 }],
    });
    const list = scroller(el);
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await waitUntil(() => list.querySelector('[role="alert"]'), 'the failure is not shown');
    const alert = list.querySelector('[role="alert"]')!;
    expect(text(alert)).to.include('Newer messages could not be loaded.');
    expect(text(list)).to.not.include('Loading newer messages');
    expect(rowsWith(el, 'after 30')).to.have.length(0);
    await expect(el).to.be.accessible();

    const retry = [...alert.querySelectorAll('button')].find((button) => text(button) === 'Try again')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, 'after 30').length === 1, 'Try again did not load the newer page');
    expect(list.querySelector('[role="alert"]') === null).to.equal(true);
    expect(messageRows(el).length).to.be.greaterThan(51);
  });

  it('says when the older page fails, with Try again, and loads it from there', async () => {
    const conversation = await tenant.createConversation({ contact: { name: 'Salim' }, messages: 120 });
    const el = await mount(tenant);
    await listReady(el);
    conversationButton(el, conversation.id)!.click();
    await waitUntil(() => messageRows(el).length > 0, 'the thread did not open');
    const shownBefore = messageRows(el).length;
    await tenant.scenario({
      failures: [{ method: 'GET', path: messagesPath(conversation), times: 1, status: 400 }],
    });
    const list = scroller(el);
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    await waitUntil(() => list.querySelector('[role="alert"]'), 'the failure is not shown');
    const alert = list.querySelector('[role="alert"]')!;
    expect(text(alert)).to.include('Earlier messages could not be loaded.');
    expect(text(list)).to.not.include('Loading earlier messages');
    const retry = [...alert.querySelectorAll('button')].find((button) => text(button) === 'Try again')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => messageRows(el).length > shownBefore, 'Try again did not load the older page');
    expect(list.querySelector('[role="alert"]') === null).to.equal(true);
  });

  it('says when a further page of hits fails, with Try again on the same button, and loads it from there', async () => {
    const conversation = await tenant.createConversation({ contact: { name: 'Kawthar' }, messages: 3 });
    await writeMany(tenant, conversation.id, 'kiwi', 25);
    const el = await mount(tenant);
    await listReady(el);
    await search(el, 'kiwi');
    await waitUntil(() => hits(el).length === 20, 'the first page of hits is not listed');
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/messages/search', times: 1, status: 400 }],
    });
    const more = [...hitsSection(el)!.querySelectorAll('button')].find(
      (button) => text(button) === 'More messages',
    )!;
    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hitsSection(el)!.querySelector('[role="alert"]'), 'the failure is not shown');
    expect(text(hitsSection(el)!.querySelector('[role="alert"]'))).to.include(
      'More messages could not be loaded.',
    );
    // The button the user pressed keeps the focus and now tries again; nothing spins.
    expect(focusedIn(el)).to.equal(more);
    expect(text(more)).to.equal('Try again');
    expect(more.getAttribute('aria-disabled')).to.equal(null);
    expect(hits(el)).to.have.length(20);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hits(el).length === 25, 'Try again did not load the further hits');
    expect(hitsSection(el)!.querySelector('[role="alert"]') === null).to.equal(true);
    expect(
      [...hitsSection(el)!.querySelectorAll('button')].some((button) => text(button) === 'Try again'),
    ).to.equal(false);
  });
});

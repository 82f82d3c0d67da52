/**
 * <conversation-view>'s search against the sandbox: conversations by contact and by message text on the
 * server (`q`), message hits from `GET /messages/search`, a hit opening its thread at that message with
 * the history around it, and the states around it: typing pauses before a call, a newer search drops the
 * older one, nothing found, a failing search with Try again, and a backend without message search.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../helpers/async.js';
import '../helpers/lit-warnings.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import {
  apiCalls,
  conversationButtons,
  focusedIn,
  listReady,
  messageRows,
  mount,
  scroller,
  shadow,
  text,
} from '../helpers/conversation-view.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';

function searchBox(el: ConversationView): HTMLInputElement {
  return shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
}

function hits(el: ConversationView): HTMLButtonElement[] {
  return [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="search-hit"]')];
}

function hitsSection(el: ConversationView): HTMLElement | null {
  return shadow(el).querySelector<HTMLElement>('section[aria-labelledby="hits-heading"]');
}

function listStatus(el: ConversationView): string {
  return text(shadow(el).querySelector('[part="conversations"]'));
}

async function typeSearch(el: ConversationView, query: string): Promise<void> {
  searchBox(el).focus();
  await sendKeys({ type: query });
}

/** The search calls the element made, by their `q`. */
async function searches(tenant: SandboxTenant, path: string): Promise<string[]> {
  return (await apiCalls(tenant, 'GET', path))
    .map((request) => new URL(request.path, location.origin).searchParams.get('q'))
    .filter((q): q is string => q !== null);
}

describe('<conversation-view> search', () => {
  let tenant: SandboxTenant;

  beforeEach(() => {
    tenant = new SandboxTenant();
  });

  it('finds conversations by contact on the server once typing pauses, with one call for the whole word', async () => {
    await tenant.createConversation({ contact: { name: 'Layla Haddad' }, messages: 3 });
    await tenant.createConversation({ contact: { name: 'Omar Saleh' }, messages: 3 });
    const el = await mount(tenant);
    await listReady(el);
    expect(conversationButtons(el)).to.have.length(2);
    await typeSearch(el, 'layla');
    await waitUntil(
      () => conversationButtons(el).length === 1 && text(conversationButtons(el)[0]).includes('Layla'),
      'the list did not narrow to Layla',
    );
    expect(await searches(tenant, '/api/v1/conversations')).to.deep.equal(['layla']);
    expect(await searches(tenant, '/api/v1/messages/search')).to.deep.equal(['layla']);
  });

  it('finds messages by their text, marks the match, and opens the thread at the hit with the history around it', async () => {
    const conversation = await tenant.createConversation({
      contact: { name: 'Nadia' },
      messages: 200,
      newest_at: new Date(Date.now() - 3600_000).toISOString(),
    });
    // The hit is far from the newest page: 200 seeded messages, then it, then 120 more.
    const hit = await tenant.incoming(conversation.id, { text: 'The parcel code is ZEBRA-42, keep it' });
    for (let index = 0; index < 120; index += 1) {
      await tenant.incoming(conversation.id, { text: `later ${index + 1}`, broadcast: false });
    }
    const el = await mount(tenant);
    await listReady(el);
    await typeSearch(el, 'zebra-42');
    await waitUntil(() => hits(el).length === 1, 'no message hit');
    expect(text(hits(el)[0])).to.include('Nadia');
    expect(text(hits(el)[0].querySelector('mark'))).to.equal('ZEBRA-42');
    // The conversation matches by message text too.
    expect(conversationButtons(el).map((button) => button.dataset.id)).to.deep.equal([conversation.id]);

    const events: string[] = [];
    el.addEventListener('inbox-conversation-open', (event) => events.push(event.detail.conversation.id));
    hits(el)[0].click();
    await waitUntil(
      () => shadow(el).querySelector(`[part="messages"] [data-key="${hit.id}"][aria-current="true"]`),
      'the thread did not open at the hit, marked',
    );
    expect(events).to.deep.equal([conversation.id]);
    const row = shadow(el).querySelector<HTMLElement>(`[data-key="${hit.id}"]`)!;
    await waitUntil(() => focusedIn(el) === row, 'the hit is not focused');
    const view = scroller(el).getBoundingClientRect();
    const box = row.getBoundingClientRect();
    expect(box.top).to.be.at.least(view.top - 1);
    expect(box.bottom).to.be.at.most(view.bottom + 1);
    // The history around it: the page before and the page after, not the newest 50.
    const texts = messageRows(el).map((item) => text(item));
    expect(texts.some((item) => item.includes('later 1 '))).to.equal(true);
    expect(texts.some((item) => item.includes('later 120'))).to.equal(false);
    const pages = await apiCalls(tenant, 'GET', `/api/v1/conversations/${conversation.id}/messages`);
    expect(
      pages.map((request) => new URL(request.path, location.origin).searchParams.has('after')),
    ).to.include(true);

    // "Jump to latest" leaves the hit for the newest messages.
    const jump = shadow(el).querySelector<HTMLButtonElement>('[part="jump"]')!;
    jump.click();
    await waitUntil(
      () => messageRows(el).some((item) => text(item).includes('later 120')),
      'the newest messages did not load',
    );
  });

  it('loads the newer messages as the reader scrolls down from a hit', async () => {
    const conversation = await tenant.createConversation({ contact: { name: 'Rami' }, messages: 10 });
    await tenant.incoming(conversation.id, { text: 'needle in the thread' });
    for (let index = 0; index < 80; index += 1) {
      await tenant.incoming(conversation.id, { text: `after ${index + 1}`, broadcast: false });
    }
    const el = await mount(tenant);
    await listReady(el);
    await typeSearch(el, 'needle');
    await waitUntil(() => hits(el).length === 1, 'no message hit');
    hits(el)[0].click();
    await waitUntil(() => shadow(el).querySelector('[aria-current="true"][data-key]'), 'no marked hit');
    expect(messageRows(el).some((row) => text(row).includes('after 80'))).to.equal(false);
    const list = scroller(el);
    await waitUntil(() => {
      list.scrollTop = list.scrollHeight;
      list.dispatchEvent(new Event('scroll'));
      return messageRows(el).some((row) => text(row).includes('after 80'));
    }, 'scrolling down did not bring the newer messages');
  });

  it('keeps a message that arrives while the thread is opened at an older hit for when the reader gets there', async () => {
    const conversation = await tenant.createConversation({ contact: { name: 'Zaid' }, messages: 5 });
    await tenant.incoming(conversation.id, { text: 'walrus sighting' });
    for (let index = 0; index < 60; index += 1) {
      await tenant.incoming(conversation.id, { text: `between ${index + 1}`, broadcast: false });
    }
    const el = await mount(tenant, { socket: true });
    await listReady(el);
    await typeSearch(el, 'walrus');
    await waitUntil(() => hits(el).length === 1, 'no message hit');
    hits(el)[0].click();
    await waitUntil(() => shadow(el).querySelector('[aria-current="true"][data-key]'), 'no marked hit');
    await tenant.incoming(conversation.id, { text: 'brand new message' });
    // The socket brings it (the list says so) but the thread does not put it after the older window.
    await waitUntil(
      () =>
        text(shadow(el).querySelector(`[part="conversation"][data-id="${conversation.id}"]`)).includes(
          'brand new',
        ),
      'the socket did not bring the new message',
    );
    expect(messageRows(el).some((row) => text(row).includes('brand new message'))).to.equal(false);
    shadow(el).querySelector<HTMLButtonElement>('[part="jump"]')!.click();
    await waitUntil(
      () => messageRows(el).some((row) => text(row).includes('brand new message')),
      'Jump to latest did not show the new message',
    );
    expect(messageRows(el).some((row) => text(row).includes('between 60'))).to.equal(true);
  });

  it('says when nothing matches, and clears the search and filters from there', async () => {
    await tenant.createConversation({ contact: { name: 'Layla' }, messages: 3 });
    const el = await mount(tenant);
    await listReady(el);
    await typeSearch(el, 'no such thing');
    await waitUntil(
      () => listStatus(el).includes('No conversation matches “no such thing”'),
      'no empty state',
    );
    await waitUntil(
      () => text(hitsSection(el)).includes('No messages match “no such thing”'),
      'no empty hits',
    );
    await expect(el).to.be.accessible();
    const clear = [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((button) =>
      text(button).includes('Clear search and filters'),
    )!;
    clear.click();
    await waitUntil(() => conversationButtons(el).length === 1, 'the list did not come back');
    expect(searchBox(el).value).to.equal('');
    expect(hitsSection(el)).to.equal(null);
  });

  it('drops an older search still on its way when a newer one starts', async () => {
    await tenant.createConversation({ contact: { name: 'Sami' }, messages: 3 });
    await tenant.createConversation({ contact: { name: 'Salma' }, messages: 3 });
    const el = await mount(tenant);
    await listReady(el);
    // The next list call, the first search's, is slow: it would answer after the second one.
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/conversations', times: 1, delay_ms: 3000 }],
    });
    await typeSearch(el, 'sa');
    await sendKeys({ press: 'Enter' });
    const older = () =>
      apiCalls(tenant, 'GET', '/api/v1/conversations').then((calls) =>
        calls.find((request) => /[?&]q=sa(&|$)/.test(request.path)),
      );
    await waitUntil(async () => Boolean(await older()), 'the first search was not made');
    await sendKeys({ type: 'lma' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => conversationButtons(el).length === 1 && text(conversationButtons(el)[0]).includes('Salma'),
      'the newer search did not win',
    );
    await waitUntil(async () => (await older())?.abandoned === true, 'the older search was not aborted');
    expect(conversationButtons(el)).to.have.length(1);
    expect(text(conversationButtons(el)[0])).to.include('Salma');
  });

  it('shows a failed message search with Try again, which searches again', async () => {
    await tenant.createConversation({ contact: { name: 'Huda' }, messages: 3 });
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/messages/search', times: 3, status: 503 }],
    });
    const el = await mount(tenant);
    await listReady(el);
    await typeSearch(el, 'huda');
    await waitUntil(() => hitsSection(el)?.querySelector('[role="alert"]'), 'the failure is not shown', {
      timeout: 15000,
    });
    expect(text(hitsSection(el))).to.include('Messages could not be searched.');
    // The conversations the search found still show.
    expect(conversationButtons(el)).to.have.length(1);
    await expect(el).to.be.accessible();
    const retry = [...hitsSection(el)!.querySelectorAll('button')].find((button) =>
      text(button).includes('Try again'),
    )!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => text(hitsSection(el)).includes('No messages match “huda”'),
      'the retry did not search',
    );
  });

  it('hides message hits when the backend cannot search messages (404), and keeps searching conversations', async () => {
    await tenant.createConversation({ contact: { name: 'Karim' }, messages: 3 });
    await tenant.createConversation({ contact: { name: 'Lina' }, messages: 3 });
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/messages/search', times: -1, status: 404 }],
    });
    const el = await mount(tenant);
    await listReady(el);
    await typeSearch(el, 'karim');
    await waitUntil(() => conversationButtons(el).length === 1, 'the list did not narrow');
    await waitUntil(
      async () => (await searches(tenant, '/api/v1/messages/search')).length === 1,
      'no message search was tried',
    );
    await el.updateComplete;
    expect(hitsSection(el)).to.equal(null);
    // Not asked again: the backend said it cannot.
    searchBox(el).select();
    await sendKeys({ type: 'lina' });
    await waitUntil(() => text(conversationButtons(el)[0]).includes('Lina'), 'the second search did not run');
    expect(await searches(tenant, '/api/v1/messages/search')).to.have.length(1);
    expect(hitsSection(el)).to.equal(null);
  });

  it('marks the match where lower case changes a letter’s length before it ("İ" is two letters in lower case)', async () => {
    const conversation = await tenant.createConversation({ contact: { name: 'Selin' }, messages: 3 });
    await tenant.incoming(conversation.id, { text: 'İİİ İstanbul ZEBRA-77 now' });
    const el = await mount(tenant);
    await listReady(el);
    await typeSearch(el, 'zebra-77');
    await waitUntil(() => hits(el).length === 1, 'no message hit');
    expect(text(hits(el)[0].querySelector('mark'))).to.equal('ZEBRA-77');
    expect(text(hits(el)[0])).to.include('İİİ İstanbul ZEBRA-77 now');
  });

  it('lists the hits apart from the conversations, as a list of their own that the list’s keys never reach', async () => {
    const conversation = await tenant.createConversation({ contact: { name: 'Tamer' }, messages: 3 });
    await tenant.incoming(conversation.id, { text: 'a quokka at the door' });
    const el = await mount(tenant);
    await listReady(el);
    await typeSearch(el, 'quokka');
    await waitUntil(() => hits(el).length === 1, 'no message hit');
    const hitList = hits(el)[0].closest('ul')!;
    expect(hitList).to.not.equal(conversationButtons(el)[0].closest('ul'));
    // A list named by the hits' heading, not one more conversation.
    expect(shadow(el).getElementById(hitList.getAttribute('aria-labelledby') ?? '')?.textContent).to.equal(
      'Messages',
    );
    expect(hits(el)[0].matches('[part="conversation"]')).to.equal(false);
    // The conversations' arrow keys stay among the conversations.
    conversationButtons(el)[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedIn(el)).to.equal(conversationButtons(el)[0]);
    await sendKeys({ press: 'End' });
    expect(focusedIn(el)).to.equal(conversationButtons(el)[0]);
    await expect(el).to.be.accessible();
  });

  it('reaches the search, the filters and the hits with the keyboard', async () => {
    await tenant.createConversation({ contact: { name: 'Yusuf' }, messages: 3 });
    const el = await mount(tenant);
    await listReady(el);
    await typeSearch(el, 'yusuf');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => hits(el).length === 0 && text(hitsSection(el)).includes('No messages'),
      'no search',
    );
    // The filters come just before the search, the list just after it.
    await sendKeys({ press: 'Shift+Tab' });
    expect(focusedIn(el)?.getAttribute('type')).to.equal('checkbox');
    await sendKeys({ press: 'Space' });
    await waitUntil(
      async () =>
        (await apiCalls(tenant, 'GET', '/api/v1/conversations')).some((request) =>
          request.path.includes('unread=true'),
        ),
      'the unread filter did not go to the server',
    );
    await expect(el).to.be.accessible();
  });
});

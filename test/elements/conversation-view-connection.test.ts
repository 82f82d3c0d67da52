/**
 * <conversation-view> when sending meets trouble: a server that answers 503 (or another 5xx, a 429, or
 * no answer at all) is named in a full sentence under the message, which the thread scrolls to and the
 * live region says; the connection's state (offline, reconnecting, back online) is one banner for the
 * whole element, while the messages queued behind say so only with their icon's name.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { ar } from '../../src/i18n/ar.js';
import { en, type Strings } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { deepActive, pressUntil, recordAnnouncements, waitFor } from '../helpers/elements.js';
import {
  apiCalls,
  buttonByText,
  externalIdOf,
  messagesPath,
  mount,
  open,
  rowsWith,
  rowWith,
  scroller,
  shadow,
  statusOf,
  text,
  textarea,
  typeAndSend,
} from '../helpers/conversation-view.js';

/** Longer than the HTTP client waits out by itself, so the one 503 reaches the outbox and stays there. */
const RETRY_AFTER_SECONDS = 60;

/** The note under a message that says why it is not sent ("Not sent: …" in `strings`' words). */
function noteOf(row: HTMLElement, strings: Strings = en): HTMLElement | undefined {
  const opening = strings.messageSendFailed('').trim();
  return [...row.querySelectorAll<HTMLElement>('p')].find((p) => text(p).startsWith(opening));
}

/** The element's connection banner. */
function banners(el: ConversationView): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('[part="connection"]')];
}

/** The announcer's live region (the banner is a status region of its own). */
function liveRegion(el: ConversationView): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('[role="status"][aria-live="polite"]')!;
}

function isShown(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return box.width > 1 && box.height > 1 && getComputedStyle(element).visibility !== 'hidden';
}

/** Whether `inner` lies wholly inside `outer` on screen. */
function within(inner: HTMLElement, outer: HTMLElement): boolean {
  const a = inner.getBoundingClientRect();
  const b = outer.getBoundingClientRect();
  return (
    a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5 && a.left >= b.left - 0.5 && a.right <= b.right + 0.5
  );
}

describe('<conversation-view> connection and send failures', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => {
    // A test that went "offline" leaves the page online for the next one.
    window.dispatchEvent(new Event('online'));
  });

  it('says a 503 in full under the message, scrolled into view and announced; Retry sends it once more', async () => {
    const conversation = await tenant.createConversation({ messages: 40 });
    const path = messagesPath(conversation);
    await tenant.scenario({
      failures: [{ method: 'POST', path, status: 503, retry_after: RETRY_AFTER_SECONDS, times: 1 }],
    });
    const el = await mount(tenant);
    await open(el, conversation.id);
    const sentence = en.messageHeldUp(en.messageHeldUpUnavailable(503));
    await typeAndSend(el, 'Are you open on Sunday?');
    await waitFor(() => noteOf(rowWith(el, 'Are you open on Sunday?')), 'no sentence under the message');

    const row = rowWith(el, 'Are you open on Sunday?');
    const note = noteOf(row)!;
    expect(text(note)).to.equal(sentence);
    // Not cut: the whole sentence fits its box, on as many lines as it needs.
    expect(note.scrollWidth).to.be.at.most(note.clientWidth + 1);
    expect(note.scrollHeight).to.be.at.most(note.clientHeight + 1);
    expect(getComputedStyle(note).textOverflow).to.not.equal('ellipsis');
    const retry = buttonByText(row, en.messageRetry);
    buttonByText(row, en.messageDiscard);
    await waitFor(
      () => within(note, scroller(el)) && within(retry, scroller(el)),
      'the thread did not scroll to show the sentence and Retry',
    );
    await waitFor(() => text(liveRegion(el)) === sentence, 'the sentence was not announced');
    expect(banners(el).every((banner) => !isShown(banner))).to.equal(true);

    const first = await apiCalls(tenant, 'POST', path);
    expect(first.map((post) => post.status)).to.deep.equal([503]);
    retry.click();
    retry.click();
    await waitFor(() => statusOf(rowWith(el, 'Are you open on Sunday?')) === 'Sent', 'Retry did not send it');
    expect(rowsWith(el, 'Are you open on Sunday?')).to.have.length(1);
    expect(noteOf(rowWith(el, 'Are you open on Sunday?'))).to.equal(undefined);
    const posts = await apiCalls(tenant, 'POST', path);
    expect(posts.map((post) => post.status)).to.deep.equal([503, 200]);
    expect(externalIdOf(posts[1])).to.equal(externalIdOf(posts[0]));
  });

  for (const [what, failure, reason] of [
    ['a 500', { status: 500, retry_after: RETRY_AFTER_SECONDS }, en.messageHeldUpServerError(500)],
    ['a 429', { status: 429, retry_after: RETRY_AFTER_SECONDS }, en.messageHeldUpRateLimited(429)],
    ['no answer (network down)', { drop: true }, en.messageHeldUpNoConnection],
  ] as const) {
    it(`says ${what} in full under the first message; the ones behind it are only "Queued"`, async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const path = messagesPath(conversation);
      await tenant.scenario({ failures: [{ method: 'POST', path, times: -1, ...failure }] });
      const el = await mount(tenant);
      await open(el, conversation.id);
      await typeAndSend(el, 'first try');
      await waitFor(() => noteOf(rowWith(el, 'first try')), 'no sentence under the message');
      await typeAndSend(el, 'behind it');
      await waitFor(() => statusOf(rowWith(el, 'behind it')) === en.messageQueued, 'not shown as queued');
      expect(text(noteOf(rowWith(el, 'first try')))).to.equal(en.messageHeldUp(reason));
      expect(noteOf(rowWith(el, 'behind it'))).to.equal(undefined);
      expect(text(rowWith(el, 'behind it'))).to.not.match(/wait/i);
      await waitFor(() => text(liveRegion(el)) === en.messageHeldUp(reason), 'not announced');
    });
  }

  it('shows one banner while offline instead of a note per message; "Back online" then goes away by itself', async () => {
    const conversation = await tenant.createConversation({ messages: 3 });
    const path = messagesPath(conversation);
    const el = await mount(tenant);
    await open(el, conversation.id);
    expect(banners(el)).to.have.length(1);
    expect(isShown(banners(el)[0])).to.equal(false);

    await tenant.scenario({ failures: [{ method: 'POST', path, drop: true, times: -1 }] });
    window.dispatchEvent(new Event('offline'));
    await waitFor(() => isShown(banners(el)[0]), 'no banner when offline');
    const banner = banners(el)[0];
    expect(banner.getAttribute('role')).to.equal('status');
    expect(text(banner)).to.equal(en.connectionOffline);
    const said = recordAnnouncements(banner);

    for (const line of ['one offline', 'two offline', 'three offline']) await typeAndSend(el, line);
    await waitFor(
      () =>
        ['two offline', 'three offline'].every((line) => statusOf(rowWith(el, line)) === en.messageQueued),
      'the messages behind the first are not queued',
    );
    expect(banners(el)).to.have.length(1);
    for (const line of ['two offline', 'three offline'])
      expect(noteOf(rowWith(el, line))).to.equal(undefined);
    const rowsText = ['one offline', 'two offline', 'three offline'].map((line) => text(rowWith(el, line)));
    expect(rowsText.join(' ')).to.not.match(/waiting/i);
    await expect(el).to.be.accessible();

    await tenant.scenario({ failures: [] });
    window.dispatchEvent(new Event('online'));
    await waitFor(
      () =>
        ['one offline', 'two offline', 'three offline'].every(
          (line) => statusOf(rowWith(el, line)) === 'Sent',
        ),
      'the queued messages were not sent once online',
      12_000,
    );
    await waitFor(() => !isShown(banners(el)[0]), '"Back online" did not go away', 8000);
    said.stop();
    expect(said.texts).to.include(en.connectionBack);
    expect(said.texts.indexOf(en.connectionBack)).to.be.greaterThan(said.texts.indexOf(en.connectionOffline));
    expect(banners(el)).to.have.length(1);
    const sent = (await apiCalls(tenant, 'POST', path)).filter((post) => post.status === 200);
    expect(sent.map((post) => (post.body as { text: string }).text)).to.deep.equal([
      'one offline',
      'two offline',
      'three offline',
    ]);
  });

  it('says "Reconnecting…" once for the element when the socket drops, then "Back online", then nothing', async () => {
    const conversation = await tenant.createConversation({ messages: 3 });
    const el = await mount(tenant, { socket: true });
    await open(el, conversation.id);
    const banner = banners(el)[0];
    const said = recordAnnouncements(banner);
    await waitFor(async () => (await tenant.dropSockets()).dropped > 0, 'the socket never connected');
    await waitFor(() => said.texts.includes(en.connectionBack), 'no "Back online" after the drop');
    await waitFor(() => !isShown(banner), '"Back online" did not go away', 8000);
    said.stop();
    expect(said.texts.slice(0, 2)).to.deep.equal([en.connectionReconnecting, en.connectionBack]);
    expect(banners(el)).to.have.length(1);
  });

  it('reaches Retry by keyboard from the composer and sends with Enter', async () => {
    const conversation = await tenant.createConversation({ messages: 5 });
    const path = messagesPath(conversation);
    await tenant.scenario({
      failures: [{ method: 'POST', path, status: 503, retry_after: RETRY_AFTER_SECONDS, times: 1 }],
    });
    const el = await mount(tenant);
    await open(el, conversation.id);
    await typeAndSend(el, 'keyboard only');
    await waitFor(() => noteOf(rowWith(el, 'keyboard only')), 'no sentence under the message');
    await expect(el).to.be.accessible();
    // The message list is one tab stop: Shift+Tab from the composer reaches it, End goes to the
    // newest message (the unsent one), and Tab enters it.
    textarea(el).focus();
    await pressUntil((active) => active?.getAttribute('role') === 'listitem', {
      key: 'Shift+Tab',
      what: 'the message list',
    });
    await sendKeys({ press: 'End' });
    expect(deepActive()).to.equal(rowWith(el, 'keyboard only'));
    await pressUntil((active) => active?.tagName === 'BUTTON' && text(active) === en.messageRetry, {
      what: 'Retry',
      limit: 5,
    });
    expect(rowWith(el, 'keyboard only').contains(deepActive())).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => statusOf(rowWith(el, 'keyboard only')) === 'Sent', 'Enter on Retry did not send it');
    const posts = await apiCalls(tenant, 'POST', path);
    expect(posts.map((post) => post.status)).to.deep.equal([503, 200]);
  });

  it('says the banner and the 503 in Arabic on an Arabic page', async () => {
    const conversation = await tenant.createConversation({ messages: 3 });
    const path = messagesPath(conversation);
    await tenant.scenario({
      failures: [{ method: 'POST', path, status: 503, retry_after: RETRY_AFTER_SECONDS, times: 1 }],
    });
    const el = await mount(tenant, { lang: 'ar', dir: 'rtl' });
    await open(el, conversation.id);
    window.dispatchEvent(new Event('offline'));
    await waitFor(() => text(banners(el)[0]) === ar.connectionOffline, 'no Arabic offline banner');
    await typeAndSend(el, 'in Arabic');
    await waitFor(() => noteOf(rowWith(el, 'in Arabic'), ar), 'no Arabic sentence under the message');
    expect(text(noteOf(rowWith(el, 'in Arabic'), ar))).to.equal(
      ar.messageHeldUp(ar.messageHeldUpUnavailable(503)),
    );
    expect(buttonByText(rowWith(el, 'in Arabic'), ar.messageRetry)).to.be.instanceOf(HTMLButtonElement);
    await expect(el).to.be.accessible();
  });

  it('stops listening for online and offline when it leaves the page, and shows nothing stale on return', async () => {
    const conversation = await tenant.createConversation({ messages: 3 });
    const listening = new Set<EventListenerOrEventListenerObject>();
    const { addEventListener, removeEventListener } = window;
    window.addEventListener = function (this: Window, ...args: Parameters<Window['addEventListener']>) {
      if ((args[0] === 'online' || args[0] === 'offline') && args[1]) listening.add(args[1]);
      addEventListener.apply(this, args);
    } as Window['addEventListener'];
    window.removeEventListener = function (this: Window, ...args: Parameters<Window['removeEventListener']>) {
      if (args[1]) listening.delete(args[1]);
      removeEventListener.apply(this, args);
    } as Window['removeEventListener'];
    try {
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      expect(listening.size).to.be.greaterThan(0);
      window.dispatchEvent(new Event('offline'));
      await waitFor(() => isShown(banners(el)[0]), 'no banner when offline');
      const parent = el.parentElement!;
      el.remove();
      expect(listening.size).to.equal(0);
      window.dispatchEvent(new Event('online'));
      parent.append(el);
      await el.updateComplete;
      expect(isShown(banners(el)[0])).to.equal(false);
    } finally {
      window.addEventListener = addEventListener;
      window.removeEventListener = removeEventListener;
    }
  });
});
